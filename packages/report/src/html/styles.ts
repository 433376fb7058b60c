// The report's stylesheet, inlined into every page and allowed by its CSP hash.

export const STYLES = `
:root { color-scheme: light; --fg: #1d2330; --muted: #667085; --line: #e4e7ec; --bg: #f6f7f9; --card: #fff;
  --red: #c0362c; --red-bg: #fdecea; --amber: #a15c00; --amber-bg: #fff4e0; --green: #1d7a46; --green-bg: #e7f6ec; --accent: #3056d3; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1120px; margin: 0 auto; padding: 24px 20px 48px; }
header h1 { font-size: 20px; margin: 0 0 4px; }
header .files { color: var(--muted); margin: 0; word-break: break-all; }
h2 { font-size: 16px; margin: 28px 0 10px; }
section.card, .verdict { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 12px 0; }
.verdict { border-left: 5px solid var(--green); background: var(--green-bg); }
.verdict.growing { border-left-color: var(--amber); background: var(--amber-bg); }
.verdict.budget-failed { border-left-color: var(--red); background: var(--red-bg); }
.verdict h2 { margin: 0 0 4px; font-size: 17px; }
.verdict p { margin: 2px 0; }
.verdict ul { margin: 6px 0 0; padding-left: 20px; }
.verdict .failed { color: var(--red); font-weight: 600; }
.intervals { border-collapse: collapse; margin-top: 6px; }
.intervals td, .intervals th { padding: 1px 10px 1px 0; text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); }
.class-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 14px; }
.class-head h3 { margin: 0; font-size: 15px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
.badge { font-size: 11px; padding: 1px 7px; border-radius: 10px; background: var(--line); color: var(--muted); }
.badge.user { background: #e8edfb; color: var(--accent); }
.stats { color: var(--muted); font-variant-numeric: tabular-nums; }
.stats b { color: var(--fg); }
.grow-num { color: var(--red); font-weight: 600; }
.class-body { display: grid; grid-template-columns: 420px 1fr; gap: 8px 18px; align-items: start; margin-top: 8px; }
@media (max-width: 820px) { .class-body { grid-template-columns: 1fr; } }
svg.chart { display: block; max-width: 100%; height: auto; }
svg.chart .frame { fill: #fafbfc; stroke: var(--line); }
svg.chart text { font-size: 11px; fill: var(--muted); }
svg.chart polyline { fill: none; stroke-width: 2; }
svg.chart .count polyline, svg.chart .count circle { stroke: var(--accent); }
svg.chart .retained polyline, svg.chart .retained circle { stroke: var(--red); }
svg.chart circle { fill: #fff; stroke-width: 2; }
svg.chart .count .area { fill: #3056d31f; }
svg.chart .retained .area { fill: #c0362c1f; }
.top-path { margin: 0 0 4px; font-size: 12px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
ul.ptree, ul.ptree ul { list-style: none; margin: 0; padding-left: 16px; }
ul.ptree { padding-left: 0; }
ul.ptree li { margin: 2px 0; }
ul.ptree li.leaf { padding-left: 14px; }
ul.ptree summary { cursor: pointer; }
ul.ptree .count { font-weight: 600; font-variant-numeric: tabular-nums; }
ul.ptree .size { color: var(--muted); font-variant-numeric: tabular-nums; }
ul.ptree .sep { color: var(--muted); }
svg.treemap { display: block; width: 100%; height: auto; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
svg.treemap rect { stroke: #fff; stroke-width: 0.5; }
svg.treemap .grows rect { stroke: var(--red); stroke-width: 2; }
svg.treemap text { font-size: 11px; fill: #1d2330; pointer-events: none; }
svg.treemap text.sub { fill: #475467; }
svg.treemap g.node:hover rect { stroke: #1d2330; stroke-width: 1.5; }
.table-wrap { max-height: 560px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; }
table.classes { width: 100%; border-collapse: collapse; background: var(--card); }
table.classes th, table.classes td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; }
table.classes tbody th { font-weight: 400; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
table.classes .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.classes thead th { background: #fafbfc; position: sticky; top: 0; z-index: 1; }
table.classes thead button { font: inherit; font-weight: 600; border: 0; background: none; cursor: pointer; color: var(--accent); padding: 0; }
table.classes th[aria-sort="descending"] button::after { content: " ▼"; }
table.classes th[aria-sort="ascending"] button::after { content: " ▲"; }
table.classes tr.grows th { color: var(--red); font-weight: 600; }
meter { width: 60px; height: 9px; vertical-align: middle; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
`;
