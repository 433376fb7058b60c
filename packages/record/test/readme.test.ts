import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('README', () => {
  it('shows the Vitest and node:test examples exactly as the suite runs them', () => {
    const readme = read('../README.md');
    const blocks = [...readme.matchAll(/```(ts|js)\n([\s\S]*?)```/g)].map((m) => m[2]);
    expect(blocks).toContain(read('./examples/vitest-example.test.ts'));
    expect(blocks).toContain(read('./examples/node-test-example.mjs'));
  });
});
