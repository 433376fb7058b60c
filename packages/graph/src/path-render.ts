// One line from the holder to the object, with repetition folded (path-folding.ts):
//   (module scope of server.mjs) agent.history[] → ChatMessage
//   (module scope of node:internal/timers) timerListMap[3600000] → TimersList (._idleNext)×1–500 → Timeout._onTimeout → poll()
//   (module scope) sessionsById["c-1042"] → Session
// Property and element steps chain directly; before any other edge the node it leaves is
// named (`→ Class`); a closure's `(internal context)` edge is left out so its variables read
// as `closure()::name`; a Map's `(internal table)` + slot hop reads `[key]` (or ` (entries)`
// when the key is not known); a run is written `(block)×count` and followed by the class it
// ends on. Array indices fold to `[]`; an element of a keyed object (`timerListMap[3600000]`)
// keeps its index, and a leaf string shows its first characters.
//
// The signature is the same walk over the folded tokens alone: every step as `label→Class`,
// runs as `(…)×`, no counts, keys or ids. A path that goes through an `avoid` pattern (no
// other path exists) says so first: `(no path avoids Array) (module scope of …) …`.

import { PathFolder, runsOf, type Token } from './path-folding.js';
import { mapSlotKind } from './step-details.js';
import { stepKeys, type StepKeys } from './step-keys.js';
import type { HeapGraph, PathStep, RepeatRange } from './types.js';
import { NONE } from './types.js';

/** The folded tokens of a path's steps (from its start). */
export function foldSteps(graph: HeapGraph, steps: readonly PathStep[]): Token[] {
  if (steps.length === 0) return [];
  const keys = stepKeys(graph);
  const folder = new PathFolder();
  let f = -1;
  steps.forEach((s, i) => {
    const pair = i === 0 ? keys.start(s.ordinal, s.edgeOrdinal ?? NONE) : keys.step(s.edgeOrdinal!, s.ordinal);
    f = folder.append(f, pair);
  });
  return folder.tokens(f);
}

export interface RenderedPath {
  readonly text: string;
  readonly signature: string;
  readonly repeats: RepeatRange[];
}

/**
 * Text and signature of `steps` folded as `tokens`; `ranges` (one per run, pre-order, as
 * runsOf() lists them) replaces each run's own count by a group's range.
 */
export function renderPath(graph: HeapGraph, steps: readonly PathStep[], tokens: readonly Token[], ranges?: readonly RepeatRange[]): RenderedPath {
  if (steps.length === 0) return { text: '(unreachable)', signature: '(unreachable)', repeats: [] };
  const keys = stepKeys(graph);
  const repeats = ranges ? [...ranges] : runsOf(tokens).map((t) => ({ min: t.min, max: t.max }));
  const writer = new TextWriter(graph, steps, keys, repeats);
  writer.write(tokens, 0, true);
  return { text: avoidedPrefix(steps) + writer.finish(), signature: signature(keys, tokens), repeats };
}

/** `(no path avoids _events) ` when the path had to go through what the caller asked to avoid. */
function avoidedPrefix(steps: readonly PathStep[]): string {
  const patterns = [...new Set(steps.flatMap((s) => (s.avoided === undefined ? [] : [s.avoided])))];
  return patterns.length === 0 ? '' : `(no path avoids ${patterns.join(', ')}) `;
}

function signature(keys: StepKeys, tokens: readonly Token[]): string {
  const part = (t: Token): string =>
    t.block === null
      ? keys.pairLabel[t.pair] === ''
        ? keys.pairClass[t.pair]!
        : `${keys.pairLabel[t.pair]}→${keys.pairClass[t.pair]}`
      : `(${t.block.map(part).join(' ')})×`;
  return tokens.map(part).join(' ');
}

function rangeText(r: RepeatRange | undefined): string {
  if (!r) return '';
  return r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`;
}

/** A bound function's parts read like its variables. */
const BOUND_LABELS: Record<string, string> = {
  '(internal bound_this)': '::this',
  '(internal bound_arguments)': '::arguments',
};

class TextWriter {
  private text = '';
  /** Whether the node we stand on is already named in the text. */
  private named = true;
  /** Step index of the node we stand on. */
  private at = 0;
  private startIsScope = false;
  private run = 0;
  /** Per step: 1 when it is promise machinery between a settle function and the function it resumes. */
  private readonly collapsed: Uint8Array;

  constructor(
    private readonly graph: HeapGraph,
    private readonly steps: readonly PathStep[],
    private readonly keys: StepKeys,
    private readonly repeats: readonly RepeatRange[],
  ) {
    this.collapsed = awaitHops(steps);
  }

  private display(i: number): string {
    const s = this.steps[i]!;
    if (s.name !== undefined) return s.name;
    if (i === this.steps.length - 1 && s.value !== undefined) return s.value;
    return s.className;
  }

  private label(i: number): string {
    const s = this.steps[i]!;
    const folded = this.keys.labels.labels[this.keys.labels.id(s.edgeOrdinal!)]!;
    if (folded === '[]' && s.key !== undefined) return `[${s.key}]`;
    return BOUND_LABELS[folded] ?? folded;
  }

  private nameCurrent(): void {
    if (!this.named) this.text += ` → ${this.display(this.at)}`;
    this.named = true;
  }

  /** Writes `tokens`, whose first step is `first`; returns the step index after them. */
  write(tokens: readonly Token[], first: number, top: boolean): number {
    let i = first;
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!;
      if (t.block !== null) {
        this.nameCurrent();
        const range = this.repeats[this.run++];
        const outer = this.text;
        this.text = '';
        this.named = true;
        const end = this.write(t.block, i, false);
        const inner = this.text.trimStart();
        this.text = `${outer} (${inner})×${rangeText(range)}`;
        // Skip the other occurrences: the block was written from its first.
        i += t.span;
        this.at = i - 1;
        this.named = false;
        void end;
        this.nameCurrent();
        continue;
      }
      if (top && i === 0) {
        this.text = this.keys.pairClass[t.pair]!;
        this.startIsScope = this.text.startsWith('(module scope');
        this.at = 0;
        i++;
        continue;
      }
      if (this.collapsed[i] === 1) {
        // The await machinery: promise, reaction, await closure and context read as `…`.
        if (this.collapsed[i - 1] !== 1) {
          this.nameCurrent();
          this.text += ' → …';
        }
        this.named = true;
        this.at = i++;
        continue;
      }
      if (this.collapsed[i - 1] === 1) {
        this.text += ` → ${this.display(i)}`;
        this.named = true;
        this.at = i++;
        continue;
      }
      const label = this.label(i);
      const next = tokens[k + 1];
      if (label.startsWith('.') || label.startsWith('[')) {
        this.text += label;
        this.named = false;
      } else if (label.startsWith('::') && i === 1 && this.startIsScope) {
        this.text += ` ${label.slice(2)}`;
        this.named = false;
      } else if (label.startsWith('::')) {
        this.nameCurrent();
        this.text += label;
        this.named = false;
      } else if (label === '(internal table)' && this.steps[i]!.className === '(array)' && next?.block === null && i + 1 < this.steps.length && this.label(i + 1) === '(internal [])') {
        // Map/Set backing store: `table` then a numbered slot is the entry; its key names it.
        const key = this.steps[i + 1]!.key;
        if (key !== undefined) this.text += `[${key}]`;
        else {
          this.nameCurrent();
          const slot = mapSlotKind(this.graph, this.steps[i]!.ordinal, this.steps[i + 1]!.edgeOrdinal!);
          this.text += slot === 'key' ? ' (keys)' : ' (entries)';
        }
        this.named = false;
        k++;
        i++;
      } else if (label === '(internal parameters_and_registers)' && next?.block === null && i + 1 < this.steps.length && this.label(i + 1) === '(internal [])') {
        // A suspended function's parameters and registers: V8 keeps no names for them.
        this.nameCurrent();
        this.text += '::(local)';
        this.named = false;
        k++;
        i++;
      } else {
        this.nameCurrent();
        if (label !== '(internal context)') this.text += ` ${label}`;
        this.named = label === '(internal context)';
        if (!this.named) {
          this.at = i;
          i++;
          continue;
        }
      }
      this.at = i;
      i++;
    }
    return i;
  }

  finish(): string {
    this.nameCurrent();
    return this.text;
  }
}

const AWAIT_MACHINERY = new Set(['Promise', '(system)', 'system / Context']);
const SUSPENDED = /\(\) \(suspended/;

/**
 * Marks the steps between a promise's settle function (or any step) and the suspended
 * function it resumes that are only promise machinery: Promise, PromiseReaction, the await
 * closures and their context. They are written `…`.
 */
function awaitHops(steps: readonly PathStep[]): Uint8Array {
  const out = new Uint8Array(steps.length + 1);
  for (let j = 1; j < steps.length; j++) {
    if (!SUSPENDED.test(steps[j]!.name ?? '')) continue;
    let k = j - 1;
    while (k > 0 && (AWAIT_MACHINERY.has(steps[k]!.className) || steps[k]!.name === '(await)') && steps[k]!.name !== 'resolve()') k--;
    for (let x = k + 1; x < j; x++) out[x] = 1;
  }
  return out;
}
