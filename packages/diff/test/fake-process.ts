// A simulated V8 process for tests: objects keep their id for life and new
// objects get odd ids above every id handed out so far, as HeapObjectsMap does.
// snapshot() writes the live objects as a SnapshotBuilder graph:
// root → (GC roots) and root → holder (a global) → each object.

import type { HeapSnapshot } from '@heaptrail/parser';
import { SnapshotBuilder } from '@heaptrail/parser/builder';

interface LiveObject {
  readonly id: number;
  readonly className: string;
  readonly size: number;
  /** Property name on the holder that keeps it alive. */
  readonly via: string;
}

export class FakeProcess {
  private nextId: number;
  private readonly live: LiveObject[] = [];

  /** `firstId` lets two processes start at different (or equal) points. */
  constructor(firstId = 101) {
    this.nextId = firstId | 1;
  }

  allocate(className: string, count: number, via = className.toLowerCase(), size = 32): number[] {
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const id = this.nextId;
      this.nextId += 2;
      this.live.push({ id, className, size, via });
      ids.push(id);
    }
    return ids;
  }

  /** Frees the first `count` live instances of a class. */
  free(className: string, count: number): void {
    for (let i = 0; i < this.live.length && count > 0; ) {
      if (this.live[i]!.className === className) {
        this.live.splice(i, 1);
        count--;
      } else i++;
    }
  }

  snapshot(): HeapSnapshot {
    const b = new SnapshotBuilder();
    const gcRoots = b.node('(GC roots)', 0, { type: 'synthetic', id: 3 });
    b.root.edge(gcRoots, 'element', 1);
    const holder = b.node('Holder', 16, { id: 5 });
    b.root.edge(holder, 'shortcut', 'global');
    for (const o of this.live) {
      const node = b.node(o.className, o.size, { id: o.id });
      holder.edge(node, 'property', o.via);
    }
    return b.build();
  }
}
