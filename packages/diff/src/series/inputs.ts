// Which files make the series: the files as given, or the snapshots of one
// directory ordered by when they were taken (see snapshot-order.ts).

import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { orderSnapshotFiles, type SnapshotOrderRule } from '../snapshot-order.js';
import { STDIN, statAsTyped } from './load.js';

export interface SeriesFiles {
  /** Oldest first, each as the user would type it (a directory's entries joined to it). */
  readonly files: readonly string[];
  /** How a directory's files were ordered; null when the files were given one by one. */
  readonly order: SnapshotOrderRule | null;
}

/** Resolves the series inputs; `cwd` is where relative paths are read from. */
export async function resolveSeriesFiles(inputs: readonly string[], cwd: string = process.cwd()): Promise<SeriesFiles> {
  if (inputs.length === 1 && inputs[0] !== STDIN) {
    const dir = inputs[0]!;
    if ((await statAsTyped(dir, resolve(cwd, dir))).isDirectory()) return directorySeries(dir, cwd);
  }
  if (inputs.length < 2) throw new InputError(`a diff needs at least 2 snapshots, oldest first, or a directory of them (one snapshot: ${ONE_SNAPSHOT})`);
  if (inputs.filter((f) => f === STDIN).length > 1) throw new InputError('stdin (-) can be only one of the snapshots');
  for (const f of inputs) {
    if (f === STDIN) continue;
    if ((await statAsTyped(f, resolve(cwd, f))).isDirectory()) throw new InputError(`${f}: is a directory; give files, or one directory alone`);
  }
  return { files: [...inputs], order: null };
}

/** One dump is a post-mortem: the commands that read it. */
const ONE_SNAPSHOT = 'read it with summary --suspect and paths';

async function directorySeries(dir: string, cwd: string): Promise<SeriesFiles> {
  const entries = await readdir(resolve(cwd, dir), { withFileTypes: true });
  const listed = await Promise.all(
    entries
      .filter((e) => e.isFile() || e.isSymbolicLink())
      .map(async (e) => ({ name: e.name, mtimeMs: (await stat(resolve(cwd, dir, e.name))).mtimeMs })),
  );
  const ordered = orderSnapshotFiles(listed);
  if (ordered.files.length < 2) {
    const one = ordered.files.length === 1 ? ` (${ordered.files[0]!.name}: ${ONE_SNAPSHOT})` : '';
    throw new InputError(`${dir}: a diff needs at least 2 snapshots (.heapsnapshot or .heapsnapshot.gz), found ${ordered.files.length}${one}`);
  }
  return { files: ordered.files.map((f) => join(dir, f.name)), order: ordered.rule };
}
