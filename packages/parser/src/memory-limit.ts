// The memory this process may use: the machine's, or less when a cgroup (a container,
// a systemd slice) caps it. Typed arrays live outside the JS heap, so V8's heap limit
// is not the one that kills a large analysis: the kernel's is.

import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';

export interface MemoryLimitSources {
  /** Default `/sys/fs/cgroup`. */
  readonly cgroupRoot?: string;
  /** Default `/proc/self/cgroup`. */
  readonly selfCgroup?: string;
  /** Default os.totalmem(). */
  readonly totalBytes?: number;
}

/** cgroup v1 writes a page-rounded 2^63 for "no limit"; anything this large means none. */
const UNLIMITED = 2 ** 60;

/** The smallest of the machine's memory, the cgroup v2 `memory.max` and the cgroup v1 `memory.limit_in_bytes`. */
export function availableMemoryBytes(sources: MemoryLimitSources = {}): number {
  const root = sources.cgroupRoot ?? '/sys/fs/cgroup';
  let limit = sources.totalBytes ?? totalmem();
  // v2: this process's own group (from /proc/self/cgroup's `0::/path`), else the root's file
  // (inside a container the group is mounted as the root).
  const own = /^0::(\/.*)$/m.exec(readText(sources.selfCgroup ?? '/proc/self/cgroup') ?? '')?.[1];
  const v2 = [own !== undefined && own !== '/' ? `${root}${own}/memory.max` : undefined, `${root}/memory.max`];
  for (const file of v2) {
    const value = limitIn(file);
    if (value !== undefined) {
      limit = Math.min(limit, value);
      break;
    }
  }
  const v1 = limitIn(`${root}/memory/memory.limit_in_bytes`);
  if (v1 !== undefined) limit = Math.min(limit, v1);
  return limit;
}

/** A limit file's value in bytes; undefined when absent, `max`, unreadable or unlimited. */
function limitIn(file: string | undefined): number | undefined {
  if (file === undefined) return undefined;
  const text = readText(file)?.trim();
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value > 0 && value < UNLIMITED ? value : undefined;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
