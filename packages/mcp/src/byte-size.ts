// `--max-memory 512M`: a byte count with an optional binary suffix (k = 1024).

const SUFFIX: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
const PATTERN = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i;

/** Bytes of `text` ("1073741824", "512M", "1.5G", "64kB"), or undefined when it is not a size. */
export function parseByteSize(text: string): number | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const bytes = Math.floor(Number(m[1]) * SUFFIX[m[2]!.toLowerCase()]!);
  return Number.isFinite(bytes) && bytes > 0 ? bytes : undefined;
}
