// Per-class statistics across the series, keyed by class name (the only key
// that means the same thing in two snapshots: class ids are per snapshot).
// Each class gets one row of counts/sizes per snapshot; a class absent from a
// snapshot has zeros there. The series may grow one snapshot at a time (a
// recorder does not know its length in advance): rows have room to spare and
// are shown trimmed to the snapshots recorded.

export interface ClassStats {
  readonly className: string;
  readonly count: number;
  readonly shallowSize: number;
  readonly retainedSize: number;
}

type Rows = Float64Array[];

export class ClassSeries {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  private capacity: number;
  private snapshots = 0;
  private rows: { counts: Rows; shallowSizes: Rows; retainedSizes: Rows } = { counts: [], shallowSizes: [], retainedSizes: [] };
  private views: { counts: Rows; shallowSizes: Rows; retainedSizes: Rows } | undefined;

  constructor(expectedSnapshots = 4) {
    this.capacity = Math.max(1, expectedSnapshots);
  }

  /** Snapshots recorded so far (the highest recorded index + 1). */
  get snapshotCount(): number {
    return this.snapshots;
  }

  /** Per class, its instance count in each snapshot recorded. */
  get counts(): readonly Float64Array[] {
    return this.trimmed().counts;
  }

  get shallowSizes(): readonly Float64Array[] {
    return this.trimmed().shallowSizes;
  }

  get retainedSizes(): readonly Float64Array[] {
    return this.trimmed().retainedSizes;
  }

  /** Global id of a class name, creating an all-zero row the first time. */
  idOf(className: string): number {
    let id = this.index.get(className);
    if (id === undefined) {
      id = this.names.length;
      this.index.set(className, id);
      this.names.push(className);
      this.rows.counts.push(new Float64Array(this.capacity));
      this.rows.shallowSizes.push(new Float64Array(this.capacity));
      this.rows.retainedSizes.push(new Float64Array(this.capacity));
      this.views = undefined;
    }
    return id;
  }

  /** Records the stats of snapshot `s`; a name appearing twice (should not happen) adds up. */
  record(s: number, rows: Iterable<ClassStats>): void {
    if (s >= this.capacity) this.grow(Math.max(s + 1, this.capacity * 2));
    this.snapshots = Math.max(this.snapshots, s + 1);
    this.views = undefined;
    const { counts, shallowSizes, retainedSizes } = this.rows;
    for (const row of rows) {
      const id = this.idOf(row.className);
      counts[id]![s] += row.count;
      shallowSizes[id]![s] += row.shallowSize;
      retainedSizes[id]![s] += row.retainedSize;
    }
  }

  /** Maps a snapshot's local class ids (index into its classNames) to global ids. */
  globalIds(classNames: readonly string[]): Uint32Array {
    const out = new Uint32Array(classNames.length);
    for (let c = 0; c < classNames.length; c++) out[c] = this.idOf(classNames[c]!);
    return out;
  }

  private grow(capacity: number): void {
    const widen = (rows: Rows) => rows.map((r) => {
      const wider = new Float64Array(capacity);
      wider.set(r);
      return wider;
    });
    this.rows = { counts: widen(this.rows.counts), shallowSizes: widen(this.rows.shallowSizes), retainedSizes: widen(this.rows.retainedSizes) };
    this.capacity = capacity;
  }

  private trimmed() {
    if (!this.views) {
      const n = this.snapshots;
      const cut = (rows: Rows) => rows.map((r) => r.subarray(0, n));
      this.views = { counts: cut(this.rows.counts), shallowSizes: cut(this.rows.shallowSizes), retainedSizes: cut(this.rows.retainedSizes) };
    }
    return this.views;
  }
}
