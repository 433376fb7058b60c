// Names in a heap snapshot come from the program being inspected: a hostile page can
// name a class "\x1b]0;pwned\x07" and rewrite the terminal's title, or clear the
// screen. Every name that reaches a terminal goes through here first.

// C0 controls (tabs and newlines too: they break the table layout), DEL, C1 controls, and
// the Unicode line/paragraph separators and bidi overrides that reorder what is shown.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Replaces control and bidi characters with visible `\u001b`-style escapes. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Shortens `text` to at most `max` characters by cutting out its middle: both ends of a
 * retaining path matter (the root side says which global, the object side which field).
 */
export function truncateMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  const keepEnd = Math.ceil((max - 1) / 2);
  const keepStart = max - 1 - keepEnd;
  return `${text.slice(0, keepStart)}…${text.slice(text.length - keepEnd)}`;
}

/** Shortens `text` to at most `max` characters, keeping the start. */
export function truncateEnd(text: string, max: number): string {
  if (text.length <= max) return text;
  return max <= 1 ? text.slice(0, Math.max(0, max)) : `${text.slice(0, max - 1)}…`;
}
