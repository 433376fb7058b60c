// The snapshots a diff call names: files as given (oldest first), or the snapshots of
// one directory in the order they were taken. Paths stay as the caller wrote them and
// are resolved against `cwd` only to read, so answers and errors show them unchanged.

import { readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { orderSnapshotFiles } from '@heaptrail/diff';
import { ToolError } from './tool-error.js';

export async function seriesFiles(inputs: readonly string[], cwd: string): Promise<string[]> {
  if (inputs.length === 1) {
    const dir = inputs[0]!;
    if ((await statAsGiven(dir, cwd)).isDirectory()) {
      const entries = await readdir(resolve(cwd, dir), { withFileTypes: true });
      const listed = await Promise.all(
        entries
          .filter((e) => e.isFile() || e.isSymbolicLink())
          .map(async (e) => ({ name: e.name, mtimeMs: (await stat(resolve(cwd, dir, e.name))).mtimeMs })),
      );
      const ordered = orderSnapshotFiles(listed).files.map((f) => join(dir, f.name));
      if (ordered.length < 2) throw new ToolError(`${dir}: a diff needs at least 2 snapshots (.heapsnapshot or .heapsnapshot.gz), found ${ordered.length}`);
      return ordered;
    }
  }
  if (inputs.length < 2) throw new ToolError('a diff needs at least 2 snapshots, oldest first, or a directory of them');
  for (const f of inputs) {
    if ((await statAsGiven(f, cwd)).isDirectory()) throw new ToolError(`${f}: is a directory; give files, or one directory alone`);
  }
  return [...inputs];
}

async function statAsGiven(path: string, cwd: string): Promise<Stats> {
  try {
    return await stat(resolve(cwd, path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ToolError(`${path}: no such file or directory`);
    if (code === 'EACCES') throw new ToolError(`${path}: permission denied`);
    throw e;
  }
}
