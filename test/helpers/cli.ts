// Running the built CLI from end-to-end tests, and reading the samples' expectations.

import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'packages/cli/dist/bin.js');
export const SAMPLES = join(ROOT, 'samples');

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * No debug stacks, no colour, no cache: what CI sees. Not GitHub Actions either, even when
 * the tests run there: its annotations would reach stderr and its step summary the real page.
 */
const ENV = { ...process.env, HEAPTRAIL_DEBUG: '', FORCE_COLOR: '0', HEAPTRAIL_CACHE: '', GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '' };

/** Runs `heaptrail args…` in a child process; `stdin` is piped in (empty by default). */
export function runCli(args: readonly string[], options: { cwd?: string; stdin?: Buffer; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: { ...ENV, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? Buffer.alloc(0));
  });
}

/** The same, synchronously. */
export function runCliSync(args: readonly string[], cwd = ROOT): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: ENV, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A sample series' expected.json (written by scripts/samples). */
export interface Expected {
  readonly scenario: string;
  readonly files: string[];
  readonly sameProcess: boolean;
  readonly grows: { className: string; counts: number[]; pathContains: string }[];
  readonly mustNotReport: string[];
}

export function readExpected(scenario: string): Expected {
  return JSON.parse(readFileSync(join(SAMPLES, scenario, 'expected.json'), 'utf8')) as Expected;
}
