// Names close to one a person mistyped: class names for `paths --class`, option
// names for a mistyped flag. Containment first, then edit distance.

/**
 * Up to `k` names close to `wanted`: first those containing it (case-insensitive),
 * then by edit distance, ties by name.
 */
export function closestNames(wanted: string, names: readonly string[], k: number): string[] {
  const w = wanted.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of names) {
    const n = name.toLowerCase();
    // Containment beats any edit distance; long names are compared on their length only.
    const score = n.includes(w) || w.includes(n) ? Math.abs(n.length - w.length) / 1000 : editDistance(w, n.slice(0, 200));
    if (score <= Math.max(2, w.length / 2)) scored.push({ name, score });
  }
  scored.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, k).map((s) => s.name);
}

/** Levenshtein distance with one reused row. */
function editDistance(a: string, b: string): number {
  const row = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(up + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}
