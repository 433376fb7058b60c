// How much memory an analysed snapshot holds, for the cache's budget: the bytes of
// every typed array reachable from the graph in a few property hops (node and edge
// columns, the string table's byte blocks, the analysis arrays), each ArrayBuffer
// counted once because analyze() carves several arrays out of one scratch buffer.
// Plain JS strings (class names) are counted at two bytes a character.

/** Property hops followed from the graph: graph → snapshot → strings → blocks → Buffer. */
const MAX_DEPTH = 4;

export function estimateMemory(root: object): number {
  const seenBuffers = new Set<ArrayBufferLike>();
  const seenObjects = new Set<object>();
  let bytes = 0;
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string') {
      bytes += 2 * value.length;
      continue;
    }
    if (value === null || typeof value !== 'object' || seenObjects.has(value)) continue;
    seenObjects.add(value);
    if (ArrayBuffer.isView(value)) {
      if (!seenBuffers.has(value.buffer)) {
        seenBuffers.add(value.buffer);
        bytes += value.buffer.byteLength;
      }
      continue;
    }
    if (depth >= MAX_DEPTH) continue;
    const children = Array.isArray(value) ? value : Object.values(value);
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  return bytes;
}
