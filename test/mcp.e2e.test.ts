// End-to-end: `heaptrail mcp` (the built CLI) driven over stdio by the MCP SDK's own
// client, as an assistant would drive it: list the tools, call each on the committed
// samples, send bad calls and then a good one to the same server, and watch the
// snapshot cache on the server's stderr.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, readExpected, runCliSync } from './helpers/cli.js';

interface Server {
  readonly client: Client;
  /** Everything the server wrote to stderr so far. */
  log(): string;
  close(): Promise<void>;
}

async function startServer(...args: string[]): Promise<Server> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', ...args],
    cwd: ROOT,
    env: { HEAPTRAIL_DEBUG: '' },
    stderr: 'pipe',
  });
  let log = '';
  transport.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  const client = new Client({ name: 'heaptrail-e2e', version: '1.0.0' });
  await client.connect(transport);
  return { client, log: () => log, close: () => client.close() };
}

interface Answer {
  readonly isError: boolean;
  readonly text: string;
  readonly ms: number;
}

async function call(server: Server, name: string, args: Record<string, unknown>): Promise<Answer> {
  const started = performance.now();
  const result = (await server.client.callTool({ name, arguments: args })) as { isError?: boolean; content: { type: string; text: string }[] };
  const ms = performance.now() - started;
  expect(result.content).toHaveLength(1);
  expect(result.content[0]!.type).toBe('text');
  return { isError: result.isError === true, text: result.content[0]!.text, ms };
}

async function answer<T = any>(server: Server, name: string, args: Record<string, unknown>): Promise<T> {
  const a = await call(server, name, args);
  expect(a.isError, a.text).toBe(false);
  return JSON.parse(a.text) as T;
}

/** The CLI's JSON for the same question (`args` include the JSON flag). */
const cliJson = (...args: string[]) => {
  const r = runCliSync([...args, '-q']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

const DIR = 'samples/agent-history';
const S1 = `${DIR}/s1.heapsnapshot.gz`;
const S2 = `${DIR}/s2.heapsnapshot.gz`;
const S4 = `${DIR}/s4.heapsnapshot.gz`;
const loads = (log: string, file: string) => log.split('\n').filter((l) => l.startsWith(`heaptrail mcp: loaded ${file} `)).length;

describe('heaptrail mcp over stdio', () => {
  let server: Server;
  let tmp: string;
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'heaptrail-mcp-'));
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('lists the five tools, each with a description and a JSON schema of its input', async () => {
    const { tools } = await server.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['diff', 'summary', 'dominators', 'paths', 'object']);
    const required = Object.fromEntries(tools.map((t) => [t.name, t.inputSchema.required ?? []]));
    expect(required).toEqual({ diff: ['snapshots'], summary: ['snapshot'], dominators: ['snapshot'], paths: ['snapshot'], object: ['snapshot', 'id'] });
    for (const t of tools) {
      expect(t.description!.length, t.name).toBeGreaterThan(80);
      expect(t.inputSchema.type).toBe('object');
      expect(t.annotations?.readOnlyHint).toBe(true);
      for (const [key, prop] of Object.entries(t.inputSchema.properties!)) expect((prop as { description?: string }).description, `${t.name}.${key}`).toBeTruthy();
    }
    const diff = tools.find((t) => t.name === 'diff')!.inputSchema.properties as Record<string, { type: string; items?: { type: string } }>;
    expect(diff.snapshots).toMatchObject({ type: 'array', items: { type: 'string' } });
  });

  it('diff on a directory: ChatMessage grows, held in the history Array, with its path and totals', async () => {
    const expected = readExpected('agent-history');
    const a = await answer(server, 'diff', { snapshots: [DIR] });
    const cli = cliJson('diff', DIR, '--format', 'json');
    expect(a.schema).toBe(cli.schema);
    expect(a.snapshots.map((s: { file: string }) => s.file)).toEqual(expected.files.map((f) => `${DIR}/${f}`));
    expect(a.sameProcess).toBe(true);
    expect(a.verdict.growingClasses).toBe(a.growing.length);
    expect(a.shownClasses).toBe(a.growing.length);
    const chat = a.growing.find((c: { className: string }) => c.className === 'ChatMessage');
    expect(chat.counts).toEqual(expected.grows[0]!.counts);
    expect(chat.paths[0].text).toContain(expected.grows[0]!.pathContains);
    expect(chat.accumulationPoint).toMatchObject({ className: 'Array', kind: 'Array', sizes: [200, 400, 600, 800] });
    expect(chat.accumulationPoint.path).toContain('history');
    expect(chat.evidence).toBe('strong');
    for (const name of expected.mustNotReport) expect(a.growing.map((c: { className: string }) => c.className)).not.toContain(name);
    // The same verdict as the CLI's.
    expect(a.growing.map((c: { className: string }) => c.className)).toEqual(cli.growing.map((c: { className: string }) => c.className));
  });

  it('diff says when nothing grows, and cuts the list to top with the rest counted', async () => {
    const control = await answer(server, 'diff', { snapshots: ['samples/control'] });
    expect(control.growing).toEqual([]);
    expect(control.verdict.growingClasses).toBe(0);
    // Files in the order given, the same verdict as the directory.
    const files = await answer(server, 'diff', { snapshots: [S1, S2, `${DIR}/s3.heapsnapshot.gz`, S4] });
    expect(files.growing.map((c: { className: string }) => c.className)).toContain('ChatMessage');
    const one = await answer(server, 'diff', { snapshots: [DIR], top: 1, paths: 0 });
    expect(one.growing).toHaveLength(1);
    expect(one.growing[0].paths).toEqual([]);
    expect(one.growing[0].pathGroups).toBeGreaterThan(0);
    expect(one.moreClasses).toBe(`${one.verdict.growingClasses - 1} more growing classes; raise top`);
  });

  it('reports progress while a diff reads its snapshots, when the client asks for it', async () => {
    const seen: { progress: number; total?: number; message?: string }[] = [];
    const result = await server.client.callTool({ name: 'diff', arguments: { snapshots: ['samples/listeners'] } }, undefined, {
      onprogress: (p) => seen.push(p),
      resetTimeoutOnProgress: true,
    });
    expect(result.isError).toBeFalsy();
    // Each file's end at least, in order; steps of 1000 a snapshot.
    const ends = seen.filter((p) => p.progress % 1000 === 0 && p.progress > 0).map((p) => p.progress);
    expect(ends).toEqual([1000, 2000, 3000, 4000]);
    expect(seen.every((p) => p.total === 4000)).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.progress).toBeGreaterThan(seen[i - 1]!.progress);
    expect(seen.at(-1)!.message).toBe('reading snapshot 4 of 4: samples/listeners/s4.heapsnapshot.gz');
  });

  it('summary, dominators and paths answer with the CLI --json shapes, cut to top-N', async () => {
    const summary = await answer(server, 'summary', { snapshot: S4, top: 5 });
    const cliSummary = cliJson('summary', S4, '--top', '5', '--json');
    expect(summary.classes).toEqual(cliSummary.classes);
    expect(summary).toMatchObject({ schema: cliSummary.schema, nodeCount: cliSummary.nodeCount, totalSize: cliSummary.totalSize, classCount: cliSummary.classCount, shownClasses: 5 });
    expect(summary.moreClasses).toMatch(/^\d+ more classes/);

    const dominators = await answer(server, 'dominators', { snapshot: S4, depth: 2, top: 3 });
    expect(dominators.tree).toEqual(cliJson('dominators', S4, '--depth', '2', '--top', '3', '--json').tree);

    const paths = await answer(server, 'paths', { snapshot: S4, className: 'ChatMessage' });
    const cliPaths = cliJson('paths', S4, '--class', 'ChatMessage', '--limit', '5', '--json');
    expect(paths).toEqual({ ...cliPaths, file: S4 });
    expect(paths.objectCount).toBe(800);
    expect(paths.groups[0].text).toContain('history');

    const one = await answer(server, 'paths', { snapshot: S4, id: paths.groups[0].exampleId });
    expect(one.steps.at(-1)).toMatchObject({ className: 'ChatMessage', nodeId: paths.groups[0].exampleId });

    // The path choice, as the CLI's --avoid and --shortest-paths.
    const avoided = await answer(server, 'paths', { snapshot: S4, className: 'ChatMessage', avoid: ['history'] });
    expect(avoided).toEqual({ ...cliJson('paths', S4, '--class', 'ChatMessage', '--limit', '5', '--avoid', 'history', '--json'), file: S4 });
    expect(avoided.pathChoice).toEqual({ order: 'preferred', avoid: ['history'] });
    expect(avoided.groups[0].text).toMatch(/^\(no path avoids history\) /);
    const shortest = await answer(server, 'paths', { snapshot: S4, className: 'ChatMessage', shortestPaths: true });
    expect(shortest.pathChoice).toEqual({ order: 'shortest', avoid: [] });
    const both = await call(server, 'paths', { snapshot: S4, className: 'ChatMessage', shortestPaths: true, avoid: ['history'] });
    expect(both).toMatchObject({ isError: true, text: expect.stringMatching(/avoid patterns apply to the preferred paths/) });
    const diff = await answer(server, 'diff', { snapshots: [DIR], avoid: ['history'], top: 1 });
    expect(diff.pathChoice).toEqual({ order: 'preferred', avoid: ['history'] });
    expect(diff.order).toEqual({ by: 'natural', given: null });
    expect(diff.growing[0].paths[0].text).toMatch(/^\(no path avoids history\) /);
  });

  it('object follows ids: a ChatMessage, its holder the history Array, and the Array\'s elements a page at a time', async () => {
    const paths = await answer(server, 'paths', { snapshot: S4, className: 'ChatMessage' });
    const id = paths.groups[0].exampleId;
    const message = await answer(server, 'object', { snapshot: S4, id });
    expect(message).toMatchObject({ id, className: 'ChatMessage', type: 'object' });
    expect(message.dominator.className).toBe('Array');
    expect(message.edges.items.map((e: { edge: string }) => e.edge)).toContain('.content');
    const holder = message.retainers.items[0];
    expect(holder).toMatchObject({ edgeType: 'element', className: 'Array', id: message.dominator.id });

    const array = await answer(server, 'object', { snapshot: S4, id: holder.id, limit: 10 });
    expect(array.edges.total).toBeGreaterThanOrEqual(800);
    expect(array.edges.items).toHaveLength(10);
    expect(array.edges.nextOffset).toBe(10);
    expect(array.retainers.items[0].edge).toBe('.history');
    const next = await answer(server, 'object', { snapshot: S4, id: holder.id, offset: 10, limit: 10 });
    expect(next.edges.offset).toBe(10);
    const seen = new Set([...array.edges.items, ...next.edges.items].map((e: { id: number; edge: string }) => `${e.edge} ${e.id}`));
    expect(seen.size).toBe(20);
  });

  it('answers bad calls with one-line tool errors and goes on serving', async () => {
    const truncated = join(tmp, 'cut.heapsnapshot');
    writeFileSync(truncated, '{"snapshot":{"meta":');
    const bad = await call(server, 'summary', { snapshot: truncated });
    expect(bad.isError).toBe(true);
    expect(bad.text.startsWith(`${truncated}: unexpected end of input in snapshot at byte `)).toBe(true);
    expect(bad.text).toMatch(/ at byte \d+$/);
    // The CLI says the same after its "heaptrail: " prefix.
    expect(runCliSync(['summary', truncated, '-q']).stderr).toBe(`heaptrail: ${bad.text}\n`);

    const missing = await call(server, 'summary', { snapshot: 'samples/nope.heapsnapshot' });
    expect([missing.isError, missing.text]).toEqual([true, 'samples/nope.heapsnapshot: no such file or directory']);
    const unknown = await call(server, 'paths', { snapshot: S4, className: 'ChatMesage' });
    expect([unknown.isError, unknown.text]).toEqual([true, 'unknown class "ChatMesage"; closest: ChatMessage, ChatMessage()']);
    const noId = await call(server, 'object', { snapshot: S4, id: 2 });
    expect([noId.isError, noId.text]).toEqual([true, `no object with id @2 in ${S4}`]);
    const dirAmongFiles = await call(server, 'diff', { snapshots: [S1, 'samples/control'] });
    expect(dirAmongFiles).toMatchObject({ isError: true, text: 'samples/control: is a directory; give files, or one directory alone' });
    const oneFile = await call(server, 'diff', { snapshots: [S4] });
    expect(oneFile).toMatchObject({ isError: true, text: 'a diff needs at least 2 snapshots, oldest first, or a directory of them (one snapshot: read it with summary --suspect and paths)' });
    const wrongType = await call(server, 'summary', { snapshot: 5 });
    expect(wrongType.isError).toBe(true);
    expect(wrongType.text).toMatch(/Invalid arguments for tool summary: .*expected string/);
    const tooMany = await call(server, 'summary', { snapshot: S4, top: 100000 });
    expect(tooMany.isError).toBe(true);
    const noTool = await call(server, 'heap', {});
    expect([noTool.isError, noTool.text]).toEqual([true, 'MCP error -32602: Tool heap not found']);

    const good = await answer(server, 'summary', { snapshot: S4, top: 1 });
    expect(good.classes).toHaveLength(1);
    expect(server.log()).not.toMatch(/internal error|Error:/);
  });
});

describe('heaptrail mcp snapshot cache', () => {
  it('answers a second question on a snapshot from memory, loading it once', async () => {
    const server = await startServer();
    try {
      const first = await call(server, 'summary', { snapshot: S1 });
      const second = await call(server, 'summary', { snapshot: join(ROOT, S1), top: 3 });
      const third = await call(server, 'paths', { snapshot: S1, className: 'ChatMessage' });
      expect([first.isError, second.isError, third.isError]).toEqual([false, false, false]);
      expect(loads(server.log(), S1)).toBe(1);
      expect(second.ms).toBeLessThan(first.ms / 2);
    } finally {
      await server.close();
    }
  });

  it('drops the least recently used snapshot when the next one would pass --max-memory', async () => {
    // One sample snapshot takes 6-7 MB analysed: 10 MiB holds one at a time.
    const server = await startServer('--max-memory', '10M');
    try {
      await answer(server, 'summary', { snapshot: S1, top: 1 });
      await answer(server, 'summary', { snapshot: S2, top: 1 });
      expect(server.log()).toMatch(new RegExp(`evicted ${S1} \\(\\d+\\.\\d MB\\) to stay within --max-memory`));
      await answer(server, 'summary', { snapshot: S1, top: 1 });
      expect(loads(server.log(), S1)).toBe(2);
      expect(loads(server.log(), S2)).toBe(1);
      // A diff still runs through a cache that holds one snapshot.
      const diff = await answer(server, 'diff', { snapshots: [DIR] });
      expect(diff.growing.map((c: { className: string }) => c.className)).toContain('ChatMessage');
    } finally {
      await server.close();
    }
  });

  it('refuses a snapshot larger than the whole budget as a tool error: after loading it, or at once when its file says so', async () => {
    // s1 is 4.4 MB of JSON and takes 6-7 MB analysed: 5 MiB lets it load, then refuses it.
    const server = await startServer('--max-memory', '5M');
    try {
      const a = await call(server, 'summary', { snapshot: S1 });
      expect(a.isError).toBe(true);
      expect(a.text).toMatch(new RegExp(`^${S1}: the analysed snapshot takes \\d+\\.\\d+ MB, more than the memory budget of 5\\.24 MB \\(--max-memory\\)$`));
    } finally {
      await server.close();
    }
    const tiny = await startServer('--max-memory', '1M');
    try {
      const a = await call(tiny, 'summary', { snapshot: S1 });
      expect(a.isError).toBe(true);
      expect(a.text).toMatch(new RegExp(`^${S1}: the analysed snapshot would take at least \\d+\\.\\d+ MB, more than the memory budget of 1\\.05 MB \\(--max-memory\\)$`));
      expect(tiny.log()).not.toContain('loaded');
    } finally {
      await tiny.close();
    }
  });
});

describe('heaptrail mcp process', () => {
  it('ends by itself, exit 0, when the client closes stdin after a session', async () => {
    const child = spawn(process.execPath, [BIN, 'mcp'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const ended = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (code, signal) => resolve([code, signal])));
    let out = '';
    const answered = new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => ((out += d.toString()), out.includes('\n') && resolve())));
    const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'e2e', version: '1' } } };
    child.stdin.write(JSON.stringify(initialize) + '\n');
    await answered;
    expect(JSON.parse(out.split('\n')[0]!).result.serverInfo.name).toBe('heaptrail');
    child.stdin.end();
    // Not killed: the SDK's client would send SIGTERM only after waiting 2 s.
    expect(await ended).toEqual([0, null]);
  });

  it('refuses a --max-memory that is not a size, with exit 2', () => {
    const r = runCliSync(['mcp', '--max-memory', 'lots']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('heaptrail: --max-memory must be a size in bytes like 512M or 4G, got "lots"\n');
  });

  it('loads the MCP SDK only for the mcp command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'heaptrail-mcp-loads-'));
    try {
      // A module resolve hook that names every SDK module the process loads.
      writeFileSync(join(dir, 'hooks.mjs'), `import { writeSync } from 'node:fs';
export async function resolve(spec, context, next) {
  const r = await next(spec, context);
  if (r.url.includes('@modelcontextprotocol/sdk')) writeSync(2, 'SDK ' + r.url + '\\n');
  return r;
}
`);
      writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(new URL(`file://${join(dir, 'hooks.mjs')}`).href)});\n`);
      const run = (args: string[]) => spawnSync(process.execPath, ['--import', join(dir, 'register.mjs'), BIN, ...args], { cwd: ROOT, encoding: 'utf8', input: '' });
      const summary = run(['summary', S1, '-q', '--top', '1']);
      expect(summary.status).toBe(0);
      expect(summary.stderr).not.toContain('SDK ');
      const mcp = run(['mcp']);
      expect(mcp.status).toBe(0);
      expect(mcp.stderr).toContain('SDK ');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
