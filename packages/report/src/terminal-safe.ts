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

// A cut between the two halves of a surrogate pair leaves a broken character (shown as �).
const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const headOf = (text: string, n: number) => (n > 0 && isHigh(text.charCodeAt(n - 1)) ? text.slice(0, n - 1) : text.slice(0, n));
const tailOf = (text: string, n: number) => {
  const start = text.length - n;
  return n > 0 && isLow(text.charCodeAt(start)) ? text.slice(start + 1) : text.slice(start);
};

/**
 * Shortens `text` to at most `max` characters by cutting out its middle: both ends of a
 * retaining path matter (the root side says which global, the object side which field).
 */
export function truncateMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return headOf(text, Math.max(0, max));
  const keepEnd = Math.ceil((max - 1) / 2);
  const keepStart = max - 1 - keepEnd;
  return `${headOf(text, keepStart)}…${tailOf(text, keepEnd)}`;
}

/** Shortens `text` to at most `max` characters, keeping the start. */
export function truncateEnd(text: string, max: number): string {
  if (text.length <= max) return text;
  return max <= 1 ? headOf(text, Math.max(0, max)) : `${headOf(text, max - 1)}…`;
}
