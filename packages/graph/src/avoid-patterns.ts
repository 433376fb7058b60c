// The `avoid` patterns of the path order (docs/DESIGN.md, "Choosing the path"): what a
// person names to keep off a path, DevTools' "ignore this retainer". A pattern is
//   - `/source/flags`: a JavaScript regular expression (flags among `imsu`), tested against
//     class names and edge labels, the label both as shown (`.emitter`, `::queue`) and bare;
//   - anything else: a class name, or an edge name with or without its leading `.` / `::`,
//     matched exactly (`Array`, `_events`, `.emitter`, `::queue`, `(internal table)`).
// An edge label is the folded one (edge-labels.ts): array indices read `[]`.

/** A pattern that does not compile; `message` names it. */
export class AvoidPatternError extends Error {
  constructor(readonly pattern: string, reason: string) {
    super(`bad avoid pattern ${pattern}: ${reason}`);
    this.name = 'AvoidPatternError';
  }
}

const REGEX = /^\/(.+)\/([a-z]*)$/s;
const FLAGS = /^[imsu]*$/;

/** The pattern's test, or an AvoidPatternError. */
function compile(pattern: string): (text: string) => boolean {
  const m = REGEX.exec(pattern);
  if (!m) return (text) => text === pattern || bareLabel(text) === pattern;
  if (!FLAGS.test(m[2]!)) throw new AvoidPatternError(pattern, `flags may be i, m, s, u (got "${m[2]}")`);
  let re: RegExp;
  try {
    re = new RegExp(m[1]!, m[2]);
  } catch (e) {
    throw new AvoidPatternError(pattern, (e as Error).message);
  }
  return (text) => re.test(text) || (bareLabel(text) !== text && re.test(bareLabel(text)));
}

function bareLabel(text: string): string {
  return text.startsWith('::') ? text.slice(2) : text.startsWith('.') ? text.slice(1) : text;
}

/** Throws an AvoidPatternError for the first pattern that does not compile. */
export function checkAvoidPatterns(patterns: readonly string[]): void {
  for (const p of patterns) compile(p);
}

/** Which of `patterns` matches a class name or folded edge label: the first one, or undefined. */
export function avoidMatcher(patterns: readonly string[]): (text: string) => string | undefined {
  const tests = patterns.map((p) => [p, compile(p)] as const);
  return (text) => {
    for (const [p, test] of tests) if (test(text)) return p;
    return undefined;
  };
}
