// Orders the snapshots of a directory by the time they were taken:
//  1. Node's `Heap.<yyyymmdd>.<hhmmss>.<pid>.<tid>.<seq>.heapsnapshot` names, by date, time, then seq;
//  2. otherwise natural order of the names (s2 before s10), when every name carries a number;
//  3. otherwise file modification time (name as tie-breaker).
// A directory mixing the styles falls through to the next rule that fits every file.

export interface SnapshotFileEntry {
  readonly name: string;
  readonly mtimeMs: number;
}

const SNAPSHOT_SUFFIX = /\.heapsnapshot(\.gz)?$/i;
const NODE_NAME = /^Heap\.(\d{8})\.(\d{6})\.(\d+)\.(\d+)\.(\d+)\.heapsnapshot(\.gz)?$/;
const HAS_NUMBER = /\d/;

export function isSnapshotFileName(name: string): boolean {
  return SNAPSHOT_SUFFIX.test(name) && !name.startsWith('.');
}

/** Splits "s10b2" into ["s", 10, "b", 2] for natural comparison. */
function naturalKey(name: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const m of name.replace(SNAPSHOT_SUFFIX, '').matchAll(/(\d+)|(\D+)/g)) {
    parts.push(m[1] !== undefined ? Number(m[1]) : m[2]!.toLowerCase());
  }
  return parts;
}

export function compareNatural(a: string, b: string): number {
  const ka = naturalKey(a);
  const kb = naturalKey(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const x = ka[i]!;
    const y = kb[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return ka.length - kb.length || (a < b ? -1 : a > b ? 1 : 0);
}

function nodeKey(name: string): [string, number] | undefined {
  const m = NODE_NAME.exec(name);
  return m ? [m[1]! + m[2]!, Number(m[5])] : undefined;
}

export type SnapshotOrderRule = 'node-name' | 'natural' | 'mtime';

/** Snapshot files of a directory listing, oldest first, and the rule used. */
export function orderSnapshotFiles(entries: readonly SnapshotFileEntry[]): {
  files: SnapshotFileEntry[];
  rule: SnapshotOrderRule;
} {
  const files = entries.filter((e) => isSnapshotFileName(e.name));
  const byName = (a: SnapshotFileEntry, b: SnapshotFileEntry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  if (files.length > 0 && files.every((e) => nodeKey(e.name))) {
    const sorted = [...files].sort((a, b) => {
      const [ta, sa] = nodeKey(a.name)!;
      const [tb, sb] = nodeKey(b.name)!;
      return ta < tb ? -1 : ta > tb ? 1 : sa - sb || byName(a, b);
    });
    return { files: sorted, rule: 'node-name' };
  }
  if (files.length > 0 && files.every((e) => HAS_NUMBER.test(e.name.replace(SNAPSHOT_SUFFIX, '')))) {
    return { files: [...files].sort((a, b) => compareNatural(a.name, b.name)), rule: 'natural' };
  }
  return { files: [...files].sort((a, b) => a.mtimeMs - b.mtimeMs || byName(a, b)), rule: 'mtime' };
}
