// Runs one command in its own process and measures it: wall time, peak RSS (GNU time when present, else what
// the child reports), exit status, and the child's result line if it prints one. Never throws for a failing,
// crashing or timed-out child: those are results too.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { timeOf } from './table.mjs';

const GNU_TIME = '/usr/bin/time';
export const RESULT_MARK = '@@heaptrail-bench@@ ';
export const hasGnuTime = fs.existsSync(GNU_TIME);

// Children run in their own process groups (so a timeout kills the tool, not just GNU time); an interrupted
// harness must take them down too.
const live = new Set();
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    for (const pid of live) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {}
    }
    process.exit(130);
  });
}

function tail(text, lines = 3) {
  return text.split('\n').map((l) => l.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').trim()).filter(Boolean).slice(-lines);
}

/** Picks the error line out of a crashed child's stderr: the last line naming an error, else the last line. */
function errorLine(stderr) {
  const lines = tail(stderr, 40);
  const named = lines.filter((l) => /error|heap out of memory|abort|killed|fatal/i.test(l));
  return named.at(-1) ?? lines.at(-1) ?? '';
}

function parseGnuTime(text) {
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
  const signal = /Command terminated by signal (\d+)/.exec(text);
  const user = /User time \(seconds\): ([\d.]+)/.exec(text);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(text);
  return {
    peakRssBytes: rss ? Number(rss[1]) * 1024 : null,
    signal: signal ? Number(signal[1]) : null,
    // CPU time is less disturbed than wall time when other work shares the machine
    cpuMs: user && sys ? (Number(user[1]) + Number(sys[1])) * 1000 : null,
  };
}

/**
 * @param {string[]} argv command and arguments (argv[0] is the program)
 * @param {{ timeoutMs: number, env?: object, cwd?: string, stdoutFile?: string, okCodes?: number[], span?: 'process' }} opts
 *   span 'process': the run is judged on the whole process's time, even if the child reports its own
 */
export function measure(argv, opts) {
  const timeFile = path.join(os.tmpdir(), `heaptrail-bench-time-${process.pid}-${Date.now()}.txt`);
  const cmd = hasGnuTime ? [GNU_TIME, '-v', '-o', timeFile, ...argv] : argv;
  const okCodes = opts.okCodes ?? [0];
  return new Promise((resolve) => {
    const loadAverage1 = os.loadavg()[0];
    const t0 = performance.now();
    const out = opts.stdoutFile ? fs.openSync(opts.stdoutFile, 'w') : 'pipe';
    const child = spawn(cmd[0], cmd.slice(1), {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', out, 'pipe'],
      detached: true, // own process group, so a timeout kills the tool and not just /usr/bin/time
    });
    live.add(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => {
      stdout += d;
      if (stdout.length > 1 << 20) stdout = stdout.slice(-(1 << 19));
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      if (stderr.length > 1 << 20) stderr = stderr.slice(-(1 << 19));
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, opts.timeoutMs);
    child.on('close', (code, signal) => {
      live.delete(child.pid);
      clearTimeout(timer);
      if (typeof out === 'number') fs.closeSync(out);
      const wallMs = performance.now() - t0;
      let gnu = { peakRssBytes: null, signal: null, cpuMs: null };
      if (hasGnuTime && fs.existsSync(timeFile)) {
        const text = fs.readFileSync(timeFile, 'utf8');
        gnu = parseGnuTime(text);
        // GNU time prints "Command exited with non-zero status N" first; the tool's code is what matters
        const exited = /Command exited with non-zero status (\d+)/.exec(text);
        if (exited) code = Number(exited[1]);
        fs.rmSync(timeFile, { force: true });
      }
      const markLine = stdout.split('\n').find((l) => l.startsWith(RESULT_MARK));
      const reported = markLine ? JSON.parse(markLine.slice(RESULT_MARK.length)) : null;
      const result = {
        exitCode: code,
        signal: signal ?? (gnu.signal ? `signal ${gnu.signal}` : null),
        wallMs,
        peakRssBytes: gnu.peakRssBytes ?? reported?.maxRssBytes ?? null,
        cpuMs: gnu.cpuMs,
        loadAverage1,
        ...(reported ?? {}),
        ...(opts.span ? { span: opts.span } : {}),
      };
      if (timedOut) {
        Object.assign(result, { ok: false, error: `timed out after ${opts.timeoutMs / 1000} s` });
      } else if (reported && reported.ok === false) {
        result.ok = false;
      } else if (!okCodes.includes(code) || (reported == null && !opts.stdoutFile && opts.expectResult)) {
        Object.assign(result, {
          ok: false,
          error: `exit ${code}${result.signal ? ` (${result.signal})` : ''}: ${errorLine(stderr)}`,
        });
      } else {
        result.ok = true;
      }
      result.stderrTail = tail(stderr);
      resolve(result);
    });
  });
}

/** Reads a file once so every tool starts with a warm page cache. */
export async function warmPageCache(file) {
  const fh = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(8 << 20);
    while ((await fh.read(buf, 0, buf.length, null)).bytesRead > 0);
  } finally {
    await fh.close();
  }
}

/** Runs a job `n` times and keeps the fastest successful run (and every run's figures). */
export async function bestOf(n, once) {
  const all = [];
  for (let i = 0; i < n; i++) {
    const r = await once();
    all.push(r);
    if (!r.ok) break; // a crash or timeout will not get better by repeating it
  }
  const ok = all.filter((r) => r.ok);
  const best = ok.length ? ok.reduce((a, b) => (timeOf(b) < timeOf(a) ? b : a)) : all.at(-1);
  return {
    ...best,
    repeats: all.length,
    all: all.map((r) => ({ ok: r.ok, ms: r.ms, wallMs: r.wallMs, cpuMs: r.cpuMs, peakRssBytes: r.peakRssBytes, loadAverage1: r.loadAverage1 })),
  };
}
