// Checks a freshly generated series before it replaces the committed one, so expected.json never claims
// something the snapshots do not show.
import { findNodes, maxHeapObjectId, nodeId, readSnapshot, shortestPaths } from './read-snapshot.mjs';

/**
 * @param {string[]} files raw snapshot paths in series order
 * @param {{ className: string, match: { type: string, name: string }, counts: number[] }[]} checks
 * @param {{ scenario: string, sameProcess: boolean, grows: { className: string, match: object, pathContains: string }[] }} expected
 */
export function verifySeries(files, checks, expected) {
  const fail = (message) => {
    throw new Error(`${expected.scenario}: ${message}`);
  };
  const growsEveryInterval = (counts) => counts.every((c, i) => i === 0 || c > counts[i - 1]);
  for (const check of checks) {
    const shouldGrow = expected.grows.some((g) => g.className === check.className);
    // One snapshot (a post-mortem) has no intervals to grow in.
    if (files.length > 1 && shouldGrow !== growsEveryInterval(check.counts)) {
      fail(`${check.className} counts ${check.counts.join(',')} ${shouldGrow ? 'must' : 'must not'} grow in every interval`);
    }
    if (check.counts.some((c) => c === 0)) fail(`${check.className} is missing from a snapshot (${check.counts.join(',')})`);
  }
  /** @type {{ ids: Set<number>, maxId: number }[]} per grows entry, the previous snapshot's state */
  const previous = expected.grows.map(() => null);
  let previousMaxId = 0;
  files.forEach((file, i) => {
    const snapshot = readSnapshot(file);
    for (const check of checks) {
      const found = findNodes(snapshot, check.match).length;
      if (found !== check.counts[i]) {
        fail(`s${i + 1} has ${found} ${check.className} but the program kept ${check.counts[i]}`);
      }
    }
    const paths = expected.grows.length > 0 ? shortestPaths(snapshot) : null;
    expected.grows.forEach((grow, g) => {
      const ordinals = findNodes(snapshot, grow.match);
      const ids = new Set(ordinals.map((o) => nodeId(snapshot, o)));
      const before = previous[g];
      let fresh = ordinals;
      if (before) {
        const survivors = [...before].filter((id) => ids.has(id)).length;
        fresh = ordinals.filter((o) => !before.has(nodeId(snapshot, o)));
        const above = fresh.filter((o) => nodeId(snapshot, o) > previousMaxId).length;
        const stable = survivors === before.size && above === fresh.length;
        if (expected.sameProcess && !stable) {
          fail(`s${i + 1}: ${grow.className} ids are not stable (${survivors}/${before.size} survived, ${above}/${fresh.length} new above the previous max)`);
        }
        if (!expected.sameProcess && stable) fail(`s${i + 1}: ${grow.className} ids look stable across processes`);
      }
      for (const o of fresh) {
        const path = paths.pathTo(o);
        if (!path.includes(grow.pathContains)) {
          fail(`s${i + 1}: shortest path to ${grow.className} @${nodeId(snapshot, o)} lacks "${grow.pathContains}": ${path.join(' > ')}`);
        }
      }
      previous[g] = ids;
    });
    previousMaxId = maxHeapObjectId(snapshot);
  });
}
