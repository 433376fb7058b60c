// Which reported class holds which: the `(string)` contents of leaked
// `ChatMessage`s grow because the messages do, and the report should lead with
// the messages even when the strings weigh more.
//
// B is held by A when A's top path, shape for shape, is a prefix of B's: B's
// new instances hang off the very A instances that grow. A class merely passed
// through (the one `auditLog` object on the way to every `AuditEvent`) does not
// count, since its own top path — if it is reported at all — ends elsewhere.
// Among several holders the nearest to the object (longest prefix) wins.

import type { GrowingClass, PathStepJson } from './types.js';

/**
 * Indices differ between examples of one shape: `[12]` and `[3]`, `(internal 764)` and
 * `(internal 515)` are the same step. (A property named `item2` folds with `item7`; a
 * prefix match across such siblings is harmless.)
 */
function stepKey(s: PathStepJson): string {
  return `${s.edge.replace(/\d+/g, '#')}\u0000${s.className}`;
}

/** Per class (same order): the class that holds it, or null. */
export function findHolders(classes: readonly GrowingClass[]): (string | null)[] {
  const keys = classes.map((c) => (c.paths[0] ? c.paths[0].steps.map(stepKey) : []));
  return classes.map((b, i) => {
    const path = keys[i]!;
    let holder: string | null = null;
    let best = 0;
    classes.forEach((a, j) => {
      const prefix = keys[j]!;
      if (j === i || a.className === b.className || prefix.length === 0 || prefix.length >= path.length) return;
      if (prefix.length <= best) return;
      for (let k = 0; k < prefix.length; k++) if (prefix[k] !== path[k]) return;
      holder = a.className;
      best = prefix.length;
    });
    return holder;
  });
}
