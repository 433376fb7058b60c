// Per-class statistics across the series, keyed by class name (the only key
// that means the same thing in two snapshots: class ids are per snapshot).
// Each class gets one row of counts/sizes per snapshot; a class absent from a
// snapshot has zeros there.

export interface ClassStats {
  readonly className: string;
  readonly count: number;
  readonly shallowSize: number;
  readonly retainedSize: number;
}

export class ClassSeries {
  readonly names: string[] = [];
  readonly counts: Float64Array[] = [];
  readonly shallowSizes: Float64Array[] = [];
  readonly retainedSizes: Float64Array[] = [];
  private readonly index = new Map<string, number>();

  constructor(readonly snapshotCount: number) {}

  /** Global id of a class name, creating an all-zero row the first time. */
  idOf(className: string): number {
    let id = this.index.get(className);
    if (id === undefined) {
      id = this.names.length;
      this.index.set(className, id);
      this.names.push(className);
      this.counts.push(new Float64Array(this.snapshotCount));
      this.shallowSizes.push(new Float64Array(this.snapshotCount));
      this.retainedSizes.push(new Float64Array(this.snapshotCount));
    }
    return id;
  }

  /** Records the stats of snapshot `s`; a name appearing twice (should not happen) adds up. */
  record(s: number, rows: Iterable<ClassStats>): void {
    for (const row of rows) {
      const id = this.idOf(row.className);
      this.counts[id]![s] += row.count;
      this.shallowSizes[id]![s] += row.shallowSize;
      this.retainedSizes[id]![s] += row.retainedSize;
    }
  }

  /** Maps a snapshot's local class ids (index into its classNames) to global ids. */
  globalIds(classNames: readonly string[]): Uint32Array {
    const out = new Uint32Array(classNames.length);
    for (let c = 0; c < classNames.length; c++) out[c] = this.idOf(classNames[c]!);
    return out;
  }
}
