// Growing a typed array: a bigger one of the same kind with the old contents at its start.

export function resize<T extends Uint8Array | Int32Array | Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
