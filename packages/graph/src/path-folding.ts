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

/**
 * Folds paths. A folded path is an id (-1 = the empty path) into parallel typed arrays:
 * its last token, the folded path before it, its key (without counts); no object per step,
 * since a group of a million paths has a million of them.
 */
export class PathFolder {
  private readonly tokenKeys = new PairInterner();
  private readonly seqKeys = new PairInterner();
  private readonly tokenList: Token[] = [];
  private readonly singles: number[] = [];
  private parents = new Int32Array(1024);
  private tokenOf = new Int32Array(1024);
  private keys = new Int32Array(1024);
  private runs = new Uint8Array(1024);
  private size = 0;
  private readonly tail = new Int32Array(2 * MAX_CYCLE + 2);

  /** The token index for one step with (label, class) pair id `pair`. */
  private single(pair: number): number {
    let t = this.singles[pair];
    if (t === undefined) {
      t = this.tokenList.length;
      this.tokenList.push(new Token(this.tokenKeys.id(0, pair), pair, null, 1, 1, 1, 1));
      this.singles[pair] = t;
    }
    return t;
  }

  /** `path` (-1 for none) followed by a step with pair id `pair`, folded. */
  append(path: number, pair: number): number {
    let f = this.cons(path, this.single(pair));
    for (;;) {
      const folded = this.foldTail(f);
      if (folded < 0) return f;
      f = folded;
    }
  }

  /** Key of a folded path: equal keys, equal shapes without counts. */
  key(f: number): number {
    return this.keys[f]!;
  }

  /** The folded path before the last token (-1 when none). */
  parent(f: number): number {
    return this.parents[f]!;
  }

  /** Whether any token of the path is a run. */
  hasRuns(f: number): boolean {
    return this.runs[f] === 1;
  }

  /** Tokens of a folded path from its start. */
  tokens(f: number): Token[] {
    const out: Token[] = [];
    for (let x = f; x >= 0; x = this.parents[x]!) out.push(this.tokenList[this.tokenOf[x]!]!);
    return out.reverse();
  }

  /** The key a folded path with exactly these tokens has. */
  sequenceKey(tokens: readonly Token[]): number {
    let k = 0;
    for (const t of tokens) k = this.seqKeys.id(k, t.key);
    return k;
  }

  private cons(parent: number, token: number): number {
    if (this.size === this.parents.length) {
      const grow32 = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.parents = grow32(this.parents);
      this.tokenOf = grow32(this.tokenOf);
      this.keys = grow32(this.keys);
      const r = new Uint8Array(this.runs.length * 2);
      r.set(this.runs);
      this.runs = r;
    }
    const f = this.size++;
    const t = this.tokenList[token]!;
    this.parents[f] = parent;
    this.tokenOf[f] = token;
    this.keys[f] = this.seqKeys.id(parent < 0 ? 0 : this.keys[parent]!, t.key);
    this.runs[f] = (parent >= 0 && this.runs[parent] === 1) || t.block !== null ? 1 : 0;
    return f;
  }

  private blockKey(tokens: readonly Token[]): number {
    return this.sequenceKey(tokens);
  }

  private tokenAt(tail: Int32Array, i: number): Token {
    return this.tokenList[this.tokenOf[tail[i]!]!]!;
  }

  private foldTail(f: number): number {
    // tail[i] = the folded path ending i tokens before the end (tail[0] = f).
    const tail = this.tail;
    let count = 0;
    for (let x = f; x >= 0 && count < tail.length; x = this.parents[x]!) tail[count++] = x;
    const last = this.tokenAt(tail, 0).key;
    for (let p = 1; p <= MAX_CYCLE; p++) {
      // A: run(block of p) followed by that block again.
      if (count >= p + 1) {
        const run = this.tokenAt(tail, p);
        if (run.block !== null && run.block.length === p && run.block[p - 1]!.key === last && this.sameBlock(run.block, tail, p - 1)) {
          const occurrence = this.collect(tail, p - 1, p);
          const block = mergeBlocks(run.block, occurrence);
          return this.cons(this.parents[tail[p]!]!, this.run(block, run.count + 1, run.span + spanOf(occurrence)));
        }
      }
      // B: the same block of p twice.
      if (count >= 2 * p && this.tokenAt(tail, p).key === last) {
        let same = true;
        for (let i = 1; i < p && same; i++) same = this.tokenAt(tail, i).key === this.tokenAt(tail, i + p).key;
        if (same) {
          const first = this.collect(tail, 2 * p - 1, p);
          const second = this.collect(tail, p - 1, p);
          return this.cons(this.parents[tail[2 * p - 1]!]!, this.run(mergeBlocks(first, second), 2, spanOf(first) + spanOf(second)));
        }
      }
    }
    return -1;
  }

  /** Whether the p tokens ending at tail[0] (from tail[from] down) have the block's keys. */
  private sameBlock(block: readonly Token[], tail: Int32Array, from: number): boolean {
    for (let i = 0; i < block.length; i++) if (block[i]!.key !== this.tokenAt(tail, from - i).key) return false;
    return true;
  }

  /** The p tokens from tail[from] down to tail[from - p + 1], in path order. */
  private collect(tail: Int32Array, from: number, p: number): Token[] {
    const out: Token[] = [];
    for (let i = 0; i < p; i++) out.push(this.tokenAt(tail, from - i));
    return out;
  }

  /** Index of a new run token. */
  private run(block: readonly Token[], count: number, span: number): number {
    this.tokenList.push(new Token(this.tokenKeys.id(1, this.blockKey(block)), -1, block, count, count, count, span));
    return this.tokenList.length - 1;
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
