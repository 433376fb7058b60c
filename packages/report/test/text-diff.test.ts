import { describe, expect, it } from 'vitest';
import { renderDiffText } from '../src/text-diff.js';
import { crossProcessResult, healthyResult, HOSTILE, leakyResult } from './fixtures.js';

const ANSI = /\x1b\[[0-9;]*m/;

describe('renderDiffText', () => {
  it('opens with a verdict naming how many classes grow, the bytes per interval and the failed budgets', () => {
    const text = renderDiffText(leakyResult(), { color: false });
    const [verdict, ...rest] = text.split('\n');
    expect(verdict).toMatch(/^heaptrail: 4 classes grow \(3 user, 1 internal\) across 4 snapshots; \+\S+ MB retained \(.+ per interval\); 2 budgets exceeded$/);
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
    expect(lines[at + 1]).toBe('    3,400×  1.40 MB  (module scope) cache → Map (entries) → RequestContext');
    expect(lines[at + 2]).toBe('      580×   238 kB  (module scope) server._events.request → onRequestDone()::ctx → RequestContext');
    expect(lines[at + 3]).toBe('    … 1 more path group');
  });

  it('says which reported class holds a class that grows only because that one does', () => {
    const lines = renderDiffText(leakyResult(), { color: false }).split('\n');
    const at = lines.findIndex((l) => l.startsWith('Buffer'));
    expect(lines[at + 1]).toBe('    held by RequestContext');
    expect(lines[at + 2]).toMatch(/^ {4}3,980× {2}1.19 MB {2}\(module scope\)/);
  });

  it('keeps every line within the width by shortening class names and cutting paths in the middle', () => {
    const long = leakyResult({ leak: 'A'.repeat(120) });
    const lines = renderDiffText(long, { color: false, width: 80 }).split('\n').slice(4);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(lines.some((l) => l.includes('…'))).toBe(true);
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

  it('is deterministic', () => {
    expect(renderDiffText(leakyResult(), { color: true, width: 100 })).toBe(renderDiffText(leakyResult(), { color: true, width: 100 }));
  });
});
