// A resumable scanner for `trace_tree`: nested arrays where each trace node is
// `trace_node_fields.length` consecutive values and the `children` value is a
// nested array of the same shape. Flattened in pre-order with an explicit
// stack (allocation stacks can be thousands deep: no recursion).

import { SnapshotFormatError } from '../errors.js';
import type { TraceTree } from '../types.js';
import { COMMA, DIGIT_0, LEFT_BRACKET, RIGHT_BRACKET, MAX_UINT32, isWhitespace } from './bytes.js';
import { describeByte } from './number-array.js';
import { resize } from '../resize.js';

const EXPECT_FIRST = 0; // after `[`: a value or `]`
const EXPECT_VALUE = 1; // after `,`
const AFTER_VALUE = 2;
const IN_NUMBER = 3;
const DONE = 4;

const NO_PARENT = 0xffffffff;

export class TraceTreeScanner {
  private state = EXPECT_FIRST;
  private value = 0;
  private digits = 0;
  /** Per open list: index of the next field within the current trace node, and that node's position. */
  private field = new Int32Array(64);
  private node = new Float64Array(64);
  private depth = 0; // open lists; the outer `[` was consumed by the caller
  private count = 0;
  private id = new Uint32Array(64);
  private functionInfoIndex = new Uint32Array(64);
  private nodeCount = new Float64Array(64);
  private size = new Float64Array(64);
  private parent = new Uint32Array(64);
  private readonly fields: number;
  private readonly at: { id: number; fi: number; count: number; size: number; children: number };

  constructor(
    private readonly source: string,
    traceNodeFields: readonly string[],
  ) {
    this.fields = traceNodeFields.length;
    this.at = {
      id: traceNodeFields.indexOf('id'),
      fi: traceNodeFields.indexOf('function_info_index'),
      count: traceNodeFields.indexOf('count'),
      size: traceNodeFields.indexOf('size'),
      children: traceNodeFields.indexOf('children'),
    };
    this.depth = 1;
    this.field[0] = 0;
  }

  get done(): boolean {
    return this.state === DONE;
  }

  scan(buf: Uint8Array, i: number, len: number, base: number): number {
    let c = 0;
    while (i < len) {
      c = buf[i]!;
      switch (this.state) {
        case IN_NUMBER: {
          if ((c - DIGIT_0) >>> 0 < 10) {
            if (this.digits === 1 && this.value === 0) this.fail(base + i, 'number with leading zero');
            this.value = this.value * 10 + (c - DIGIT_0);
            if (++this.digits > 16) this.fail(base + i, 'number too large');
            i++;
          } else {
            this.storeNumber(base + i);
            this.state = AFTER_VALUE;
          }
          break;
        }
        case EXPECT_FIRST:
        case EXPECT_VALUE: {
          if ((c - DIGIT_0) >>> 0 < 10) {
            this.startValue(false, base + i);
            this.value = c - DIGIT_0;
            this.digits = 1;
            this.state = IN_NUMBER;
          } else if (c === LEFT_BRACKET) {
            this.startValue(true, base + i);
            this.push();
            this.state = EXPECT_FIRST;
          } else if (c === RIGHT_BRACKET && this.state === EXPECT_FIRST) {
            if (this.pop(base + i)) return i + 1;
          } else if (!isWhitespace(c)) {
            this.fail(base + i, c === RIGHT_BRACKET ? 'trailing comma' : `unexpected ${describeByte(c)} in trace_tree`);
          }
          i++;
          break;
        }
        case AFTER_VALUE: {
          if (c === COMMA) this.state = EXPECT_VALUE;
          else if (c === RIGHT_BRACKET) {
            if (this.pop(base + i)) return i + 1;
          } else if (!isWhitespace(c)) this.fail(base + i, `unexpected ${describeByte(c)} in trace_tree`);
          i++;
          break;
        }
        default:
          return i;
      }
    }
    return i;
  }

  /** The flattened tree, or undefined when it was empty. */
  tree(): TraceTree | undefined {
    const n = this.count;
    if (n === 0) return undefined;
    return {
      id: this.id.slice(0, n),
      functionInfoIndex: this.functionInfoIndex.slice(0, n),
      count: this.nodeCount.slice(0, n),
      size: this.size.slice(0, n),
      parent: this.parent.slice(0, n),
    };
  }

  /** A value starts in the innermost list: open a trace node if it is the node's first field. */
  private startValue(isList: boolean, offset: number): void {
    const level = this.depth - 1;
    const f = this.field[level]!;
    if (this.at.children < 0 || this.at.id < 0) this.fail(offset, 'meta.trace_node_fields lacks id or children');
    if (isList !== (f === this.at.children)) this.fail(offset, isList ? 'unexpected [ in trace_tree' : 'trace node children must be an array');
    if (f === 0) {
      const pos = this.count;
      if (pos === this.id.length) this.growNodes();
      this.parent[pos] = level === 0 ? NO_PARENT : this.node[level - 1]!;
      this.node[level] = pos;
      this.count = pos + 1;
    }
  }

  private storeNumber(offset: number): void {
    const level = this.depth - 1;
    const f = this.field[level]!;
    const pos = this.node[level]!;
    const v = this.value;
    const at = this.at;
    if ((f === at.id || f === at.fi) && v > MAX_UINT32) this.fail(offset, 'number too large');
    if (f === at.id) this.id[pos] = v;
    else if (f === at.fi) this.functionInfoIndex[pos] = v;
    else if (f === at.count) this.nodeCount[pos] = v;
    else if (f === at.size) this.size[pos] = v;
    this.advance(level);
  }

  private advance(level: number): void {
    const next = this.field[level]! + 1;
    this.field[level] = next === this.fields ? 0 : next;
  }

  private push(): void {
    if (this.depth === this.field.length) {
      this.field = resize(this.field, new Int32Array(this.depth * 2));
      this.node = resize(this.node, new Float64Array(this.depth * 2));
    }
    this.field[this.depth] = 0;
    this.depth++;
  }

  /** Closes the innermost list; true when that was the whole tree. */
  private pop(offset: number): boolean {
    if (this.field[this.depth - 1] !== 0) this.fail(offset, 'incomplete trace node');
    this.depth--;
    if (this.depth === 0) {
      this.state = DONE;
      return true;
    }
    this.advance(this.depth - 1); // the children list was a value of its parent
    this.state = AFTER_VALUE;
    return false;
  }

  private growNodes(): void {
    const n = this.id.length * 2;
    this.id = resize(this.id, new Uint32Array(n));
    this.functionInfoIndex = resize(this.functionInfoIndex, new Uint32Array(n));
    this.nodeCount = resize(this.nodeCount, new Float64Array(n));
    this.size = resize(this.size, new Float64Array(n));
    this.parent = resize(this.parent, new Uint32Array(n));
  }

  private fail(offset: number, reason: string): never {
    throw new SnapshotFormatError(this.source, offset, reason);
  }
}
