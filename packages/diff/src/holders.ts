// Which reported class holds which: the `(string)` contents of leaked
// `ChatMessage`s grow because the messages do, and the report should lead with
// the messages even when the strings weigh more.
//
// B is held by A when A's top path, shape for shape, is a prefix of B's: B's
// new instances hang off the very A instances that grow. The shapes are the path
// groups' signatures (folded, without indices or ids), compared whole step by
// whole step. A class merely passed through (the one `auditLog` object on the way
// to every `AuditEvent`) does not count, since its own top path, if it is
// reported at all, ends elsewhere. Among several holders the nearest to the
// object (longest prefix) wins.

import type { GrowingClass } from './types.js';

/** Per class (same order): the class that holds it, or null. */
export function findHolders(classes: readonly GrowingClass[]): (string | null)[] {
  const signatures = classes.map((c) => c.paths[0]?.signature ?? '');
  return classes.map((b, i) => {
    const path = signatures[i]!;
    let holder: string | null = null;
    let best = 0;
    classes.forEach((a, j) => {
      const prefix = signatures[j]!;
      if (j === i || a.className === b.className || prefix === '' || prefix.length <= best) return;
      // Steps are separated by spaces: a prefix must end where a step of B's path ends.
      if (path.length > prefix.length && path.startsWith(prefix) && path[prefix.length] === ' ') {
        holder = a.className;
        best = prefix.length;
      }
    });
    return holder;
  });
}
