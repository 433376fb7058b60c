// Long sentences on a terminal: wrapped at spaces to its width, the continuation lines
// indented under the first, so that every word of a lead (the user's variable, their
// file) stays whole and readable; cutting the middle of such a line could drop the one
// name it is there to give. Only where the width is known (a terminal): files and
// pipes get one line per sentence, for the tools that read them.

/**
 * `text` (one line, no colour codes) in lines of at most `width` characters, broken at
 * spaces, each line after the first starting with `indent`. A word longer than a line
 * stays whole on a line of its own.
 */
export function wrapWords(text: string, width: number, indent: string): string {
  if (text.length <= width) return text;
  const margin = /^ */.exec(text)![0];
  const lines: string[] = [];
  let line = margin;
  let words = 0;
  for (const word of text.slice(margin.length).split(' ')) {
    // The first word of a line goes on it whatever its length.
    const candidate = words === 0 ? line + word : `${line} ${word}`;
    if (words === 0 || candidate.length <= width) {
      line = candidate;
      words++;
      continue;
    }
    lines.push(line);
    line = indent + word;
    words = 1;
  }
  lines.push(line);
  return lines.join('\n');
}
