// Where things are in a clean snapshot text, so mutations can aim at the header, a
// number, a string or a section boundary instead of only at random bytes.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

export const SECTION_NAMES = ['nodes', 'edges', 'trace_function_infos', 'trace_tree', 'samples', 'locations', 'strings'];
export const HEADER_COUNTS = ['node_count', 'edge_count', 'trace_function_count', 'extra_native_bytes'];

/** End (exclusive) of the JSON string token starting at the quote `at`. */
function stringEnd(bytes, at) {
  let i = at + 1;
  while (i < bytes.length) {
    const c = bytes[i];
    if (c === BACKSLASH) i += 2;
    else if (c === QUOTE) return i + 1;
    else i++;
  }
  return bytes.length;
}

/** End (exclusive) of the balanced value opened at `at` ('{' or '['), skipping strings; iterative. */
function balancedEnd(bytes, at) {
  let depth = 0;
  let i = at;
  while (i < bytes.length) {
    const c = bytes[i];
    if (c === QUOTE) {
      i = stringEnd(bytes, i);
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return bytes.length;
}

/**
 * Indexes a well-formed snapshot: header object range, each section's key and value
 * ranges, the number ranges of the header counts, and every string token of `strings`.
 */
export function indexSnapshot(bytes) {
  const text = bytes.toString('latin1');
  const headerStart = text.indexOf('{', text.indexOf('"snapshot"'));
  const headerEnd = balancedEnd(bytes, headerStart);
  const counts = {};
  for (const key of HEADER_COUNTS) {
    const k = text.indexOf(`"${key}":`, headerStart);
    if (k < 0 || k > headerEnd) continue;
    const start = k + key.length + 3;
    let end = start;
    while (end < headerEnd && /[-0-9.eE+]/.test(text[end])) end++;
    counts[key] = { start, end };
  }
  const sections = [];
  let from = headerEnd;
  for (const name of SECTION_NAMES) {
    const key = text.indexOf(`"${name}":`, from);
    if (key < 0) continue;
    const valueStart = text.indexOf('[', key);
    const valueEnd = balancedEnd(bytes, valueStart);
    // A section "entry" runs from its key to the comma/newline before the next key.
    sections.push({ name, keyStart: key, valueStart, valueEnd });
    from = valueEnd;
  }
  const strings = sections.find((s) => s.name === 'strings');
  const stringStarts = [];
  if (strings) {
    let i = strings.valueStart + 1;
    while (i < strings.valueEnd) {
      if (bytes[i] === QUOTE) {
        stringStarts.push(i);
        i = stringEnd(bytes, i);
      } else i++;
    }
  }
  return { headerStart, headerEnd, counts, sections, stringStarts: Uint32Array.from(stringStarts), stringEnd: (at) => stringEnd(bytes, at) };
}
