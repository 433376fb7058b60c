// Number and table formatting shared by every text renderer.

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** 1234567 → "1.2 MB" (decimal units, as DevTools shows them). Negative values keep their sign. */
export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  let v = Math.abs(bytes);
  let u = 0;
  while (v >= 1000 && u < UNITS.length - 1) {
    v /= 1000;
    u++;
  }
  const digits = u === 0 ? 0 : v < 10 ? 2 : v < 100 ? 1 : 0;
  return `${sign}${v.toFixed(digits)} ${UNITS[u]}`;
}

/** 1234567 → "1,234,567". */
/** "12.5%" of `total`, or "-" when there is no total. */
export function formatShare(size: number, total: number): string {
  return total > 0 ? `${((100 * size) / total).toFixed(1)}%` : '-';
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** "+1.2 MB" / "-3 B" / "0 B". */
export function formatSignedBytes(bytes: number): string {
  return bytes > 0 ? `+${formatBytes(bytes)}` : formatBytes(bytes);
}

export type Align = 'left' | 'right';

/** A plain-text table: columns padded to their widest cell; `align` per column. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (align[c] === 'right' ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
