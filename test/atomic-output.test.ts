// Reports written with -o go through a temporary file renamed into place
// (writeFileAtomic in packages/cli/src/output.ts), and inputs are only ever read.
// The failure cases use real I/O errors (RLIMIT_FSIZE makes write() fail with EFBIG
// halfway through), not mocks; the reader races the writer from another process.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '@heaptrail/cli';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN as bin, ROOT as root } from './helpers/cli.js';

const distOutput = join(root, 'packages/cli/dist/output.js');
const prlimit = ['/usr/bin/prlimit', '/bin/prlimit'].find((p) => existsSync(p));
const scratch = mkdtempSync(join(tmpdir(), 'heaptrail-atomic-'));
chmodSync(scratch, 0o755);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let dirCount = 0;
function freshDir(): string {
  const d = join(scratch, `d${++dirCount}`);
  mkdirSync(d, { mode: 0o777 });
  chmodSync(d, 0o777);
  return d;
}

/** Runs writeFileAtomic from the built CLI in a child whose file size limit is `limit` bytes. */
function writeWithSizeLimit(target: string, bytes: number, limit: number) {
  const script = `import { writeFileAtomic } from ${JSON.stringify(distOutput)};
    try { await writeFileAtomic(process.argv[1], 'x'.repeat(${bytes})); console.log('written'); }
    catch (e) { console.log('failed ' + e.code); }`;
  return spawnSync(prlimit!, [`--fsize=${limit}`, process.execPath, '--input-type=module', '-e', script, target], { encoding: 'utf8' });
}

describe.skipIf(!prlimit || !existsSync(distOutput))('writeFileAtomic when the write fails midway', () => {
  it('leaves an existing target untouched and no temporary file behind', () => {
    const dir = freshDir();
    const target = join(dir, 'report.json');
    writeFileSync(target, 'previous report\n');
    const r = writeWithSizeLimit(target, 1 << 20, 64 * 1024);
    expect(r.stdout.trim()).toBe('failed EFBIG');
    expect(readFileSync(target, 'utf8')).toBe('previous report\n');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('creates no target at all when there was none', () => {
    const dir = freshDir();
    const r = writeWithSizeLimit(join(dir, 'report.json'), 1 << 20, 64 * 1024);
    expect(r.stdout.trim()).toBe('failed EFBIG');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('the same limit lets a small report through, so the failure above is the size and nothing else', () => {
    const dir = freshDir();
    const r = writeWithSizeLimit(join(dir, 'report.json'), 1000, 64 * 1024);
    expect(r.stdout.trim()).toBe('written');
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('x'.repeat(1000));
    expect(readdirSync(dir)).toEqual(['report.json']);
  });
});

describe('writeFileAtomic when the rename fails', () => {
  it('removes its temporary file and leaves the directory in the way as it was', async () => {
    const dir = freshDir();
    const target = join(dir, 'report.json');
    mkdirSync(target);
    writeFileSync(join(target, 'keep'), 'k');
    await expect(writeFileAtomic(target, 'new report')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(readdirSync(target)).toEqual(['keep']);
  });
});

/**
 * Starts a reader process that reads `path` in a loop until `stop` exists and counts reads
 * whose content is neither of the two complete versions.
 */
function startReader(path: string, stop: string, a: { len: number; ch: string }, b: { len: number; ch: string }) {
  const script = `
    const fs = require('node:fs');
    const [path, stop, aLen, aCh, bLen, bCh] = process.argv.slice(1);
    const whole = (buf, len, ch) => buf.length === Number(len) && buf[0] === ch.charCodeAt(0) && buf[buf.length - 1] === ch.charCodeAt(0) && buf.indexOf(ch === 'a' ? 98 : 97) < 0;
    let reads = 0, torn = 0, sizes = new Set();
    while (!fs.existsSync(stop)) {
      let buf;
      try { buf = fs.readFileSync(path); } catch { torn++; continue; }
      reads++;
      if (!whole(buf, aLen, aCh) && !whole(buf, bLen, bCh)) { torn++; sizes.add(buf.length); }
    }
    console.log(JSON.stringify({ reads, torn, sizes: [...sizes].slice(0, 5) }));`;
  const child = spawn(process.execPath, ['-e', script, path, stop, String(a.len), a.ch, String(b.len), b.ch], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
  return new Promise<{ reads: number; torn: number; sizes: number[] }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => resolve(JSON.parse(out)));
  });
}

async function race(write: (path: string, text: string) => Promise<void>, rounds: number) {
  const dir = freshDir();
  const target = join(dir, 'report.txt');
  const A = 'a'.repeat(4 << 20);
  const B = 'b'.repeat(6 << 20);
  writeFileSync(target, A);
  const stop = join(dir, 'stop');
  const reader = startReader(target, stop, { len: A.length, ch: 'a' }, { len: B.length, ch: 'b' });
  await new Promise((r) => setTimeout(r, 200)); // let the reader start reading
  let replaced = 0; // writes after which the target is a different file (rename), not the old one rewritten
  for (let i = 0; i < rounds; i++) {
    const before = statSync(target).ino;
    await write(target, i % 2 === 0 ? B : A);
    if (statSync(target).ino !== before) replaced++;
    // Yield now and then so the reader gets the CPU on a busy machine.
    if (i % 10 === 9) await new Promise((r) => setTimeout(r, 20));
  }
  writeFileSync(stop, '');
  const seen = await reader;
  const left = readdirSync(dir).filter((f) => f !== 'report.txt' && f !== 'stop');
  return { ...seen, replaced, left };
}

describe('writeFileAtomic replacing an existing report', () => {
  it('never lets a concurrent reader see a partial file, and replaces the inode instead of rewriting it', { timeout: 120_000 }, async () => {
    const r = await race(writeFileAtomic, 40);
    expect(r.torn).toBe(0);
    expect(r.reads).toBeGreaterThan(10);
    expect(r.replaced).toBe(40);
    expect(r.left).toEqual([]);
  });

  it('control: the same reader does catch torn files from a plain fs.writeFile', { timeout: 120_000 }, async () => {
    const r = await race((p, t) => writeFile(p, t), 60);
    expect(r.torn).toBeGreaterThan(0);
    expect(r.replaced).toBe(0);
  });
});

// --- inputs are only opened for reading ---------------------------------------------------------

const SERIES = join(root, 'samples', 'listeners');
const HOOK = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const watched = process.env.HEAPTRAIL_WATCH_DIR;
const log = (line) => fs.appendFileSync(process.env.HEAPTRAIL_WATCH_LOG, line + '\\n');
const WRITE_BITS = fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_TRUNC | fs.constants.O_APPEND;
const writes = (flags) => (flags === undefined ? false : typeof flags === 'number' ? (flags & WRITE_BITS) !== 0 : !/^(r|rs|sr)$/.test(flags));
const inside = (p) => typeof p === 'string' && p.startsWith(watched);
const wrap = (obj, name, flagsAt, always) => {
  const orig = obj[name];
  obj[name] = function (...args) {
    const p = args[0] instanceof URL ? args[0].pathname : args[0];
    if (inside(String(p))) log((always || writes(args[flagsAt]) ? 'WRITE ' : 'READ ') + name + ' ' + p + ' ' + String(args[flagsAt]));
    return orig.apply(this, args);
  };
};
for (const n of ['open', 'openSync']) wrap(fs, n, 1, false);
wrap(fs.promises, 'open', 1, false);
for (const n of ['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'truncate', 'truncateSync', 'utimes', 'utimesSync', 'chmod', 'chmodSync', 'rename', 'renameSync', 'unlink', 'unlinkSync', 'createWriteStream']) wrap(fs, n, 1, true);
for (const n of ['writeFile', 'appendFile', 'truncate', 'utimes', 'chmod', 'rename', 'unlink', 'rm']) wrap(fs.promises, n, 1, true);
syncBuiltinESMExports();
`;

function fingerprint(path: string) {
  const s = statSync(path);
  return { mtimeMs: s.mtimeMs, size: s.size, mode: s.mode & 0o777, sha: createHash('sha256').update(readFileSync(path)).digest('hex') };
}

describe.skipIf(!existsSync(bin) || !existsSync(join(SERIES, 's1.heapsnapshot.gz')))('read-only inputs', () => {
  it('summary and diff -o work on 0444 inputs, never open them for writing and leave them unchanged', { timeout: 180_000 }, () => {
    const base = freshDir();
    const inputs = join(base, 'in');
    const out = join(base, 'out');
    mkdirSync(inputs);
    mkdirSync(out);
    chmodSync(out, 0o777);
    const files = ['s1.heapsnapshot.gz', 's2.heapsnapshot.gz'].map((f) => {
      const p = join(inputs, f);
      copyFileSync(join(SERIES, f), p);
      chmodSync(p, 0o444);
      return p;
    });
    chmodSync(inputs, 0o555);
    const hook = join(base, 'watch-hook.mjs');
    writeFileSync(hook, HOOK);
    chmodSync(hook, 0o444);
    const log = join(out, 'opens.log');
    writeFileSync(log, '');
    chmodSync(log, 0o666);
    const before = files.map(fingerprint);

    // As root, 0444 would not stop a write: run the CLI as nobody so it really cannot.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', hook, bin, ...args], {
        encoding: 'utf8',
        cwd: base,
        env: { ...process.env, HEAPTRAIL_WATCH_DIR: inputs, HEAPTRAIL_WATCH_LOG: log },
        maxBuffer: 64 << 20,
        ...asNobody,
      });

    const summary = cli('summary', files[1]!, '--json');
    expect(summary.stderr).toBe('');
    expect(summary.status).toBe(0);
    const report = join(out, 'report.json');
    const diff = cli('diff', ...files, '--format', 'json', '--quiet', '-o', report);
    expect(diff.stderr).toBe('');
    expect([0, 1]).toContain(diff.status);
    expect(JSON.parse(readFileSync(report, 'utf8')).schema).toBe('heaptrail.diff/2');

    const opens = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    // The hook saw the inputs being read (so it works), and nothing else.
    expect(opens.filter((l) => l.startsWith('READ ')).length).toBeGreaterThanOrEqual(3);
    expect(opens.filter((l) => l.startsWith('WRITE '))).toEqual([]);
    expect(files.map(fingerprint)).toEqual(before);
    expect(readdirSync(inputs).sort()).toEqual(['s1.heapsnapshot.gz', 's2.heapsnapshot.gz']);
    expect(readdirSync(out).sort()).toEqual(['opens.log', 'report.json']);
  });

  it.skipIf(!prlimit)('diff -o that fails halfway (file size limit) exits 2 with one line and leaves no partial report', { timeout: 120_000 }, () => {
    const dir = freshDir();
    const report = join(dir, 'report.json');
    writeFileSync(report, 'previous\n');
    const files = ['s1.heapsnapshot.gz', 's2.heapsnapshot.gz'].map((f) => join(SERIES, f));
    const r = spawnSync(prlimit!, ['--fsize=2048', process.execPath, bin, 'diff', ...files, '--format', 'json', '--quiet', '-o', report], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^heaptrail: .*cannot write/);
    expect(readFileSync(report, 'utf8')).toBe('previous\n');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  // scripts/fuzz/FINDINGS.md F1: the line used to read "heaptrail: : cannot write: EFBIG".
  it.skipIf(!prlimit)('diff -o that cannot write its report names the report file in the error line', { timeout: 120_000 }, () => {
    const dir = freshDir();
    const report = join(dir, 'report.json');
    const files = ['s1.heapsnapshot.gz', 's2.heapsnapshot.gz'].map((f) => join(SERIES, f));
    const r = spawnSync(prlimit!, ['--fsize=2048', process.execPath, bin, 'diff', ...files, '--format', 'json', '--quiet', '-o', report], { encoding: 'utf8' });
    expect(r.stderr).toMatch(/^heaptrail: .*report\.json: cannot write/);
  });

  // scripts/fuzz/FINDINGS.md F4: this used to be an unhandled 'error' event, a stack trace and exit 1.
  it.skipIf(!existsSync('/dev/full'))('a report to a full stdout gives one line and exit 2, never a stack trace', { timeout: 120_000 }, () => {
    const fd = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [bin, 'summary', join(SERIES, 's1.heapsnapshot.gz'), '--json'], { encoding: 'utf8', stdio: ['ignore', fd, 'pipe'] });
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.status).toBe(2);
    } finally {
      closeSync(fd);
    }
  });
});
