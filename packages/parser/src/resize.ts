// Growing a typed array: a bigger one of the same kind with the old contents at its start.
// The graph's explicit stacks use `grow` too, so there is one copy of this in the repository.

export function resize<T extends Uint8Array | Int32Array | Uint32Array | Float64Array>(from: ArrayLike<number>, to: T): T {
  to.set(from);
  return to;
}

/** A Uint32Array twice as long with `a`'s contents at its start (explicit stacks start small and double). */
export function grow(a: Uint32Array): Uint32Array<ArrayBuffer> {
  return resize(a, new Uint32Array(a.length * 2));
}
