import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration, formatLine } from '../src/progress.js';

function fakeTerminal(columns?: number) {
  const writes: string[] = [];
  let t = 0;
  return {
    writes,
    stream: { write: (s: string) => writes.push(s), columns },
    now: () => t,
    advance: (ms: number) => (t += ms),
  };
}

describe('createProgress', () => {
  it('draws one updating line with phase, amount, percentage, rate and ETA', () => {
    const term = fakeTerminal();
    const p = createProgress({ stream: term.stream, isTTY: true, now: term.now });
    p.update('parsing', 0, 1_000_000_000);
    term.advance(2_000);
    p.update('parsing', 400_000_000, 1_000_000_000);
    expect(term.writes).toEqual([
      '\r\x1b[2Kparsing  0 B / 1.00 GB  0%',
      '\r\x1b[2Kparsing  400 MB / 1.00 GB  40%  200 MB/s  ETA 3s',
    ]);
  });

  it('redraws at most every 100 ms within a phase, but at once on a new phase and at completion', () => {
    const term = fakeTerminal();
    const p = createProgress({ stream: term.stream, isTTY: true, now: term.now });
    p.update('parsing', 1, 100);
    for (let i = 2; i < 50; i++) {
      term.advance(10);
      p.update('parsing', i, 100);
    }
    // 480 ms of updates every 10 ms: the first draw plus one per 100 ms.
    expect(term.writes).toHaveLength(5);
    p.update('parsing', 100, 100);
    expect(term.writes.at(-1)).toMatch(/parsing {2}100 B \/ 100 B {2}100%/);
    p.update('dominators', 0, 5_000, 'items');
    expect(term.writes.at(-1)).toBe('\r\x1b[2Kdominators  0 / 5,000  0%');
    expect(term.writes).toHaveLength(7);
  });

  it('prints items as counts and leaves out percentage and ETA when the total is unknown', () => {
    const term = fakeTerminal();
    const p = createProgress({ stream: term.stream, isTTY: true, now: term.now });
    p.update('retainers', 0, undefined, 'items');
    term.advance(1_000);
    p.update('retainers', 1_500_000, undefined, 'items');
    expect(term.writes.at(-1)).toBe('\r\x1b[2Kretainers  1,500,000  1,500,000 /s');
  });

  it('clears its line when done, and writes nothing at done if it never drew', () => {
    const term = fakeTerminal();
    const p = createProgress({ stream: term.stream, isTTY: true, now: term.now });
    p.done();
    expect(term.writes).toEqual([]);
    p.update('parsing', 5, 10);
    p.done();
    expect(term.writes.at(-1)).toBe('\r\x1b[2K');
  });

  it('never writes past the terminal width (a wrapped line could not be redrawn in place)', () => {
    const term = fakeTerminal(20);
    const p = createProgress({ stream: term.stream, isTTY: true, now: term.now });
    p.update('computing retained sizes', 123_456_789, 987_654_321);
    expect(term.writes[0]!.slice('\r\x1b[2K'.length)).toHaveLength(19);
  });

  it('prints nothing at all when stderr is not a terminal or when quiet', () => {
    for (const opts of [{ isTTY: false }, { isTTY: undefined }, { isTTY: true, quiet: true }]) {
      const term = fakeTerminal();
      const p = createProgress({ stream: term.stream, now: term.now, ...opts });
      p.update('parsing', 1, 2);
      term.advance(1_000);
      p.update('parsing', 2, 2);
      p.done();
      expect(term.writes).toEqual([]);
    }
  });
});

describe('formatLine and formatDuration', () => {
  it('waits for a quarter second of data before quoting a rate', () => {
    expect(formatLine('parsing', 10, 100, 'bytes', 0.1)).toBe('parsing  10 B / 100 B  10%');
  });

  it('writes durations as seconds, minutes or hours', () => {
    expect(formatDuration(4.2)).toBe('5s');
    expect(formatDuration(125)).toBe('2m05s');
    expect(formatDuration(7_300)).toBe('2h01m');
  });
});
