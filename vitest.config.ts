import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const pkg = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

// Unit tests import sibling packages from source, so they never run against a stale dist/.
// End-to-end tests under test/ spawn the built CLI (npm test builds first).
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@heaptrail\/parser\/builder$/, replacement: fileURLToPath(new URL('./packages/parser/src/builder/index.ts', import.meta.url)) },
      { find: /^@heaptrail\/parser\/redact$/, replacement: fileURLToPath(new URL('./packages/parser/src/redact/index.ts', import.meta.url)) },
      { find: /^@heaptrail\/parser$/, replacement: pkg('parser') },
      { find: /^@heaptrail\/graph$/, replacement: pkg('graph') },
      { find: /^@heaptrail\/diff$/, replacement: pkg('diff') },
      { find: /^@heaptrail\/report$/, replacement: pkg('report') },
      { find: /^@heaptrail\/mcp$/, replacement: pkg('mcp') },
      { find: /^@heaptrail\/cli$/, replacement: pkg('cli') },
      { find: /^@heaptrail\/record$/, replacement: pkg('record') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
