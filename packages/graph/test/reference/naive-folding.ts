// Folding and grouping of paths written the slow, plain way (arrays and strings), to check
// path-folding.ts and path-groups.ts on random graphs. The rules are restated here from
// docs/DESIGN.md, not imported.

export interface NaiveToken {
  /** Shape without counts: a step's own key, or `(block keys)×` for a run. */
  readonly key: string;
  readonly block?: NaiveToken[];
  count: number;
}

const MAX_CYCLE = 6;

/** After each step, fold the tail until nothing folds: a run followed by its block, or a block twice. */
export function naiveFold(keys: readonly string[]): NaiveToken[] {
  const out: NaiveToken[] = [];
  for (const key of keys) {
    out.push({ key, count: 1 });
    while (foldOnce(out)) {
      // keep folding
    }
  }
  return out;
}

function sameKeys(a: readonly NaiveToken[], b: readonly NaiveToken[]): boolean {
  return a.length === b.length && a.every((t, i) => t.key === b[i]!.key);
}

function foldOnce(out: NaiveToken[]): boolean {
  for (let p = 1; p <= MAX_CYCLE; p++) {
    if (out.length >= p + 1) {
      const run = out[out.length - p - 1]!;
      if (run.block && sameKeys(run.block, out.slice(out.length - p))) {
        out.splice(out.length - p, p);
        run.count++;
        return true;
      }
    }
    if (out.length >= 2 * p) {
      const a = out.slice(out.length - 2 * p, out.length - p);
      const b = out.slice(out.length - p);
      if (sameKeys(a, b)) {
        out.splice(out.length - 2 * p, 2 * p, { key: `(${a.map((t) => t.key).join(' ')})×`, block: a, count: 2 });
        return true;
      }
    }
  }
  return false;
}

export function shapeKey(tokens: readonly NaiveToken[]): string {
  return tokens.map((t) => t.key).join(' ');
}

/**
 * Groups of targets by folded shape, then a group whose shape is another's with some of its
 * (first three) top-level runs written once or left out joins that other group; groups with
 * more members claim first (ties: the shape key as the folder interns it is not known here,
 * so the test only uses graphs where claims do not compete, and checks that).
 */
export function naiveGroups(shapes: ReadonlyMap<number, NaiveToken[]>): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  const tokensOf = new Map<string, NaiveToken[]>();
  for (const [target, tokens] of shapes) {
    const key = shapeKey(tokens);
    groups.set(key, [...(groups.get(key) ?? []), target]);
    tokensOf.set(key, tokens);
  }
  const withRuns = [...groups.keys()].filter((k) => tokensOf.get(k)!.some((t) => t.block));
  withRuns.sort((a, b) => groups.get(b)!.length - groups.get(a)!.length);
  for (const key of withRuns) {
    if (!groups.has(key)) continue;
    const tokens = tokensOf.get(key)!;
    const runAt = tokens.flatMap((t, i) => (t.block ? [i] : [])).slice(0, 3);
    for (let v = 1; v < 3 ** runAt.length; v++) {
      let code = v;
      const digits = new Map<number, number>();
      for (const at of runAt) {
        digits.set(at, code % 3);
        code = Math.floor(code / 3);
      }
      const variant = tokens.flatMap((t, i) => {
        const d = digits.get(i);
        return d === undefined || d === 0 ? [t] : d === 1 ? t.block! : [];
      });
      const other = shapeKey(variant);
      if (other === key || !groups.has(other)) continue;
      groups.set(key, [...groups.get(key)!, ...groups.get(other)!]);
      groups.delete(other);
    }
  }
  return groups;
}
