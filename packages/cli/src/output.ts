// Writing reports: to stdout, or to a file through a temporary file renamed into
// place, so an interrupted run never leaves a half-written report.

import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CliIo } from './io.js';

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  try {
    await writeThroughTemp(path, text);
  } catch (e) {
    // FileHandle errors carry no path (or the temp name): name the report the user asked for.
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string') {
      err.path = path;
      err.syscall = 'write';
    }
    throw err;
  }
}

async function writeThroughTemp(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(tmp, 'wx');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await handle.close();
  try {
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** Writes `text` to `path` atomically, or to stdout when no path (or "-") is given. */
export async function emit(io: CliIo, text: string, path?: string): Promise<void> {
  if (path === undefined || path === '-') io.stdout.write(text);
  else await writeFileAtomic(path, text);
}
