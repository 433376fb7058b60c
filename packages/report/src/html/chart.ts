// A small inline SVG chart per growing class: instance count and retained size across
// the snapshots, side by side, each a line with a dot per snapshot (hover for values).

import { formatBytes, formatCount } from '../format.js';
import { escapeHtml } from './escape.js';

export interface SeriesChartInput {
  readonly counts: readonly number[];
  readonly retainedSizes: readonly number[];
  /** Per snapshot, e.g. file names; used in the hover text. */
  readonly labels: readonly string[];
}

const PANEL_W = 200;
const PANEL_H = 64;
const PAD = { left: 6, right: 6, top: 18, bottom: 6 };

export function renderSeriesChart(input: SeriesChartInput): string {
  const width = PANEL_W * 2 + 16;
  return [
    `<svg class="chart" viewBox="0 0 ${width} ${PANEL_H}" width="${width}" height="${PANEL_H}" role="img" aria-label="count and retained size per snapshot" xmlns="http://www.w3.org/2000/svg">`,
    panel(0, 'count', input.counts, formatCount, input.labels),
    panel(PANEL_W + 16, 'retained', input.retainedSizes, formatBytes, input.labels),
    '</svg>',
  ].join('');
}

/** One panel; `name` labels it and is its CSS class. */
function panel(x: number, name: string, values: readonly number[], fmt: (n: number) => string, labels: readonly string[]): string {
  const max = Math.max(1, ...values);
  const innerW = PANEL_W - PAD.left - PAD.right;
  const innerH = PANEL_H - PAD.top - PAD.bottom;
  const step = values.length > 1 ? innerW / (values.length - 1) : 0;
  const px = (i: number) => round(x + PAD.left + (values.length > 1 ? i * step : innerW / 2));
  const py = (v: number) => round(PAD.top + innerH - (Math.max(0, v) / max) * innerH);
  const points = values.map((v, i) => `${px(i)},${py(v)}`).join(' ');
  const base = PAD.top + innerH;
  const area = values.length > 1 ? `<polygon class="area" points="${px(0)},${base} ${points} ${px(values.length - 1)},${base}"/>` : '';
  const last = values.length > 0 ? fmt(values[values.length - 1]!) : '';
  const first = values.length > 0 ? fmt(values[0]!) : '';
  const dots = values
    .map((v, i) => `<circle cx="${px(i)}" cy="${py(v)}" r="3"><title>${escapeHtml(`${labels[i] ?? `snapshot ${i + 1}`}: ${fmt(v)} ${name}`)}</title></circle>`)
    .join('');
  return (
    `<g class="panel ${name}">` +
    `<rect class="frame" x="${x}" y="0" width="${PANEL_W}" height="${PANEL_H}" rx="4"/>` +
    `<text x="${x + PAD.left}" y="12">${escapeHtml(name)}: ${escapeHtml(first)} → ${escapeHtml(last)}</text>` +
    area +
    `<polyline points="${points}"/>` +
    dots +
    '</g>'
  );
}

const round = (n: number) => Math.round(n * 10) / 10;
