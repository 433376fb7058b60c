// `heaptrail redact`: what a redacted snapshot still says, then what was replaced.
// The JSON shape and the text both live here.

import type { RedactResult } from '@heaptrail/parser/redact';
import { formatBytes, formatCount } from './format.js';
import { terminalSafe } from './terminal-safe.js';

export const REDACT_SCHEMA = 'heaptrail.redact/1';

/**
 * The `--json` object: `schema` "heaptrail.redact/1", `input` and `output` as given,
 * then redactSnapshot's result: `kept` (nodes, edges, names, placeholders, locations,
 * traceFunctionInfos, scriptNames, otherSections), `redacted` (strings, bytes,
 * scriptNames, scripts) and `source` (gzip, textBytes, strings).
 */
export function redactionJson(input: string, output: string, r: RedactResult) {
  return { schema: REDACT_SCHEMA, input, output, kept: r.kept, redacted: r.redacted, source: r.input };
}

export function renderRedactionText(input: string, output: string, r: RedactResult): string {
  const k = r.kept;
  const lines = [
    `redacted ${terminalSafe(input)} -> ${terminalSafe(output)}`,
    '',
    'kept as they were (the shared file still says these):',
    `  the graph: ${formatCount(k.nodes)} nodes and ${formatCount(k.edges)} edges with their types, ids, sizes and links`,
    `  ${formatCount(k.names)} names: classes, functions, properties and variables, V8's labels, regular expression`,
    '    sources, DOM element names with their attributes, global object names with their URLs, and string values',
    '    spelled like one of these',
    `  ${formatCount(k.locations)} source locations (script id, line, column)`,
  ];
  if (k.traceFunctionInfos > 0) lines.push(`  ${formatCount(k.traceFunctionInfos)} allocation-trace functions (name, script, line)`);
  lines.push(k.scriptNames ? '  script names (file paths, URLs) where V8 uses them as names; --redact-scripts replaces them' : '  script names: replaced (see below)');
  if (k.otherSections.length > 0) lines.push(`  sections heaptrail does not read, copied as they are: ${k.otherSections.map(terminalSafe).join(', ')}`);
  lines.push(
    '',
    'replaced by salted stand-ins of the same length:',
    `  ${formatCount(r.redacted.strings)} of ${formatCount(r.input.strings)} strings (${formatBytes(r.redacted.bytes)}): string values, script sources, unreferenced strings`,
  );
  if (!k.scriptNames) lines.push(`  of which ${formatCount(r.redacted.scriptNames)} script names that were also names (${formatCount(r.redacted.scripts)} scripts found)`);
  return lines.join('\n') + '\n';
}
