// Folding repetition in a path: a run of the same step, or of the same cycle of up to
// MAX_CYCLE steps, repeated two or more times becomes one *run* token with its count, so a
// linked list reads `(._idleNext)×17` and a closure chain `(.someMethod → someMethod()::originalThing)×899`.
//
// Folding is online: a path is a persistent list of tokens built one step at a time from
// its start, and after each step only the tail is examined:
//   A. the last p tokens equal the block of the run just before them → that run's count + 1;
//   B. the last 2p tokens are one block of p twice → a new run of 2.
// p goes from 1 to MAX_CYCLE, the first match wins, and the check repeats after a fold (a
// finished run can complete an outer cycle: nested repeats). Token keys ignore counts, so
// paths that differ only in how many times a block repeats end with the same key: that is
// the group key (path-groups.ts). Each step costs O(MAX_CYCLE²) token comparisons, and
// paths sharing a prefix share its folded list, so folding the paths of many objects is
// linear in the union of their paths.

/** Longest cycle folded, in tokens. */
export const MAX_CYCLE = 6;

export class Token {
  constructor(
    /** Interned shape without counts: equal keys = equal folded shapes. */
    readonly key: number,
    /** The (label, class) pair id of a single step; -1 for a run. */
    readonly pair: number,
    /** The repeated block of a run (null for a single step). */
    readonly block: readonly Token[] | null,
    /** Repeats of the block (1 for a single step). */
    readonly count: number,
    /** Smallest and largest count this token had wherever it was merged (nested runs). */
    readonly min: number,
    readonly max: number,
    /** Raw steps covered. */
    readonly span: number,
  ) {}
}

/** A folded path: its last token and the folded path before it. */
export class Folded {
  constructor(
    readonly parent: Folded | null,
    readonly token: Token,
    /** Interned key of the whole sequence (without counts). */
    readonly key: number,
    readonly depth: number,
  ) {}

  /** Tokens from the start. */
  tokens(): Token[] {
    const out: Token[] = [];
    for (let f: Folded | null = this; f !== null; f = f.parent) out.push(f.token);
    return out.reverse();
  }
}

/** Interns integer pairs to dense ids (numeric keys while they fit, strings beyond). */
class PairInterner {
  private readonly small = new Map<number, number>();
  private readonly wide = new Map<string, number>();
  private next = 1;
  id(a: number, b: number): number {
    if (b < 2 ** 22 && a < 2 ** 30) {
      const k = a * 2 ** 22 + b;
      let id = this.small.get(k);
      if (id === undefined) this.small.set(k, (id = this.next++));
      return id;
    }
    const k = `${a},${b}`;
    let id = this.wide.get(k);
    if (id === undefined) this.wide.set(k, (id = this.next++));
    return id;
  }
}

export class PathFolder {
  private readonly tokenKeys = new PairInterner();
  private readonly seqKeys = new PairInterner();
  private readonly singles = new Map<number, Token>();
  private readonly tail: (Folded | null)[] = new Array(2 * MAX_CYCLE + 2).fill(null);

  /** The token for one step with (label, class) pair id `pair`. */
  single(pair: number): Token {
    let t = this.singles.get(pair);
    if (!t) this.singles.set(pair, (t = new Token(this.tokenKeys.id(0, pair), pair, null, 1, 1, 1, 1)));
    return t;
  }

  /** `path` followed by a step with pair id `pair`, folded. */
  append(path: Folded | null, pair: number): Folded {
    let f = this.cons(path, this.single(pair));
    for (;;) {
      const folded = this.foldTail(f);
      if (folded === null) return f;
      f = folded;
    }
  }

  /** The key a folded path with exactly these tokens has. */
  sequenceKey(tokens: readonly Token[]): number {
    let k = 0;
    for (const t of tokens) k = this.seqKeys.id(k, t.key);
    return k;
  }

  private cons(parent: Folded | null, token: Token): Folded {
    return new Folded(parent, token, this.seqKeys.id(parent?.key ?? 0, token.key), (parent?.depth ?? 0) + 1);
  }

  private blockKey(tokens: readonly Token[]): number {
    let k = 0;
    for (const t of tokens) k = this.seqKeys.id(k, t.key);
    return k;
  }

  private foldTail(f: Folded): Folded | null {
    // tail[i] = the folded path ending i tokens before the end (tail[0] = f).
    const tail = this.tail;
    let count = 0;
    for (let x: Folded | null = f; x !== null && count < tail.length; x = x.parent) tail[count++] = x;
    for (let p = 1; p <= MAX_CYCLE; p++) {
      // A: run(block of p) followed by that block again.
      if (count >= p + 1) {
        const run = tail[p]!.token;
        if (run.block !== null && run.block.length === p && this.sameBlock(run.block, tail, p - 1)) {
          const occurrence = this.collect(tail, p - 1, p);
          const block = mergeBlocks(run.block, occurrence);
          return this.cons(tail[p]!.parent, this.run(block, run.count + 1, run.span + spanOf(occurrence)));
        }
      }
      // B: the same block of p twice.
      if (count >= 2 * p) {
        let same = true;
        for (let i = 0; i < p && same; i++) same = tail[i]!.token.key === tail[i + p]!.token.key;
        if (same) {
          const first = this.collect(tail, 2 * p - 1, p);
          const second = this.collect(tail, p - 1, p);
          return this.cons(tail[2 * p - 1]!.parent, this.run(mergeBlocks(first, second), 2, spanOf(first) + spanOf(second)));
        }
      }
    }
    return null;
  }

  /** Whether the p tokens ending at tail[0] (from tail[from] down) have the block's keys. */
  private sameBlock(block: readonly Token[], tail: readonly (Folded | null)[], from: number): boolean {
    for (let i = 0; i < block.length; i++) if (block[i]!.key !== tail[from - i]!.token.key) return false;
    return true;
  }

  /** The p tokens from tail[from] down to tail[from - p + 1], in path order. */
  private collect(tail: readonly (Folded | null)[], from: number, p: number): Token[] {
    const out: Token[] = [];
    for (let i = 0; i < p; i++) out.push(tail[from - i]!.token);
    return out;
  }

  private run(block: readonly Token[], count: number, span: number): Token {
    return new Token(this.tokenKeys.id(1, this.blockKey(block)), -1, block, count, count, count, span);
  }
}

function spanOf(tokens: readonly Token[]): number {
  let s = 0;
  for (const t of tokens) s += t.span;
  return s;
}

/** Two occurrences of one block (same keys): inner runs keep the range of their counts. */
function mergeBlocks(a: readonly Token[], b: readonly Token[]): Token[] {
  return a.map((x, i) => {
    const y = b[i]!;
    if (x.block === null) return x;
    return new Token(x.key, -1, mergeBlocks(x.block, y.block!), x.count, Math.min(x.min, y.min), Math.max(x.max, y.max), x.span);
  });
}

/** Runs of a folded path in pre-order (outer before inner), for collecting count ranges. */
export function runsOf(tokens: readonly Token[], out: Token[] = []): Token[] {
  for (const t of tokens) {
    if (t.block === null) continue;
    out.push(t);
    runsOf(t.block, out);
  }
  return out;
}
