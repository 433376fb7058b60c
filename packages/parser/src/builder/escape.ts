/**
 * Quotes a string the way V8's snapshot writer does: short escapes for the usual
 * control characters, `\u00XX` for the others, and every non-ASCII UTF-16 unit as
 * `\uXXXX`, so the whole file is 7-bit ASCII.
 */
export function escapeJsonStringV8(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 0x08: out += '\\b'; break;
      case 0x0c: out += '\\f'; break;
      case 0x0a: out += '\\n'; break;
      case 0x0d: out += '\\r'; break;
      case 0x09: out += '\\t'; break;
      case 0x22: out += '\\"'; break;
      case 0x5c: out += '\\\\'; break;
      default:
        if (c < 0x20 || c > 0x7e) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
        else out += s[i];
    }
  }
  return out + '"';
}
