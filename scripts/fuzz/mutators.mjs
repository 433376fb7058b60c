// The mutation catalogue. Each mutator takes the case's Rng and a clean corpus entry
// ({ name, bytes, layout }) and returns { bytes, note }: the damaged text and a short
// description for the report. Mutators aim at the places parsers get wrong: the
// header, the middle of a number, the middle of a string or escape, and the joins
// between sections. Seedless ones (empty file, zeros, deep nesting) ignore the entry.

import { GRAPH_MUTATORS } from './graph-mutators.mjs';

const NUMBER_SECTIONS = ['nodes', 'edges', 'locations', 'trace_function_infos', 'samples'];

/** Numbers a scanner must refuse or handle: past 2^32, past 2^53, negative, floats, exponents, not numbers. */
const BAD_NUMBERS = [
  '4294967296', '4294967295', '4294967297', '18446744073709551616', '99999999999999999999999999', '9007199254740993',
  '-1', '-0', '-4294967296', '1.5', '0.0', '1e3', '1E400', '1e-7', '-', '.', '+1', '', '00', '007', '0x1f', 'NaN',
  'Infinity', 'true', 'null', '"1"', '[1]', '{}', '1 2', '1,', ',',
];

const INTERESTING_TOKENS = [
  ',', ']', '[', '{', '}', '"', ':', '\\', '-', '.', 'e', '0', '9', ' ', '\n', '\r\n', '\t', '\0', '\\u', '\\"',
  '"nodes":[', '"strings":[', '],', '[]', '\xff', '\xc3', '\u00e9', '\u{1f600}',
];

const BROKEN_ESCAPES = ['\\u12', '\\uZZZZ', '\\u', '\\x41', '\\', '\\u00', '\\U0041', '\\uD800', '\\uDC00\\uD800', '\\ud83d\\ude00', '\\0', '\\\n'];

function splice(bytes, start, end, insert) {
  const ins = typeof insert === 'string' ? Buffer.from(insert, 'latin1') : insert;
  return Buffer.concat([bytes.subarray(0, start), ins, bytes.subarray(end)]);
}

function sectionOf(seed, names) {
  const candidates = seed.layout.sections.filter((s) => names.includes(s.name) && s.valueEnd - s.valueStart > 2);
  return candidates;
}

/** A random [start,end) digit run inside one of the number sections, or undefined. */
function pickNumber(rng, seed) {
  const sections = sectionOf(seed, NUMBER_SECTIONS);
  if (sections.length === 0) return undefined;
  const s = rng.pick(sections);
  const b = seed.bytes;
  for (let tries = 0; tries < 8; tries++) {
    let i = rng.int(s.valueStart + 1, s.valueEnd - 1);
    while (i < s.valueEnd && !(b[i] >= 0x30 && b[i] <= 0x39)) i++;
    if (i >= s.valueEnd) continue;
    let start = i;
    while (start > s.valueStart && b[start - 1] >= 0x30 && b[start - 1] <= 0x39) start--;
    let end = i;
    while (end < s.valueEnd && b[end] >= 0x30 && b[end] <= 0x39) end++;
    return { start, end, section: s.name };
  }
  return undefined;
}

function pickString(rng, seed) {
  const starts = seed.layout.stringStarts;
  if (starts.length === 0) return undefined;
  const start = starts[rng.int(0, starts.length)];
  return { start, end: seed.layout.stringEnd(start) };
}

const truncate = (bytes, at, what) => ({ bytes: bytes.subarray(0, at), note: `truncated ${what} at ${at}/${bytes.length}` });

export const MUTATORS = [
  // --- truncation: the container was killed mid-write -------------------------------------------
  { name: 'truncate-random', weight: 8, apply: (rng, s) => truncate(s.bytes, rng.int(0, s.bytes.length), 'anywhere') },
  { name: 'truncate-header', weight: 3, apply: (rng, s) => truncate(s.bytes, rng.int(0, s.layout.headerEnd + 1), 'in the header') },
  {
    name: 'truncate-number', weight: 4,
    apply: (rng, s) => {
      const n = pickNumber(rng, s);
      if (!n) return truncate(s.bytes, rng.int(0, s.bytes.length), 'anywhere');
      return truncate(s.bytes, rng.int(n.start + 1, n.end + 1), `inside a number of ${n.section}`);
    },
  },
  {
    name: 'truncate-string', weight: 4,
    apply: (rng, s) => {
      const t = pickString(rng, s);
      if (!t) return truncate(s.bytes, rng.int(0, s.bytes.length), 'anywhere');
      const slash = s.bytes.indexOf(0x5c, t.start);
      const at = slash > t.start && slash < t.end && rng.chance(0.4) ? slash + rng.int(1, 3) : rng.int(t.start + 1, t.end);
      return truncate(s.bytes, at, 'inside a string');
    },
  },
  {
    name: 'truncate-between-sections', weight: 3,
    apply: (rng, s) => {
      const sec = rng.pick(s.layout.sections);
      const at = rng.pick([sec.keyStart, sec.keyStart + 1, sec.valueStart, sec.valueStart + 1, sec.valueEnd - 1, sec.valueEnd, sec.valueEnd + 1, sec.valueEnd + 2]);
      return truncate(s.bytes, Math.min(at, s.bytes.length), `around section ${sec.name}`);
    },
  },
  { name: 'truncate-tail', weight: 2, apply: (rng, s) => truncate(s.bytes, Math.max(0, s.bytes.length - rng.int(1, 4)), 'at the very end') },

  // --- byte-level damage ---------------------------------------------------------------------------
  {
    name: 'byte-flip', weight: 6,
    apply: (rng, s) => {
      const b = Buffer.from(s.bytes);
      const k = rng.int(1, 9);
      for (let i = 0; i < k; i++) b[rng.int(0, b.length)] = rng.int(0, 256);
      return { bytes: b, note: `${k} random bytes replaced` };
    },
  },
  {
    name: 'bit-flip', weight: 3,
    apply: (rng, s) => {
      const b = Buffer.from(s.bytes);
      const at = rng.int(0, b.length);
      b[at] ^= 1 << rng.int(0, 8);
      return { bytes: b, note: `bit flipped at ${at}` };
    },
  },
  {
    name: 'insert', weight: 5,
    apply: (rng, s) => {
      const at = rng.int(0, s.bytes.length + 1);
      const tok = rng.chance(0.7) ? rng.pick(INTERESTING_TOKENS) : Buffer.from(Array.from({ length: rng.int(1, 16) }, () => rng.int(0, 256)));
      const ins = typeof tok === 'string' ? Buffer.from(tok, 'utf8') : tok;
      return { bytes: splice(s.bytes, at, at, ins), note: `inserted ${JSON.stringify(ins.toString('latin1'))} at ${at}` };
    },
  },
  {
    name: 'delete', weight: 5,
    apply: (rng, s) => {
      const at = rng.int(0, s.bytes.length);
      const len = rng.chance(0.8) ? rng.int(1, 64) : rng.int(1, Math.max(2, s.bytes.length >> 3));
      return { bytes: splice(s.bytes, at, Math.min(s.bytes.length, at + len), ''), note: `deleted ${len} bytes at ${at}` };
    },
  },
  {
    name: 'digits-to-letters', weight: 4,
    apply: (rng, s) => {
      const b = Buffer.from(s.bytes);
      const k = rng.chance(0.7) ? 1 : rng.int(2, 50);
      let done = 0;
      for (let i = 0; i < k; i++) {
        const n = pickNumber(rng, s);
        if (!n) break;
        b[rng.int(n.start, n.end)] = rng.pick([0x61, 0x65, 0x45, 0x6c, 0x4f, 0x78, 0x7a]);
        done++;
      }
      return { bytes: b, note: `${done} digits swapped for letters` };
    },
  },
  {
    name: 'number-replace', weight: 8,
    apply: (rng, s) => {
      const n = pickNumber(rng, s);
      if (!n) return { bytes: s.bytes, note: 'no number to replace' };
      const v = rng.chance(0.15) ? String(rng.int(0, 1 << 30)) : rng.pick(BAD_NUMBERS);
      return { bytes: splice(s.bytes, n.start, n.end, v), note: `number in ${n.section} at ${n.start} → ${JSON.stringify(v)}` };
    },
  },

  // --- header --------------------------------------------------------------------------------------
  {
    name: 'header-count', weight: 6,
    apply: (rng, s) => {
      const keys = Object.keys(s.layout.counts);
      const key = rng.pick(keys);
      const r = s.layout.counts[key];
      const old = Number(s.bytes.toString('latin1', r.start, r.end));
      const v = rng.pick([
        String(old + 1), String(old - 1), String(Math.max(0, old - rng.int(1, 100))), String(old + rng.int(1, 100)),
        String(old * 2), String(Math.floor(old / 2)), '0', '-1', '1.5', '1e3', '4294967296', '9007199254740993',
        '1e400', '"12"', 'null', 'true', '[]', '{}', String(old) + '.0',
      ]);
      return { bytes: splice(s.bytes, r.start, r.end, v), note: `header ${key} ${old} → ${v}` };
    },
  },
  {
    name: 'huge-claim', weight: 4,
    apply: (rng, s) => {
      const key = rng.pick(['node_count', 'edge_count', 'trace_function_count']);
      const r = s.layout.counts[key];
      const v = rng.pick(['1000000000000', '100000000000', '4000000000', '1000000000', '100000000', '50000000']);
      // Sometimes also cut the body so the claim dwarfs the file.
      let bytes = splice(s.bytes, r.start, r.end, v);
      if (rng.chance(0.5)) bytes = bytes.subarray(0, Math.min(bytes.length, s.layout.headerEnd + rng.int(0, 4096)));
      return { bytes, note: `header ${key} claims ${v} (file ${bytes.length} bytes)` };
    },
  },
  {
    name: 'meta-mangle', weight: 5,
    apply: (rng, s) => {
      const text = s.bytes.toString('latin1');
      const edits = [
        ['"id",', ''], ['"type",', ''], ['"edge_count",', ''], ['"to_node"', '"to_nod"'], ['"name_or_index",', ''],
        ['"node_fields":[', '"node_fields":["id",'], ['"node_fields":[', '"node_fields":"'], ['"node_types":[[', '"node_types":["'],
        ['"edge_types":[[', '"edge_types":[{}, ['], ['"meta":', '"meta_":'], ['"node_fields":[', '"node_fields":[],"x":['],
        ['"edge_fields":["type","name_or_index","to_node"]', '"edge_fields":["to_node","type","name_or_index"]'],
        ['"node_fields":[', `"node_fields":[${Array.from({ length: 1000 }, (_, i) => `"f${i}"`).join(',')},`],
        ['"hidden",', ''], ['"snapshot":{', '"snapshot":{"node_count":1,'], ['"snapshot":', '"snapshot_":'],
      ];
      const [from, to] = rng.pick(edits);
      const at = text.indexOf(from);
      if (at < 0 || at > s.layout.headerEnd) return { bytes: s.bytes, note: `meta edit ${from} not applicable` };
      return { bytes: splice(s.bytes, at, at + from.length, to), note: `meta ${JSON.stringify(from)} → ${JSON.stringify(to.slice(0, 40))}` };
    },
  },
  {
    name: 'deep-nesting', weight: 3,
    apply: (rng, s) => {
      const depth = rng.pick([100, 1000, 100_000]);
      const open = rng.pick(['[', '{"a":']);
      const nest = open.repeat(depth) + (rng.chance(0.5) ? '1' + (open === '[' ? ']' : '}').repeat(depth) : '');
      const where = rng.int(0, 3);
      if (where === 0) {
        // The whole header value.
        return { bytes: splice(s.bytes, s.layout.headerStart, s.layout.headerEnd, nest), note: `header replaced by ${open}×${depth}` };
      }
      if (where === 1) {
        const at = s.bytes.indexOf('"meta":') + 7;
        return { bytes: splice(s.bytes, at, at, `${nest},"x":`), note: `meta prefixed by ${open}×${depth}` };
      }
      const tt = s.layout.sections.find((x) => x.name === 'trace_tree');
      if (!tt) return { bytes: splice(s.bytes, 0, 0, nest), note: `prefixed by ${open}×${depth}` };
      return { bytes: splice(s.bytes, tt.valueStart, tt.valueEnd, '['.repeat(depth) + ']'.repeat(depth)), note: `trace_tree nested ${depth} deep` };
    },
  },

  // --- sections ------------------------------------------------------------------------------------
  {
    name: 'section-duplicate', weight: 3,
    apply: (rng, s) => {
      const sec = rng.pick(s.layout.sections);
      const entry = Buffer.concat([s.bytes.subarray(sec.keyStart, sec.valueEnd), Buffer.from(',\n')]);
      return { bytes: splice(s.bytes, sec.keyStart, sec.keyStart, entry), note: `section ${sec.name} duplicated` };
    },
  },
  {
    name: 'section-remove', weight: 3,
    apply: (rng, s) => {
      const sec = rng.pick(s.layout.sections);
      let end = sec.valueEnd;
      while (end < s.bytes.length && (s.bytes[end] === 0x2c || s.bytes[end] === 0x0a)) end++;
      const last = s.layout.sections[s.layout.sections.length - 1] === sec;
      let start = sec.keyStart;
      if (last) {
        // Removing the last entry: drop the comma before it instead of after.
        while (start > 0 && (s.bytes[start - 1] === 0x2c || s.bytes[start - 1] === 0x0a)) start--;
        end = sec.valueEnd;
      }
      return { bytes: splice(s.bytes, start, end, ''), note: `section ${sec.name} removed` };
    },
  },
  {
    name: 'section-reorder', weight: 3,
    apply: (rng, s) => {
      const secs = s.layout.sections;
      if (secs.length < 2) return { bytes: s.bytes, note: 'one section only' };
      let i = rng.int(0, secs.length);
      let j = rng.int(0, secs.length - 1);
      if (j >= i) j++;
      if (i > j) [i, j] = [j, i];
      const a = secs[i];
      const b = secs[j];
      const A = s.bytes.subarray(a.keyStart, a.valueEnd);
      const B = s.bytes.subarray(b.keyStart, b.valueEnd);
      const bytes = Buffer.concat([s.bytes.subarray(0, a.keyStart), B, s.bytes.subarray(a.valueEnd, b.keyStart), A, s.bytes.subarray(b.valueEnd)]);
      return { bytes, note: `sections ${a.name} and ${b.name} swapped` };
    },
  },
  {
    name: 'section-rename', weight: 2,
    apply: (rng, s) => {
      const sec = rng.pick(s.layout.sections);
      const to = rng.pick(['nodez', 'Nodes', '', 'strings', 'nodes', 'edges', 'x'.repeat(1000)]);
      return { bytes: splice(s.bytes, sec.keyStart + 1, sec.keyStart + 1 + sec.name.length, to), note: `section ${sec.name} renamed ${to.slice(0, 20)}` };
    },
  },
  {
    name: 'trailing-garbage', weight: 3,
    apply: (rng, s) => {
      const tail = rng.pick([' \n\t\r\n', 'garbage', '}', ']', '\0', '\n{"snapshot":{}}', ',', '0']);
      return { bytes: Buffer.concat([s.bytes, Buffer.from(tail, 'latin1')]), note: `appended ${JSON.stringify(tail)}` };
    },
  },
  {
    name: 'prefix', weight: 2,
    apply: (rng, s) => {
      const head = rng.pick(['\ufeff', ' \n', '\0', '[', 'x', ')]}\'\n']);
      return { bytes: Buffer.concat([Buffer.from(head, 'utf8'), s.bytes]), note: `prefixed ${JSON.stringify(head)}` };
    },
  },

  // --- strings -------------------------------------------------------------------------------------
  {
    name: 'string-escape', weight: 5,
    apply: (rng, s) => {
      const t = pickString(rng, s);
      if (!t) return { bytes: s.bytes, note: 'no strings' };
      const esc = rng.pick(BROKEN_ESCAPES);
      const at = rng.chance(0.5) ? t.end - 1 : rng.int(t.start + 1, t.end);
      return { bytes: splice(s.bytes, at, at, esc), note: `escape ${JSON.stringify(esc)} put in string at ${at}` };
    },
  },
  {
    name: 'string-control-char', weight: 4,
    apply: (rng, s) => {
      const t = pickString(rng, s);
      if (!t) return { bytes: s.bytes, note: 'no strings' };
      const at = rng.int(t.start + 1, t.end);
      const c = rng.int(0, 0x20);
      return { bytes: splice(s.bytes, at, at, Buffer.from([c])), note: `raw control char 0x${c.toString(16)} in string at ${at}` };
    },
  },
  {
    name: 'string-unterminated', weight: 2,
    apply: (rng, s) => {
      const t = pickString(rng, s);
      if (!t) return { bytes: s.bytes, note: 'no strings' };
      return { bytes: splice(s.bytes, t.end - 1, t.end, ''), note: `closing quote of string at ${t.start} removed` };
    },
  },
  {
    name: 'string-raw-bytes', weight: 3,
    apply: (rng, s) => {
      const t = pickString(rng, s);
      if (!t) return { bytes: s.bytes, note: 'no strings' };
      const ins = rng.pick([Buffer.from('é€😀', 'utf8'), Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf0, 0x9f])]);
      const at = rng.int(t.start + 1, t.end);
      return { bytes: splice(s.bytes, at, at, ins), note: `raw bytes ${ins.toString('hex')} in string at ${at}` };
    },
  },

  // --- cross-seed splices --------------------------------------------------------------------------
  {
    name: 'splice-seeds', weight: 2,
    apply: (rng, s, corpus) => {
      const other = rng.pick(corpus);
      const a = rng.int(0, s.bytes.length);
      const b = rng.int(0, other.bytes.length);
      return { bytes: Buffer.concat([s.bytes.subarray(0, a), other.bytes.subarray(b)]), note: `${s.name}[0,${a}) + ${other.name}[${b},…)` };
    },
  },

  // --- valid snapshots with strange graphs (see graph-mutators.mjs) ---------------------------------
  ...GRAPH_MUTATORS,

  // --- inputs that are not snapshots at all --------------------------------------------------------
  {
    name: 'not-a-snapshot', weight: 3, seedless: true,
    apply: (rng) => {
      const which = rng.int(0, 12);
      switch (which) {
        case 0: return { bytes: Buffer.alloc(0), note: 'empty file' };
        case 1: { const n = rng.pick([1, 13, 4096, 1 << 20]); return { bytes: Buffer.alloc(n), note: `${n} zero bytes` }; }
        case 2: return { bytes: null, directory: true, note: 'a directory' };
        case 3: { const n = rng.int(1, 65536); return { bytes: Buffer.from(Array.from({ length: n }, () => rng.int(0, 256))), note: `${n} random bytes` }; }
        case 4: return { bytes: Buffer.from(rng.pick([' ', '\n\n', '{}', '[]', 'null', '0', '""', '{"snapshot":{}}', '{"snapshot":null}', '{"nodes":[],"edges":[],"strings":[]}'])), note: 'tiny JSON' };
        case 5: return { bytes: Buffer.from('{"snapshot":' + '['.repeat(100_000)), note: 'header of 100k open brackets' };
        case 6: return { bytes: Buffer.from('['.repeat(100_000) + ']'.repeat(100_000)), note: '100k nested arrays' };
        case 7: return { bytes: Buffer.from('1,'.repeat(rng.int(1, 100_000))), note: 'digits only' };
        case 8: return { bytes: Buffer.from('{"snapshot":{"meta":{},"node_count":1000000000000,"edge_count":1000000000000}'), note: 'header claims 10^12 nodes, no body' };
        case 9: return { bytes: Buffer.from('{"snapshot":"' + 'a'.repeat(rng.pick([10, 2_000_000])) ), note: 'unterminated huge header string' };
        case 10: return { bytes: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4]), note: 'gzip magic then garbage' };
        default: return { bytes: Buffer.from('{"snapshot":{"meta":' + '{"a":'.repeat(100_000)), note: 'meta of 100k nested objects' };
      }
    },
  },
];

/** Damage applied to gzip bytes after compression. */
export const GZIP_DAMAGE = [
  { name: 'none', weight: 5, apply: (rng, gz) => ({ bytes: gz, note: '' }) },
  { name: 'truncate', weight: 3, apply: (rng, gz) => { const at = rng.int(0, gz.length); return { bytes: gz.subarray(0, at), note: `gzip truncated at ${at}/${gz.length}` }; } },
  { name: 'flip', weight: 3, apply: (rng, gz) => { const b = Buffer.from(gz); const at = rng.int(10, b.length); b[at] ^= 1 << rng.int(0, 8); return { bytes: b, note: `gzip bit flipped at ${at}` }; } },
  { name: 'crc', weight: 1, apply: (rng, gz) => { const b = Buffer.from(gz); b[b.length - 8 + rng.int(0, 8)] ^= 0xff; return { bytes: b, note: 'gzip trailer (crc/isize) damaged' }; } },
  { name: 'trailing', weight: 1, apply: (rng, gz) => ({ bytes: Buffer.concat([gz, Buffer.from(rng.pick(['x', '\0\0\0', 'garbage after gzip']))]), note: 'garbage after gzip member' }) },
  { name: 'two-members', weight: 1, apply: (rng, gz) => ({ bytes: Buffer.concat([gz, gz]), note: 'two gzip members (concatenated text)' }) },
];
