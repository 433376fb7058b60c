import { describe, expect, it } from 'vitest';
import { renderDiffText } from '../src/text-diff.js';
import { crossProcessResult, healthyResult, HOSTILE, leakyResult } from './fixtures.js';

const ANSI = /\x1b\[[0-9;]*m/;

describe('renderDiffText', () => {
  it('opens with the thing to fix, then a verdict naming how many classes grow, the heap growth, what the new survivors retain and the failed budgets', () => {
    const text = renderDiffText(leakyResult(), { color: false });
    const [lead, verdict, ...rest] = text.split('\n');
    expect(lead).toBe('heaptrail: leak: (module scope) cache (Map, 12 → 4,012 entries) holds 3,400 of 4,000 new RequestContext');
    expect(verdict).toBe(
      'heaptrail: 4 classes grow (3 user, 1 internal) across 4 snapshots; heap +1.92 MB (+640 kB, +640 kB, +640 kB per interval), 1.70 MB retained by the new survivors; 2 budgets exceeded',
    );
    expect(rest.slice(0, 2)).toEqual(['  ✗ --max-growth-bytes 1000000: retained size of growing classes grew by 2900000 bytes', '  ✗ --max-growing-classes 1: 4 classes grew']);
    expect(text).toContain('2 growing internal classes hidden');
  });

  it('lists each growing class with counts per snapshot, growth, retained bytes and new survivors', () => {
    const lines = renderDiffText(leakyResult(), { color: false }).split('\n');
    const header = lines.find((l) => l.startsWith('class'))!;
    expect(header.split(/\s{2,}/)).toEqual(['class', 'counts', 'growth', 'retained', 'new survivors']);
    const row = lines.find((l) => l.startsWith('RequestContext'))!;
    expect(row.split(/\s{2,}/)).toEqual(['RequestContext', '12 → 1,012 → 2,012 → 4,012', '+4,000', '+1.65 MB', '4,000']);
    expect(lines.find((l) => l.startsWith('(compiled code)'))).toMatch(/^\(compiled code\) \(internal\)/);
  });

  it('shows the top path groups under their class, largest first, and counts the rest', () => {
    const lines = renderDiffText(leakyResult(), { color: false, maxPaths: 2 }).split('\n');
    const at = lines.findIndex((l) => l.startsWith('RequestContext'));
    expect(lines[at + 1]).toBe('    in (module scope) cache (Map, 12 → 4,012 entries): holds 3,400 of 4,000 new RequestContext');
    expect(lines[at + 2]).toBe('    3,400×  1.40 MB  (module scope) cache → Map (entries) → RequestContext');
    expect(lines[at + 3]).toBe('      580×   238 kB  (module scope) server._events.request → onRequestDone()::ctx → RequestContext');
    expect(lines[at + 4]).toBe('    … 1 more path group');
  });

  it('says which reported class holds a class that grows only because that one does', () => {
    const lines = renderDiffText(leakyResult(), { color: false }).split('\n');
    const at = lines.findIndex((l) => l.startsWith('Buffer'));
    expect(lines[at + 1]).toBe('    held by RequestContext');
    expect(lines[at + 2]).toMatch(/^ {4}3,980× {2}1.19 MB {2}\(module scope\)/);
  });

  it('keeps every line within the width: the lead and verdict wrapped at spaces, class names shortened', () => {
    const long = leakyResult({ leak: Array.from({ length: 12 }, (_, i) => `sessionStore${i}`).join(' ') });
    const whole = renderDiffText(long, { color: false }).split('\n');
    const all = renderDiffText(long, { color: false, width: 80 }).split('\n');
    for (const line of all) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(all.slice(all.indexOf('')).some((l) => l.includes('…'))).toBe(true);
    // The lead and the verdict lose no word: their lines joined again are the unwrapped ones.
    const rejoin = (lines: string[]) => lines.map((l, i) => (i === 0 ? l : l.replace(/^ {2}/, ''))).join(' ');
    const leadLines = all.slice(0, all.findIndex((l, i) => i > 0 && l.startsWith('heaptrail: ')));
    expect(leadLines.length).toBeGreaterThan(1);
    expect(rejoin(leadLines)).toBe(whole[0]);
    // The verdict: its first line and the continuation lines under it (two spaces, then a word; a budget line has ✗).
    const verdictAt = leadLines.length;
    let end = verdictAt + 1;
    while (/^ {2}[^ ✗]/.test(all[end]!)) end++;
    expect(rejoin(all.slice(verdictAt, end))).toBe(whole[1]);
    // A budget line wraps under its own text.
    expect(all[end]).toMatch(/^ {2}✗ /);
    expect(all[end + 1]).toMatch(/^ {4}\S/);
  });

  it('writes ANSI colour only when asked', () => {
    expect(renderDiffText(leakyResult(), { color: false })).not.toMatch(ANSI);
    expect(renderDiffText(leakyResult(), { color: true })).toMatch(ANSI);
  });

  it('keeps the columns aligned when coloured', () => {
    const plain = renderDiffText(leakyResult(), { color: false });
    const coloured = renderDiffText(leakyResult(), { color: true }).replace(/\x1b\[[0-9;]*m/g, '');
    expect(coloured).toBe(plain);
  });

  it('says n/a for new survivors when the snapshots come from different processes', () => {
    const text = renderDiffText(crossProcessResult(), { color: false });
    expect(text.split('\n').find((l) => l.startsWith('RequestContext'))).toMatch(/n\/a$/);
    expect(text).toContain('different processes');
  });

  it('is one calm line for a healthy program', () => {
    expect(renderDiffText(healthyResult(), { color: false })).toBe('heaptrail: No class grows across 4 snapshots; no budget exceeded\n');
  });

  it('never lets a class name send control characters to the terminal', () => {
    const text = renderDiffText(leakyResult({ leak: 'X\x1b[2J\x1b]0;owned\x07' }), { color: false });
    expect(text).not.toContain('\x1b');
    expect(text).not.toContain('\x07');
    expect(text).toContain('X\\u001b[2J');
  });

  it('prints hostile HTML names verbatim: a terminal does not interpret them', () => {
    expect(renderDiffText(leakyResult({ leak: HOSTILE.leak }), { color: false })).toContain(HOSTILE.leak);
  });

  it('wraps a path under its start on a terminal, every step kept; only a very long path loses its middle', () => {
    const result = leakyResult();
    const steps = Array.from({ length: 4 }, (_, i) => `holder${i}.sessionsById`).join(' → ');
    const long = { ...result, growing: result.growing.map((g, k) => (k === 0 ? { ...g, paths: [{ ...g.paths[0]!, text: `(module scope of app.mjs) ${steps} → RequestContext` }] } : g)) };
    const lines = renderDiffText(long, { color: false, width: 60 }).split('\n');
    const at = lines.findIndex((l) => l.startsWith('    3,400×'));
    const prefix = '    3,400×  1.40 MB  ';
    expect(lines[at]!.startsWith(prefix)).toBe(true);
    let end = at + 1;
    while (lines[end]!.startsWith(' '.repeat(prefix.length))) end++;
    const pathLines = lines.slice(at, end);
    expect(pathLines.length).toBeGreaterThan(2);
    for (const line of pathLines) expect(line.length, line).toBeLessThanOrEqual(60);
    expect(pathLines.map((l) => l.slice(prefix.length)).join(' ')).toBe(long.growing[0]!.paths[0]!.text);
    // Sixty steps do not fit four lines: the head and the class stay, the middle goes.
    const endless = Array.from({ length: 60 }, (_, i) => `h${i}.next`).join(' → ');
    const longer = { ...long, growing: long.growing.map((g, k) => (k === 0 ? { ...g, paths: [{ ...g.paths[0]!, text: `(module scope of app.mjs) ${endless} → RequestContext` }] } : g)) };
    const cut = renderDiffText(longer, { color: false, width: 60 }).split('\n');
    const from = cut.findIndex((l) => l.startsWith(prefix));
    let to = from + 1;
    while (cut[to]!.startsWith(' '.repeat(prefix.length))) to++;
    expect(to - from).toBeLessThanOrEqual(5);
    const joined = cut.slice(from, to).map((l) => l.slice(prefix.length)).join(' ');
    expect(joined.startsWith('(module scope of app.mjs) h0.next')).toBe(true);
    expect(joined.endsWith('→ RequestContext')).toBe(true);
    expect(joined).toContain('…');
  });

  it('is deterministic', () => {
    expect(renderDiffText(leakyResult(), { color: true, width: 100 })).toBe(renderDiffText(leakyResult(), { color: true, width: 100 }));
  });
});
