// Escaping for GitHub-flavoured Markdown. Class and file names are attacker-controlled,
// so they are always written as code spans: inside a code span Markdown and HTML are
// inert, mentions (@user) and references (#12) do not fire, and only the backtick
// fence, line breaks and (inside tables) the pipe need care.

const LINE_BREAKS = /[\r\n\u2028\u2029]+/g;
// Controls and bidi overrides render as nothing or reorder text; show them as escapes.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` as a code span; `inTable` also escapes `|`, which GFM splits cells on even inside code. */
export function codeSpan(text: string, inTable: boolean, maxLength = 200): string {
  let t = text.replace(LINE_BREAKS, ' ').replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (t.length > maxLength) t = `${t.slice(0, maxLength - 1)}…`;
  if (t.trim() === '') t = t === '' ? '(empty)' : t.replace(/ /g, '·');
  // The fence must be longer than any run of backticks inside.
  const longestRun = Math.max(0, ...(t.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark strips one space from each side when both are present; pad so a leading
  // or trailing backtick does not merge with the fence and edge spaces survive.
  const padded = longestRun > 0 || t.startsWith(' ') || t.endsWith(' ') ? ` ${t} ` : t;
  const body = inTable ? padded.replace(/\|/g, '\\|') : padded;
  return `${fence}${body}${fence}`;
}
