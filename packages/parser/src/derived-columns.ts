// Node columns the parser does not store but can give back on demand, so a
// 1 GB snapshot does not pay 4 bytes per node for each of them:
// - `edgeCount` is the step of `firstEdge`, which every pass uses instead;
// - `traceNodeId` is all zeros unless allocation tracking was on (Node writes the
//   field anyway), so the column is only stored once a non-zero id is read.
// Both are enumerable getters that build the array on first access and cache it.

/** Defines `key` on `target` as an enumerable getter that builds its value once, on first access. */
export function defineLazy<T extends object, V>(target: T, key: string, build: () => V): void {
  let value: V | undefined;
  let built = false;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: false,
    get(): V {
      if (!built) {
        value = build();
        built = true;
      }
      return value as V;
    },
  });
}

/** Edges per node, from the CSR starts (length nodeCount + 1). */
export function edgeCountsOf(firstEdge: Uint32Array): Uint32Array {
  const n = firstEdge.length - 1;
  const counts = new Uint32Array(Math.max(0, n));
  for (let i = 0; i < n; i++) counts[i] = firstEdge[i + 1]! - firstEdge[i]!;
  return counts;
}

/**
 * Copies property `key` of `from` onto `to` when it holds something, a getter as a
 * getter: columns another reader builds or reads on first use (the graph cache's) stay so.
 */
export function carryProperty(to: object, from: object, key: string): void {
  const d = Object.getOwnPropertyDescriptor(from, key);
  if (d !== undefined && (d.get !== undefined || d.value !== undefined)) Object.defineProperty(to, key, { ...d, enumerable: true });
}
