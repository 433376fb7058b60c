// Sizes on the command line and in the environment: `8G`, `512M`, `100k`, `1.5G`.

import { UsageError } from './errors.js';

const SIZE_UNITS: Readonly<Record<string, number>> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/** Bytes from `8G`, `512M`, `100k`, `1.5G` or a plain number (binary units; a trailing B or iB is allowed). */
export function byteSize(flag: string, v: unknown): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(String(v));
  const n = m ? Number(m[1]) * SIZE_UNITS[m[2]!.toLowerCase()]! : NaN;
  if (typeof v === 'boolean' || !(Number.isFinite(n) && n > 0)) throw new UsageError(`${flag} must be a size like 8G, 512M or 100k, got ${String(v)}`);
  return Math.floor(n);
}

/** byteSize of the variable `name` in `env`; undefined when it is unset or empty. */
export function envByteSize(env: Readonly<Record<string, string | undefined>>, name: string): number | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : byteSize(name, value);
}
