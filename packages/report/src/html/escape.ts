// Escaping for the HTML report. Every string from a snapshot (class names, edge names,
// node names) and from the command line (file names) is attacker-controlled: a web page
// can call a class `</script><script>…`. The report embeds no JSON and builds no markup
// in the browser, so one escaper covers HTML text and double-quoted attributes alike.

import { truncateEnd } from '../terminal-safe.js';

const SPECIAL = /[&<>"']/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes `& < > " '`: safe in element text and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(SPECIAL, (c) => ENTITY[c]!);
}

/** Longest name the report shows: a hostile multi-megabyte name must not become a multi-megabyte report. */
export const MAX_NAME = 300;

/** Shortens then escapes a name for display. */
export function htmlName(text: string, max = MAX_NAME): string {
  return escapeHtml(truncateEnd(text, max));
}
