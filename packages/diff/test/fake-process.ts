// A simulated V8 process for tests: objects keep their id for life and new
// objects get odd ids above every id handed out so far, as HeapObjectsMap does.
// snapshot() writes the live objects as a SnapshotBuilder graph:
//   root →(shortcut) global → .<via> Array → [i] object (→ .child <child class>)
// plus root → (GC roots), so paths read `global.sessions[] → Session`.

import type { HeapSnapshot } from '@heaptrail/parser';
import { SnapshotBuilder, type NodeTypeName } from '@heaptrail/parser/builder';

export interface AllocateOptions {
  /** Property of the global holding the array of these objects (default: class name in lower case + 's'). */
  readonly via?: string;
  readonly type?: NodeTypeName;
  readonly size?: number;
  /** Each object also holds one object of this class (born with it), under `.child`. */
  readonly child?: string;
  readonly childSize?: number;
}

interface LiveObject {
  readonly id: number;
  readonly className: string;
  readonly type: NodeTypeName;
  readonly size: number;
  readonly via: string;
  readonly child?: { readonly id: number; readonly className: string; readonly size: number };
}

export class FakeProcess {
  private nextId: number;
  private readonly live: LiveObject[] = [];
  private readonly containers = new Map<string, number>();

  /** `firstId` lets two processes start at different (or equal) points. */
  constructor(firstId = 101) {
    this.nextId = firstId | 1;
  }

  private newId(): number {
    const id = this.nextId;
    this.nextId += 2;
    return id;
  }

  allocate(className: string, count: number, options: AllocateOptions = {}): number[] {
    const via = options.via ?? `${className.toLowerCase()}s`;
    if (!this.containers.has(via)) this.containers.set(via, this.newId());
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const id = this.newId();
      const child = options.child ? { id: this.newId(), className: options.child, size: options.childSize ?? 64 } : undefined;
      this.live.push({ id, className, type: options.type ?? 'object', size: options.size ?? 32, via, ...(child ? { child } : {}) });
      ids.push(id);
    }
    return ids;
  }

  /** Frees the oldest `count` live instances of a class (only those held under `via`, when given). */
  free(className: string, count: number, via?: string): void {
    for (let i = 0; i < this.live.length && count > 0; ) {
      const o = this.live[i]!;
      if (o.className === className && (via === undefined || o.via === via)) {
        this.live.splice(i, 1);
        count--;
      } else i++;
    }
  }

  snapshot(): HeapSnapshot {
    const b = new SnapshotBuilder();
    const gcRoots = b.node('(GC roots)', 0, { type: 'synthetic', id: 3 });
    b.root.edge(gcRoots, 'element', 1);
    const global = b.node('Global', 16, { id: 5 });
    b.root.edge(global, 'shortcut', 'global');
    const arrays = new Map<string, ReturnType<SnapshotBuilder['node']>>();
    for (const [via, id] of this.containers) {
      const array = b.node('Array', 16, { id });
      global.edge(array, 'property', via);
      arrays.set(via, array);
    }
    for (const o of this.live) {
      const node = b.node(o.className, o.size, { id: o.id, type: o.type });
      arrays.get(o.via)!.edge(node, 'element');
      if (o.child) node.edge(b.node(o.child.className, o.child.size, { id: o.child.id }), 'property', 'child');
    }
    return b.build();
  }
}
