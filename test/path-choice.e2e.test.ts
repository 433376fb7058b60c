// End-to-end: the path choice on the command line (`--shortest-paths`, `--avoid PATTERN`)
// on the committed samples: diff, paths and their JSON echo.
import { describe, expect, it } from 'vitest';
import type { DiffResult, GrowingClass, PathGroupJson } from '@heaptrail/diff';
import { runCli } from './helpers/cli.js';

const LISTENERS = 'samples/listener-warning';
const S4 = `${LISTENERS}/s4.heapsnapshot.gz`;

async function diffJson(...args: string[]): Promise<DiffResult> {
  const r = await runCli(['diff', ...args, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as DiffResult;
}

async function pathsJson(...args: string[]): Promise<{ pathChoice: unknown; groups: PathGroupJson[] }> {
  const r = await runCli(['paths', ...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

const top = (r: DiffResult, className: string): GrowingClass => r.growing.find((g) => g.className === className)!;

describe('heaptrail diff --avoid and --shortest-paths on listener-warning', () => {
  it('--avoid the first edge of the top path gives another top path without it, echoed in the JSON', async () => {
    const preferred = await diffJson(LISTENERS);
    const path = top(preferred, 'onData()').paths[0]!;
    // The user's variable first: `bus._events.data[] → onData()`.
    const first = path.steps[1]!.edge.replace(/^(\.|::)/, '');
    expect(first).toBe('bus');
    expect(preferred.pathChoice).toEqual({ order: 'preferred', avoid: [] });

    const avoided = await diffJson(LISTENERS, '--avoid', first);
    expect(avoided.pathChoice).toEqual({ order: 'preferred', avoid: [first] });
    const other = top(avoided, 'onData()').paths[0]!;
    expect(other.text).not.toBe(path.text);
    expect(other.steps.map((s) => s.edge.replace(/^(\.|::)/, ''))).not.toContain(first);
    expect(other.steps.some((s) => s.avoided !== undefined)).toBe(false);
    expect(other.text).not.toContain('no path avoids');
    // The same growing classes: the choice changes paths, not the verdict.
    expect(avoided.growing.map((g) => g.className)).toEqual(preferred.growing.map((g) => g.className));
  });

  it('--shortest-paths gives the plain shortest path, through Node\'s nextTick queue, not longer than the preferred one', async () => {
    const preferred = await diffJson(LISTENERS);
    const shortest = await diffJson(LISTENERS, '--shortest-paths');
    expect(shortest.pathChoice).toEqual({ order: 'shortest', avoid: [] });
    const a = top(preferred, 'onData()').paths[0]!;
    const b = top(shortest, 'onData()').paths[0]!;
    expect(b.text).not.toBe(a.text);
    expect(b.text).toContain('queue.tail.list[].args[].emitter');
    expect(a.text).toContain('bus._events');
    // Both from the GC roots, the shortest has no more steps.
    const full = await pathsJson(S4, '--class', 'onData()', '--all-roots');
    const fullShortest = await pathsJson(S4, '--class', 'onData()', '--all-roots', '--shortest-paths');
    expect(fullShortest.pathChoice).toEqual({ order: 'shortest', avoid: [] });
    expect(fullShortest.groups[0]!.steps.length).toBeLessThanOrEqual(full.groups[0]!.steps.length);
    expect(fullShortest.groups[0]!.text).not.toBe(full.groups[0]!.text);
  });
});

describe('heaptrail --avoid with no way around', () => {
  it('says the object has no path that avoids the pattern, and still shows the one it has', async () => {
    const r = await diffJson('samples/agent-history', '--avoid', 'history');
    const chat = top(r, 'ChatMessage');
    expect(chat.paths[0]!.text).toMatch(/^\(no path avoids history\) .*agent\.session\.history\[\] → ChatMessage$/);
    expect(chat.paths[0]!.steps.filter((s) => s.avoided !== undefined).map((s) => [s.edge, s.avoided])).toEqual([['.history', 'history']]);
    const text = await runCli(['diff', 'samples/agent-history', '--avoid', 'history', '--quiet']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('(no path avoids history)');
  });

  it('paths takes /regex/ patterns and says which ones it could not avoid', async () => {
    // Repeated, and before the positional snapshot, which the flag does not swallow.
    const r = await pathsJson('--avoid', '/^(agent|session)$/', '--avoid', 'NoSuchClass', 'samples/agent-history/s4.heapsnapshot.gz', '--class', 'ChatMessage');
    expect(r.pathChoice).toEqual({ order: 'preferred', avoid: ['/^(agent|session)$/', 'NoSuchClass'] });
    expect(r.groups[0]!.text.startsWith('(no path avoids /^(agent|session)$/) ')).toBe(true);
    const one = await runCli(['paths', 'samples/agent-history/s4.heapsnapshot.gz', '--id', String(r.groups[0]!.exampleId), '--avoid', 'history']);
    expect(one.code).toBe(0);
    expect(one.stdout.split('\n')[0]).toMatch(/ChatMessage, retains .*; paths avoid history$/);
    expect(one.stdout.split('\n')[1]).toMatch(/^\(no path avoids history\) /);
  });

  it('refuses a bad regex, and --avoid with --shortest-paths, with exit 2 and one line', async () => {
    const bad = await runCli(['paths', S4, '--class', 'onData()', '--avoid', '/(/']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toMatch(/^heaptrail: --avoid: bad avoid pattern \/\(\/: /);
    const both = await runCli(['diff', LISTENERS, '--avoid', 'bus', '--shortest-paths']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^heaptrail: --avoid applies to the preferred paths/);
    expect(both.stderr).not.toMatch(/\n\s+at /);
  });
});
