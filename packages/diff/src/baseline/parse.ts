// Reading a baseline file. Anything that is not one (not JSON, another tool's
// JSON, a field of the wrong type) is an InputError naming the file: one line,
// exit 2, rather than a baseline that silently matches nothing.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { compareEntries } from './create.js';
import { BASELINE_SCHEMA, type Baseline, type BaselineEntry } from './types.js';

/** Parses the text of baseline `file` (the name is only for messages). */
export function parseBaseline(text: string, file: string): Baseline {
  const fail = (why: string): never => {
    throw new InputError(`${file}: not a heaptrail baseline: ${why}`);
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // V8's message quotes the text, which may hold anything: keep only where it failed.
    const message = String((e as Error).message);
    const at = /at position (\d+)/.exec(message);
    const offset = at ? byteOffset(text, Number(at[1])) : /end of JSON/.test(message) ? Buffer.byteLength(text, 'utf8') : null;
    fail(offset === null ? 'not JSON' : `not JSON (at byte offset ${offset})`);
  }
  if (!isRecord(value)) return fail('expected a JSON object');
  if (value.schema !== BASELINE_SCHEMA) {
    return fail(typeof value.schema === 'string' ? `schema is "${value.schema.slice(0, 60)}", expected "${BASELINE_SCHEMA}"` : `no "schema": "${BASELINE_SCHEMA}"`);
  }
  if (!Array.isArray(value.entries)) return fail('"entries" must be an array');
  const entries: BaselineEntry[] = value.entries.map((e: unknown, i: number) => {
    if (!isRecord(e)) return fail(`entries[${i}] must be an object`);
    if (typeof e.className !== 'string') return fail(`entries[${i}].className must be a string`);
    if (!Array.isArray(e.paths)) return fail(`entries[${i}].paths must be an array`);
    const paths = e.paths.map((p: unknown, k: number) => (typeof p === 'string' ? p : fail(`entries[${i}].paths[${k}] must be a string`)));
    return { className: e.className, paths };
  });
  return { file, entries: entries.sort(compareEntries) };
}

/** Reads and parses baseline `file`, relative to `cwd` (default: the process's). */
export async function readBaselineFile(file: string, cwd?: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(cwd === undefined ? file : resolve(cwd, file), 'utf8');
  } catch (e) {
    // Name the file as the user gave it, not its resolved path.
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string') err.path = file;
    throw err;
  }
  return parseBaseline(text, file);
}

/** The UTF-8 byte offset of UTF-16 index `index` of `text`. */
function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
