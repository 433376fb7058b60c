// The explicit stacks of the graph walks start small and double on demand.

/** A Uint32Array twice as long with `a`'s contents at its start. */
export function grow(a: Uint32Array): Uint32Array<ArrayBuffer> {
  const bigger = new Uint32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}
