// What the reading worker and its caller say to each other, and how an error
// crosses the thread boundary. Structured clone keeps an Error's message but
// not its class or extra fields, so errors travel as plain data and are rebuilt:
// a SnapshotFormatError or PreflightError as itself, an fs error with code/syscall/path/errno.

import { SnapshotFormatError } from '../errors.js';
import type { WorkBytes } from '../memory-estimate.js';
import { PreflightError } from '../preflight-error.js';
import type { PackedSnapshot } from './transfer.js';

/** The worker's `workerData`. */
export interface ReadRequest {
  readonly path: string;
  readonly sourceName?: string;
  readonly chunkSize?: number;
  readonly maxMemoryBytes?: number;
  readonly workBytes?: WorkBytes;
  readonly progress: boolean;
}

export type WorkerReply =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number | undefined }
  | { readonly kind: 'snapshot'; readonly snapshot: PackedSnapshot }
  | { readonly kind: 'error'; readonly error: ErrorData };

export type ErrorData =
  | { readonly kind: 'format'; readonly source: string; readonly offset: number; readonly reason: string }
  | { readonly kind: 'preflight'; readonly source: string; readonly needed: number; readonly available: number }
  | {
      readonly kind: 'other';
      readonly message: string;
      readonly code?: string;
      readonly syscall?: string;
      readonly path?: string;
      readonly errno?: number;
    };

export function errorToData(e: unknown): ErrorData {
  if (e instanceof SnapshotFormatError) return { kind: 'format', source: e.source, offset: e.offset, reason: e.reason };
  if (e instanceof PreflightError) return { kind: 'preflight', source: e.source, needed: e.needed, available: e.available };
  const err = e as NodeJS.ErrnoException | undefined;
  const message = typeof err?.message === 'string' ? err.message : String(e);
  return {
    kind: 'other',
    message,
    ...(typeof err?.code === 'string' ? { code: err.code } : {}),
    ...(typeof err?.syscall === 'string' ? { syscall: err.syscall } : {}),
    ...(typeof err?.path === 'string' ? { path: err.path } : {}),
    ...(typeof err?.errno === 'number' ? { errno: err.errno } : {}),
  };
}

export function errorFromData(d: ErrorData): Error {
  if (d.kind === 'format') return new SnapshotFormatError(d.source, d.offset, d.reason);
  if (d.kind === 'preflight') return new PreflightError(d.source, d.needed, d.available);
  const { kind: _kind, message, ...fields } = d;
  return Object.assign(new Error(message), fields);
}
