// The worker's side, run on this thread: its job gives the one-thread dominators,
// distances and id order, and the claim protocol hands each job to exactly one thread.

import { describe, expect, it } from 'vitest';
import { computeDistances, computeDominators, computeEdgeRules, sortNodeIds, typeIds } from '@heaptrail/graph';
import { claimJob, newControl, workerHasJob } from '../../src/parallel/control.js';
import { userRootEdges } from '../../src/distances.js';
import type { WorkerReply } from '../../src/parallel/messages.js';
import { runWorkerJob } from '../../src/parallel/worker-job.js';
import { randomSnapshot } from '../reference/random-graph.js';

describe('the analysis worker job', () => {
  it('replies with the dominators, then the distances, of the one-thread passes', () => {
    for (let seed = 1; seed <= 300; seed++) {
      // Both layouts, which put the distances in different buffers.
      const compact = seed % 2 === 0;
      const s = randomSnapshot(seed);
      const n = s.header.nodeCount;
      const types = typeIds(s);
      const essentialInDegree = new Uint32Array(new SharedArrayBuffer(4 * (n + 1)));
      const rules = computeEdgeRules(s, { essentialInDegree, types, shared: true });
      const replies: WorkerReply[] = [];
      runWorkerJob(
        { nodeCount: n, firstEdge: s.firstEdge, toNode: s.edges.toNode, control: newControl() },
        { nonEssential: rules.nonEssential, essentialInDegree, rules, seedEdges: userRootEdges(s, types), compact, distances: true },
        (r) => replies.push(r),
      );
      expect(replies.map((r) => r.kind)).toEqual(['dominators', 'distances']);
      const [dom, dist] = replies as [Extract<WorkerReply, { kind: 'dominators' }>, Extract<WorkerReply, { kind: 'distances' }>];
      const alone = computeDominators(s, computeEdgeRules(s).nonEssential);
      expect(Array.from(dom.dominator), `seed ${seed}`).toEqual(Array.from(alone.dominator));
      expect(Array.from(dom.order), `seed ${seed}`).toEqual(Array.from(alone.order));
      // What the main thread reads is shared memory, not a copy.
      expect(dom.dominator.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(dist.distance.buffer).toBeInstanceOf(SharedArrayBuffer);
      const d = computeDistances(s, computeEdgeRules(s));
      expect(Array.from(dist.distance), `seed ${seed}`).toEqual(Array.from(d.distance));
      expect(Array.from(dist.parentEdge), `seed ${seed}`).toEqual(Array.from(d.parentEdge));
    }
  });

  it('sorts the ids it is given after the distances, in place, through slots the dominator children take later', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const compact = seed % 2 === 0;
      const s = seed % 3 === 0 ? randomSnapshot(seed, 4e7) : randomSnapshot(seed);
      const n = s.header.nodeCount;
      const types = typeIds(s);
      const essentialInDegree = new Uint32Array(new SharedArrayBuffer(4 * (n + 1)));
      const rules = computeEdgeRules(s, { essentialInDegree, types, shared: true });
      const ids = Uint32Array.from(s.nodes.id);
      const replies: WorkerReply[] = [];
      runWorkerJob(
        { nodeCount: n, firstEdge: s.firstEdge, toNode: s.edges.toNode, control: newControl() },
        { nonEssential: rules.nonEssential, essentialInDegree, rules, seedEdges: userRootEdges(s, types), compact, distances: true, ids },
        (r) => replies.push(r),
      );
      expect(replies.map((r) => r.kind)).toEqual(['dominators', 'distances', 'idOrder']);
      const order = replies[2] as Extract<WorkerReply, { kind: 'idOrder' }>;
      const want = sortNodeIds(s.nodes.id);
      expect(order.ids.buffer).toBe(ids.buffer);
      expect(order.ordinals.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(Array.from(order.ids), `seed ${seed}`).toEqual(Array.from(want.ids));
      expect(Array.from(order.ordinals), `seed ${seed}`).toEqual(Array.from(want.ordinals));
      // The distances, which the sort ran after, are untouched by its scratch.
      const dist = replies[1] as Extract<WorkerReply, { kind: 'distances' }>;
      expect(Array.from(dist.parentEdge), `seed ${seed}`).toEqual(Array.from(computeDistances(s, computeEdgeRules(s)).parentEdge));
    }
  });

  it('stops after the dominators when the job has no distances (analyzeSizes)', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const s = randomSnapshot(seed);
      const n = s.header.nodeCount;
      const essentialInDegree = new Uint32Array(new SharedArrayBuffer(4 * (n + 1)));
      const rules = computeEdgeRules(s, { essentialInDegree, shared: true });
      const replies: WorkerReply[] = [];
      runWorkerJob(
        { nodeCount: n, firstEdge: s.firstEdge, toNode: s.edges.toNode, control: newControl() },
        { nonEssential: rules.nonEssential, essentialInDegree, rules, seedEdges: new Uint32Array(0), compact: seed % 2 === 0, distances: false },
        (r) => replies.push(r),
      );
      expect(replies.map((r) => r.kind)).toEqual(['dominators']);
      const dom = replies[0] as Extract<WorkerReply, { kind: 'dominators' }>;
      expect(Array.from(dom.dominator), `seed ${seed}`).toEqual(Array.from(computeDominators(s, computeEdgeRules(s).nonEssential).dominator));
    }
  });

  it('is claimed by the worker or taken back by the main thread, never both', () => {
    const claimedFirst = newControl();
    expect(claimJob(claimedFirst)).toBe(true);
    expect(workerHasJob(claimedFirst, false)).toBe(true);
    const takenBack = newControl();
    expect(workerHasJob(takenBack, false)).toBe(false);
    expect(claimJob(takenBack)).toBe(false);
  });
});
