import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isInspectorLine, isWaitingForDisconnect, listeningUrl } from '../src/launch/inspector-lines.js';
import { LineSplitter } from '../src/launch/line-splitter.js';
import { createTriggers } from '../src/capture/triggers.js';
import { parseEndpoint, targetFromArgs, withInspector } from '../src/index.js';

describe('parseEndpoint', () => {
  it('takes a WebSocket URL as it is, and host:port (or a bare port) for discovery', () => {
    expect(parseEndpoint('ws://127.0.0.1:9229/0f2c')).toEqual({ kind: 'websocket', url: 'ws://127.0.0.1:9229/0f2c' });
    expect(parseEndpoint('127.0.0.1:9229')).toEqual({ kind: 'http', host: '127.0.0.1', port: 9229 });
    expect(parseEndpoint('localhost:9222')).toEqual({ kind: 'http', host: 'localhost', port: 9222 });
    expect(parseEndpoint('http://[::1]:9229/')).toEqual({ kind: 'http', host: '[::1]', port: 9229 });
    expect(parseEndpoint('9229')).toEqual({ kind: 'http', host: '127.0.0.1', port: 9229 });
  });

  it('refuses anything else in one line', () => {
    expect(() => parseEndpoint('127.0.0.1')).toThrow(/^--inspect 127\.0\.0\.1: give ws:\/\/host:port\/<id> or host:port$/);
    expect(() => parseEndpoint('host:99999')).toThrow(/give ws:/);
  });
});

describe('withInspector', () => {
  it('puts the flag first for a node command, and in NODE_OPTIONS for anything else', () => {
    expect(withInspector('node', ['server.mjs', '--port', '3'], {})).toEqual({ command: 'node', args: ['--inspect=127.0.0.1:0', 'server.mjs', '--port', '3'], env: {} });
    expect(withInspector(process.execPath, ['a.js'], {}).args[0]).toBe('--inspect=127.0.0.1:0');
    expect(withInspector('/usr/local/bin/node', ['a.js'], {}).args[0]).toBe('--inspect=127.0.0.1:0');
    const wrapped = withInspector('./start.sh', ['x'], { NODE_OPTIONS: '--max-old-space-size=100' });
    expect(wrapped).toEqual({ command: './start.sh', args: ['x'], env: { NODE_OPTIONS: '--max-old-space-size=100 --inspect=127.0.0.1:0' } });
  });
});

describe('inspector lines', () => {
  it("knows Node's own lines on the child's stderr, and only those", () => {
    expect(listeningUrl('Debugger listening on ws://127.0.0.1:40101/6a1d2d4e-1a9b-4d0c-9a58-3c1f3a4e5b6c')).toBe(
      'ws://127.0.0.1:40101/6a1d2d4e-1a9b-4d0c-9a58-3c1f3a4e5b6c',
    );
    expect(isInspectorLine('For help, see: https://nodejs.org/en/docs/inspector')).toBe(true);
    expect(isInspectorLine('Debugger attached.')).toBe(true);
    expect(isWaitingForDisconnect('Waiting for the debugger to disconnect...')).toBe(true);
    expect(isInspectorLine('server: Debugger listening on ws://x')).toBe(false);
    expect(listeningUrl('my Debugger listening on ws://x')).toBeUndefined();
  });
});

describe('LineSplitter', () => {
  it('joins lines cut by reads, multi-byte characters included, and flushes the tail', () => {
    const text = 'first\r\nsé\u{1F600}cond\nthird';
    const bytes = Buffer.from(text);
    for (let size = 1; size <= bytes.length; size++) {
      const lines: string[] = [];
      const splitter = new LineSplitter((l) => lines.push(l));
      for (let at = 0; at < bytes.length; at += size) splitter.push(bytes.subarray(at, at + size));
      splitter.flush();
      expect(lines).toEqual(['first', 'sé\u{1F600}cond', 'third']);
    }
  });
});

describe('createTriggers', () => {
  it('clock: the first at the warmup, then one per interval from the start', async () => {
    const triggers = createTriggers({ clock: { warmupMs: 60, intervalMs: 40 } });
    const t0 = Date.now();
    await triggers.next(0);
    const first = Date.now() - t0;
    await triggers.next(2);
    const third = Date.now() - t0;
    triggers.close();
    expect(first).toBeGreaterThanOrEqual(55);
    expect(third).toBeGreaterThanOrEqual(135);
  });

  it('lines: one snapshot per line, lines sent early are queued, and the end of input fails the wait', async () => {
    const input = new PassThrough();
    const triggers = createTriggers({ lines: input });
    input.write('a\nb\n');
    await new Promise((r) => setImmediate(r));
    await triggers.next(0);
    await triggers.next(1);
    const third = triggers.next(2);
    input.end();
    await expect(third).rejects.toThrow(/^stdin ended before every snapshot was asked for \(--on-line\)$/);
    triggers.close();
  });

  it('signal: SIGUSR2 to this process takes the next one', async () => {
    const triggers = createTriggers({ onSignal: true });
    const next = triggers.next(0);
    process.kill(process.pid, 'SIGUSR2');
    await next;
    triggers.close();
    expect(process.listenerCount('SIGUSR2')).toBe(0);
  });
});

describe('targetFromArgs', () => {
  const env = { A: '1' };
  it('a command, an address, or a pid (with where it listens)', () => {
    expect(targetFromArgs({ command: ['node', 'a.js'] }, '/w', env)).toEqual({ kind: 'launch', command: 'node', args: ['a.js'], cwd: '/w', env });
    expect(targetFromArgs({ inspect: '127.0.0.1:9229' }, '/w', env)).toEqual({ kind: 'inspect', address: '127.0.0.1:9229' });
    expect(targetFromArgs({ pid: 42 }, '/w', env)).toEqual({ kind: 'pid', pid: 42 });
    expect(targetFromArgs({ pid: 42, inspect: '127.0.0.1:9300' }, '/w', env)).toEqual({ kind: 'pid', pid: 42, address: '127.0.0.1:9300' });
  });

  it('refuses none, both, and --keep-alive of an attached process', () => {
    expect(() => targetFromArgs({}, '/w', env)).toThrow(/^give the program to record after --/);
    expect(() => targetFromArgs({ command: ['node'], pid: 1 }, '/w', env)).toThrow(/^give a command or --pid, not both$/);
    expect(() => targetFromArgs({ inspect: '9229', keepAlive: true }, '/w', env)).toThrow(/^--keep-alive is for a program heaptrail starts/);
  });
});
