// End-to-end: a diff of small snapshots (a CI artifact) pays for nothing it does not use:
// no worker thread reads ahead, and the recorder, its WebSocket client and the redaction
// are never loaded.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'heaptrail-small-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SERIES = join('samples', 'agent-history');

function diff(nodeFlags: readonly string[]) {
  const r = spawnSync(process.execPath, [...nodeFlags, BIN, 'diff', SERIES, '--format', 'json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  expect(r.status, r.stderr).toBe(0);
  return r;
}

describe('heaptrail diff of a small series', () => {
  it('reads every snapshot on the main thread: one CPU profile, no worker\'s', () => {
    const profiles = join(dir, 'profiles');
    diff(['--cpu-prof', `--cpu-prof-dir=${profiles}`]);
    expect(readdirSync(profiles).filter((f) => f.endsWith('.cpuprofile'))).toHaveLength(1);
  }, 120_000);

  it('loads neither the recorder, nor ws, nor the redaction', () => {
    const hooks = join(dir, 'hooks.mjs');
    writeFileSync(hooks, 'export async function load(url, context, next) { process._rawDebug(`loaded ${url}`); return next(url, context); }\n');
    const register = join(dir, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    const loaded = diff(['--import', pathToFileURL(register).href])
      .stderr.split('\n')
      .filter((l) => l.startsWith('loaded '));
    expect(loaded.some((l) => l.includes('/packages/diff/dist/'))).toBe(true);
    expect(loaded.filter((l) => /\/packages\/record\/dist\/(?!defaults\.js)|\/node_modules\/ws\/|\/parser\/dist\/redact\//.test(l))).toEqual([]);
  }, 120_000);
});
