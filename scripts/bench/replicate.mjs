// Child program: writes a snapshot `--copies` times the size of a template snapshot made by heap-builder.mjs,
// for inputs (~5 GB) whose real heap V8 could not snapshot on a bench machine (its snapshot generator needs
// several times the heap). Usage:
//   node replicate.mjs --template file.heapsnapshot --copies K --out big.heapsnapshot
// The result is K disjoint copies of the template's graph in one snapshot: copy c's nodes follow copy c-1's,
// its to_node values and object ids shifted past them (ids by an even step, so V8's odd/even split holds),
// and the first copy's root holds each other copy's root by an element edge. Strings are shared; the
// locations and trace sections are the first copy's. Memory: the template's numbers (4 bytes each) and file.
import fs from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { template: { type: 'string' }, copies: { type: 'string' }, out: { type: 'string' } } });
const copies = Number(values.copies);
if (!values.template || !values.out || !Number.isInteger(copies) || copies < 1) {
  throw new Error('usage: replicate.mjs --template FILE --copies K --out FILE');
}

const text = fs.readFileSync(values.template);
const find = (key, from = 0) => {
  const at = text.indexOf(key, from);
  if (at < 0) throw new Error(`template has no ${key}`);
  return at;
};
const nodesAt = find('"nodes":[');
const headerText = text.toString('utf8', find('{"snapshot":') + '{"snapshot":'.length, text.lastIndexOf('}', nodesAt) + 1);
const header = JSON.parse(headerText);
const fields = header.meta.node_fields;
const F = fields.length;
const ID = fields.indexOf('id');
const EDGE_COUNT = fields.indexOf('edge_count');
const ELEMENT = header.meta.edge_types[0].indexOf('element');
const n = header.node_count;
const e = header.edge_count;

/** The integers of the flat array starting at `from` (just after its `[`); returns them and the `]`'s offset. */
function numbers(from, count) {
  const out = new Uint32Array(count);
  let k = 0;
  let v = -1;
  let i = from;
  for (; ; i++) {
    const c = text[i];
    if (c >= 0x30 && c <= 0x39) v = v < 0 ? c - 0x30 : v * 10 + (c - 0x30);
    else {
      if (v >= 0) {
        if (v > 0xffffffff || k === count) throw new Error(`template number ${k} out of range`);
        out[k++] = v;
        v = -1;
      }
      if (c === 0x5d) break;
    }
  }
  if (k !== count) throw new Error(`template has ${k} numbers where the header implies ${count}`);
  return { values: out, end: i };
}

const nodes = numbers(nodesAt + '"nodes":['.length, n * F);
const edgesAt = find('"edges":[', nodes.end);
const edges = numbers(edgesAt + '"edges":['.length, e * 3);
// V8 numbers heap objects densely (odd ids, about two per object of a fresh process like heap-builder's);
// embedder nodes (Node's natives) carry pointer-like ids in the billions. Heap ids are shifted by one step
// per copy; the few others get fresh ids above every copy's heap ids, keeping their parity.
const heapIdLimit = 4 * n + 2 ** 20;
let maxId = 0;
let others = 0;
for (let i = ID; i < nodes.values.length; i += F) {
  const id = nodes.values[i];
  if (id > heapIdLimit) others++;
  else if (id > maxId) maxId = id;
}
const idStep = maxId + 2 - (maxId % 2);
let nextOther = copies * idStep;
if (nextOther + 2 * others * copies > 0xffffffff) throw new Error('too many copies: object ids would pass 2^32 - 1');

// Output through one reused buffer; numbers are written as digits by hand.
const out = fs.openSync(values.out, 'w');
const buf = Buffer.allocUnsafe(16 * 1024 * 1024);
let pos = 0;
const flush = () => {
  fs.writeSync(out, buf, 0, pos);
  pos = 0;
};
const digits = Buffer.allocUnsafe(20);
function num(v) {
  if (pos > buf.length - 24) flush();
  if (v === 0) {
    buf[pos++] = 0x30;
    return;
  }
  let d = 0;
  while (v > 0) {
    const q = Math.floor(v / 10);
    digits[d++] = 0x30 + (v - q * 10);
    v = q;
  }
  while (d > 0) buf[pos++] = digits[--d];
}
function raw(bytes) {
  if (pos + bytes.length > buf.length) flush();
  if (bytes.length > buf.length) fs.writeSync(out, bytes);
  else {
    bytes.copy(buf, pos);
    pos += bytes.length;
  }
}
const ascii = (s) => raw(Buffer.from(s, 'latin1'));

header.node_count = n * copies;
header.edge_count = e * copies + (copies - 1);
ascii(`{"snapshot":${JSON.stringify(header)},\n"nodes":[`);
const N = nodes.values;
for (let c = 0; c < copies; c++) {
  const idShift = c * idStep;
  for (let o = 0; o < n; o++) {
    const k = o * F;
    if (c > 0 || o > 0) ascii('\n,');
    for (let f = 0; f < F; f++) {
      if (f > 0) buf[pos++] = 0x2c;
      let v = N[k + f];
      if (f === ID) v = c === 0 ? v : v <= heapIdLimit ? v + idShift : (nextOther += 2) + (v % 2);
      else if (f === EDGE_COUNT && c === 0 && o === 0) v += copies - 1;
      num(v);
    }
  }
}
ascii('],\n"edges":[');
const E = edges.values;
const rootEdges = nodes.values[EDGE_COUNT];
let first = true;
const edge = (type, name, to) => {
  if (!first) ascii('\n,');
  first = false;
  num(type);
  buf[pos++] = 0x2c;
  num(name);
  buf[pos++] = 0x2c;
  num(to);
};
// The first root's own edges, then its edges to the other copies' roots, then everything else.
const toOtherRoots = () => {
  for (let r = 1; r < copies; r++) edge(ELEMENT, r, r * n * F);
};
for (let c = 0; c < copies; c++) {
  const shift = c * n * F;
  for (let j = 0; j < e; j++) {
    if (c === 0 && j === rootEdges) toOtherRoots();
    edge(E[3 * j], E[3 * j + 1], E[3 * j + 2] + shift);
  }
  if (c === 0 && rootEdges === e) toOtherRoots();
}
ascii('\n]');
// Everything after the edges (trace sections, locations, strings) as the template has it.
raw(text.subarray(edges.end + 1));
flush();
fs.closeSync(out);
console.error(`wrote ${values.out}: ${copies} copies of ${n} nodes and ${e} edges`);
