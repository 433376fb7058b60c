// End-to-end: the second process that runs a command with huge pages (cli/src/huge-pages.ts)
// is invisible to whoever started heaptrail: the same output, the same exit codes and error
// lines, the signals passed on, and the tunables in the second process' environment.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, readExpected, runCli } from './helpers/cli.js';

const ALWAYS = { HEAPTRAIL_HUGE_PAGES: 'always' };
const HERE = { HEAPTRAIL_HUGE_PAGES: '0' };
const series = readExpected('agent-history');
const files = series.files.map((f) => join('samples', series.scenario, f));

describe('a command run again with huge pages', () => {
  it('prints what it prints in one process, and exits the same', async () => {
    for (const args of [
      ['summary', files[0]!, '--json', '-q'],
      ['diff', ...files, '--format', 'json', '-q'],
    ]) {
      const [here, again] = await Promise.all([runCli(args, { env: HERE }), runCli(args, { env: ALWAYS })]);
      expect(here.code, here.stderr).toBe(0);
      expect(again.code).toBe(0);
      expect(again.stdout).toBe(here.stdout);
      expect(again.stderr).toBe(here.stderr);
    }
  });

  it('passes on exit 1 (a budget) and exit 2 (bad input) with their one line', async () => {
    const budget = await runCli(['diff', ...files, '--max-growing-classes', '0', '-q'], { env: ALWAYS });
    expect(budget.code).toBe(1);
    expect(budget.stderr).toMatch(/^heaptrail: budget exceeded: --max-growing-classes 0: .*\n$/);
    const bad = await runCli(['summary', 'samples/README.md'], { env: ALWAYS });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('heaptrail: samples/README.md: not JSON at byte 0\n');
  });

  it.runIf(process.platform === 'linux' && existsSync('/proc/self/environ'))(
    'runs the second process with the tunables, and a SIGTERM to the first ends both',
    async () => {
      const first = spawn(process.execPath, [BIN, 'mcp'], { cwd: ROOT, env: { ...process.env, ...ALWAYS }, stdio: ['pipe', 'pipe', 'pipe'] });
      const ended = new Promise<NodeJS.Signals | number | null>((resolve) => first.on('exit', (code, signal) => resolve(signal ?? code)));
      const second = await childOf(first.pid!);
      const environ = (await execedEnviron(second, first.pid!)).split('\0');
      // glibc parses the variable in place, so what follows its first tunable may read as another entry.
      expect(environ.some((e) => e.startsWith('GLIBC_TUNABLES=glibc.malloc.hugetlb=1'))).toBe(true);
      expect(readFileSync(`/proc/${first.pid}/environ`, 'utf8')).not.toContain('GLIBC_TUNABLES');
      first.kill('SIGTERM');
      expect(await ended).toBe('SIGTERM');
      expect(alive(second)).toBe(false);
    },
  );
});

/** The pid of `pid`'s child, once it has started and is running the CLI. */
async function childOf(pid: number): Promise<number> {
  for (let tries = 0; tries < 400; tries++) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // The parent pid is the second field after the parenthesised command name.
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== pid) continue;
        if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(BIN)) return Number(entry);
      } catch {
        // Gone meanwhile.
      }
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no child of ${pid} started`);
}

/**
 * The environment `pid` was started with. Between its fork and its exec a child is a copy of
 * its parent, environment included (a busy machine widens that window): wait until they
 * differ, and give up after a few seconds with what the child has then.
 */
async function execedEnviron(pid: number, parent: number): Promise<string> {
  const parentEnv = readFileSync(`/proc/${parent}/environ`, 'utf8');
  let env = parentEnv;
  for (let tries = 0; tries < 200 && env === parentEnv; tries++) {
    await new Promise((r) => setTimeout(r, 25));
    env = readFileSync(`/proc/${pid}/environ`, 'utf8');
  }
  return env;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
