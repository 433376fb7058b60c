// Installs the peer tools on demand into a scratch folder outside the repository
// (never as project dependencies) and tells the harness where their entry points are.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cacheRoot } from './snapshots.mjs';

// @vscode/v8-heap-parser: VS Code's parser, Rust compiled to WebAssembly.
const PACKAGES = ['@memlab/core', '@memlab/heap-analysis', '@memlab/cli', '@memlab/api', 'heap-snapshot-toolkit', '@vscode/v8-heap-parser'];

export function peersDir() {
  return path.join(cacheRoot(), 'peers');
}

function installed(dir) {
  return PACKAGES.every((p) => fs.existsSync(path.join(dir, 'node_modules', p, 'package.json')));
}

/** Ensures the peers are installed; returns { dir, versions, error }. Never throws: a missing peer is a result. */
export function ensurePeers(log = console.error) {
  const dir = peersDir();
  if (!installed(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.existsSync(path.join(dir, 'package.json'))) {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'heaptrail-bench-peers', private: true }));
    }
    log(`installing peers into ${dir} ...`);
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...PACKAGES], {
      cwd: dir,
      stdio: ['ignore', 'inherit', 'pipe'],
      encoding: 'utf8',
      // puppeteer (a memlab dependency) would otherwise download a browser we never use
      env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', PUPPETEER_SKIP_CHROMIUM_DOWNLOAD: '1' },
    });
    if (r.status !== 0 || !installed(dir)) {
      const line = (r.stderr || String(r.error ?? '')).trim().split('\n').pop();
      return { dir, versions: {}, error: `npm install failed: ${line}` };
    }
  }
  const versions = {};
  for (const p of PACKAGES) {
    versions[p] = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', p, 'package.json'), 'utf8')).version;
  }
  return { dir, versions, error: null };
}

/** Absolute path of the memlab CLI entry (run with our own node flags, not through its shebang). */
export function memlabBin(dir) {
  const require = createRequire(path.join(dir, 'package.json'));
  const pkgFile = require.resolve('@memlab/cli/package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.memlab;
  return path.join(path.dirname(pkgFile), bin);
}
