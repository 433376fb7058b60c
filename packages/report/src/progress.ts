// A single updating status line on stderr for long work (parsing a 1 GB snapshot,
// computing dominators): phase, amount done, rate, and percentage/ETA when the total
// is known. Redraws at most ~10 times a second, always on a phase change, and clears
// itself at the end so the report that follows starts on a clean line. Prints nothing
// when stderr is not a terminal (logs, CI) or when asked to be quiet.

import { formatBytes, formatCount } from './format.js';

export interface ProgressStream {
  write(text: string): unknown;
  readonly columns?: number;
}

export interface ProgressOptions {
  readonly stream: ProgressStream;
  readonly isTTY: boolean | undefined;
  readonly quiet?: boolean;
  /** Milliseconds clock; injectable for tests. */
  readonly now?: () => number;
  /** Minimum milliseconds between redraws (default 100). */
  readonly intervalMs?: number;
}

export type ProgressUnit = 'bytes' | 'items';

export interface Progress {
  /** Reports `done` of `total` (when known) for `phase`; `unit` says how to print amounts (default bytes). */
  update(phase: string, done: number, total?: number, unit?: ProgressUnit): void;
  /** Clears the line. */
  done(): void;
}

const CLEAR_LINE = '\r\x1b[2K';
const SILENT: Progress = { update: () => undefined, done: () => undefined };

export function createProgress(options: ProgressOptions): Progress {
  if (options.quiet === true || options.isTTY !== true) return SILENT;
  const { stream } = options;
  const now = options.now ?? (() => performance.now());
  const interval = options.intervalMs ?? 100;
  let phase = '';
  let phaseStart = 0;
  let lastDraw = -Infinity;
  let drawn = false;

  return {
    update(nextPhase, done, total, unit = 'bytes') {
      const t = now();
      if (nextPhase !== phase) {
        phase = nextPhase;
        phaseStart = t;
      } else if (t - lastDraw < interval && !(total !== undefined && done >= total)) {
        return;
      }
      lastDraw = t;
      const line = formatLine(phase, done, total, unit, (t - phaseStart) / 1000);
      const max = stream.columns !== undefined && stream.columns > 1 ? stream.columns - 1 : line.length;
      stream.write(CLEAR_LINE + line.slice(0, max));
      drawn = true;
    },
    done() {
      if (drawn) stream.write(CLEAR_LINE);
      drawn = false;
      phase = '';
    },
  };
}

/** "parsing  412 MB / 1.02 GB  40%  120 MB/s  ETA 5s". */
export function formatLine(phase: string, done: number, total: number | undefined, unit: ProgressUnit, seconds: number): string {
  const amount = unit === 'bytes' ? formatBytes : formatCount;
  const parts = [phase, total === undefined ? amount(done) : `${amount(done)} / ${amount(total)}`];
  if (total !== undefined && total > 0) parts.push(`${Math.min(100, Math.floor((done / total) * 100))}%`);
  // A rate over a few milliseconds is noise; wait for a quarter second of data.
  if (seconds >= 0.25 && done > 0) {
    const rate = done / seconds;
    parts.push(`${amount(rate)}${unit === 'bytes' ? '/s' : ' /s'}`);
    if (total !== undefined && total > done) parts.push(`ETA ${formatDuration((total - done) / rate)}`);
  }
  return parts.join('  ');
}

/** 5 → "5s", 125 → "2m05s", 7300 → "2h01m". */
export function formatDuration(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
