// The first pass of script redaction reads the strings section only to learn the
// indexes of the edge names "source" and "name" (see script-finder.ts). It extends
// StringTableBuilder only to be accepted by StringArrayScanner, and stores nothing.

import { StringTableBuilder } from '../string-table.js';
import type { ScriptLabels } from './script-finder.js';

const SOURCE = Buffer.from('source', 'latin1');
const NAME = Buffer.from('name', 'latin1');
const LONGEST = Math.max(SOURCE.length, NAME.length);

export class LabelFinder extends StringTableBuilder {
  private index = 0;
  private bytes = 0;
  /** The first bytes of the token; tokens longer than the labels need no more. */
  private readonly head = Buffer.alloc(LONGEST);
  readonly labels: { source: number; name: number } = { source: -1, name: -1 };

  override get length(): number {
    return this.index;
  }

  override get tokenLength(): number {
    return this.bytes;
  }

  override begin(): void {
    this.bytes = 0;
  }

  override append(buf: Uint8Array, from: number, to: number): void {
    const n = Math.min(to - from, LONGEST - Math.min(this.bytes, LONGEST));
    if (n > 0) this.head.set(buf.subarray(from, from + n), this.bytes);
    this.bytes += to - from;
  }

  override appendByte(c: number): void {
    if (this.bytes < LONGEST) this.head[this.bytes] = c;
    this.bytes++;
  }

  override end(): void {
    const token = this.head.subarray(0, Math.min(this.bytes, LONGEST));
    if (this.bytes === SOURCE.length && this.labels.source < 0 && token.equals(SOURCE)) this.labels.source = this.index;
    if (this.bytes === NAME.length && this.labels.name < 0 && token.equals(NAME)) this.labels.name = this.index;
    this.index++;
  }

  override finish(): never {
    throw new Error('LabelFinder keeps no table');
  }

  found(): ScriptLabels {
    return this.labels;
  }
}
