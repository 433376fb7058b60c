// The strings section kept as raw bytes and decoded one string at a time on
// demand: 1 M short strings decoded eagerly cost ~3× more than scanning them,
// and analyses need only a few names. Bytes live in blocks (no single buffer
// or JS string has to hold the whole section, so it may pass 512 MB or 4 GB).

import type { StringTable } from './types.js';
import { resize } from './resize.js';

const BLOCK_SIZE = 16 * 1024 * 1024;
const FIRST_BLOCK_SIZE = 64 * 1024;
const CACHE_SIZE = 4096; // direct-mapped by index

/** A decoded-on-demand string table over byte blocks (what `readSnapshot` returns). */
export class ByteStringTable implements StringTable {
  private readonly cacheKey = new Int32Array(CACHE_SIZE).fill(-1);
  private readonly cacheValue: string[] = new Array<string>(CACHE_SIZE).fill('');

  constructor(
    readonly length: number,
    private readonly blocks: readonly Buffer[],
    private readonly block: Uint32Array,
    private readonly start: Uint32Array,
    private readonly byteLength: Uint32Array,
    /** 1 when the raw bytes contain a backslash escape. */
    private readonly escaped: Uint8Array,
  ) {}

  get(i: number): string {
    if (!(i >= 0 && i < this.length && Number.isInteger(i))) throw new RangeError(`string index ${i} out of range`);
    const slot = i & (CACHE_SIZE - 1);
    if (this.cacheKey[slot] === i) return this.cacheValue[slot]!;
    const s = this.start[i]!;
    // Raw UTF-8 from non-V8 producers decodes as UTF-8; V8 itself writes ASCII.
    const text = this.blocks[this.block[i]!]!.toString('utf8', s, s + this.byteLength[i]!);
    // Escapes were validated while scanning, so JSON.parse of the token cannot fail.
    const value = this.escaped[i] ? (JSON.parse('"' + text + '"') as string) : text;
    this.cacheKey[slot] = i;
    this.cacheValue[slot] = value;
    return value;
  }

  /** What the constructor takes, so the table can move to another thread without copying its bytes. */
  parts(): ByteStringTableParts {
    const { length, blocks, block, start, byteLength, escaped } = this;
    return { length, blocks, block, start, byteLength, escaped };
  }
}

/** The arrays behind a ByteStringTable: `new ByteStringTable(p.length, p.blocks, p.block, p.start, p.byteLength, p.escaped)`. */
export interface ByteStringTableParts {
  readonly length: number;
  readonly blocks: readonly Buffer[];
  readonly block: Uint32Array;
  readonly start: Uint32Array;
  readonly byteLength: Uint32Array;
  readonly escaped: Uint8Array;
}

/** Collects string tokens byte run by byte run while the strings section streams past. */
export class StringTableBuilder {
  private readonly blocks: Buffer[] = [];
  private current: Buffer = Buffer.allocUnsafe(0);
  private pos = 0;
  private tokenStart = 0;
  private count = 0;
  private block = new Uint32Array(1024);
  private start = new Uint32Array(1024);
  private byteLength = new Uint32Array(1024);
  private escaped = new Uint8Array(1024);

  get length(): number {
    return this.count;
  }

  /** Bytes of the token being read so far. */
  get tokenLength(): number {
    return this.pos - this.tokenStart;
  }

  begin(): void {
    if (this.blocks.length === 0) this.spill(0);
    this.tokenStart = this.pos;
  }

  append(buf: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (this.pos + n > this.current.length) this.spill(n);
    this.current.set(buf.subarray(from, to), this.pos);
    this.pos += n;
  }

  appendByte(c: number): void {
    if (this.pos === this.current.length) this.spill(1);
    this.current[this.pos++] = c;
  }

  end(escaped: boolean): void {
    const i = this.count;
    if (i === this.block.length) this.growIndex();
    this.block[i] = this.blocks.length - 1;
    this.start[i] = this.tokenStart;
    this.byteLength[i] = this.pos - this.tokenStart;
    this.escaped[i] = escaped ? 1 : 0;
    this.count = i + 1;
  }

  finish(): ByteStringTable {
    const n = this.count;
    // The last block is trimmed so a small table does not pin a 16 MB buffer.
    if (this.blocks.length > 0) {
      this.blocks[this.blocks.length - 1] = Buffer.from(this.current.subarray(0, this.pos));
    }
    return new ByteStringTable(
      n,
      this.blocks,
      this.block.slice(0, n),
      this.start.slice(0, n),
      this.byteLength.slice(0, n),
      this.escaped.slice(0, n),
    );
  }

  /** Starts a new block and moves the token being read into it, so a string never spans blocks. */
  private spill(need: number): void {
    const partial = this.pos - this.tokenStart;
    // Blocks grow from 64 KiB to 16 MiB so small snapshots stay small.
    // A token longer than a block grows its own block by 1.5× (not 2×: peak memory
    // is old + new while copying).
    const size = Math.max(Math.min(BLOCK_SIZE, Math.max(FIRST_BLOCK_SIZE, this.current.length * 2)), Math.ceil(1.5 * (partial + need)));
    const next = Buffer.allocUnsafe(size);
    next.set(this.current.subarray(this.tokenStart, this.pos), 0);
    // A block that held nothing but the moved token is replaced, not kept.
    if (this.tokenStart === 0 && this.blocks.length > 0 && this.blocks[this.blocks.length - 1] === this.current) {
      this.blocks[this.blocks.length - 1] = next;
    } else {
      this.blocks.push(next);
    }
    this.current = next;
    this.tokenStart = 0;
    this.pos = partial;
  }

  private growIndex(): void {
    const n = this.block.length * 2;
    this.block = resize(this.block, new Uint32Array(n));
    this.start = resize(this.start, new Uint32Array(n));
    this.byteLength = resize(this.byteLength, new Uint32Array(n));
    this.escaped = resize(this.escaped, new Uint8Array(n));
  }
}
