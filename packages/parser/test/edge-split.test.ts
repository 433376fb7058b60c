// The two-thread parse (split/): the tail thread parses the end of the edges section
// backwards while the main thread parses forward, and they meet wherever their speeds
// put them. Here an injected TailStarter runs the tail on the test's thread, after
// claiming the bytes before `meetAt` for the main thread (its progress), so every
// meeting point can be tried; the real worker is exercised against the built
// package in test/edge-split-worker.test.ts.

import { createReadStream, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readSnapshot, SnapshotFormatError, type EdgeSplitOptions, type HeapSnapshot, type TailStarter } from '@heaptrail/parser';
import { SplitClaims, type TailOutcome } from '../src/split/claims.js';
import { parseTail } from '../src/split/edge-tail.js';
import { FULL, NEED_BYTES, STOPPED, scanEdgesBackward } from '../src/split/edges-backward.js';
import { snapshotDifferences } from './helpers/compare.js';
import { ring } from './helpers/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'heaptrail-split-'));
const repo = fileURLToPath(new URL('../../../', import.meta.url));

const RING = ring().toJSON();
const ringPath = write('ring.heapsnapshot', RING);
const edgesStart = RING.indexOf('"edges":[') + '"edges":['.length;
const edgesEnd = RING.indexOf(']', edgesStart);

function write(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Main-thread reads of 4 KiB, so the meeting point can be anywhere past the first two. */
const CHUNK = 4096;

/**
 * A tail parsed at once on this thread, as if the main thread had already claimed the
 * bytes before `meetAt`. Not `live`: its outcome is published at once. `live`: only when
 * the main thread first waits, so its reads run into the tail's claim as they do with a
 * worker, and its records are then written again, as a worker's writes may land late.
 */
function inThreadTail(meetAt = 0, live = false): TailStarter {
  return (request) => {
    const claims = new SplitClaims(request.claims);
    claims.claimForward(0, meetAt);
    let outcome: TailOutcome = { low: request.end, records: 0 };
    try {
      outcome = parseTail(request, claims);
    } finally {
      if (!live) claims.finish(outcome);
    }
    const from = request.edgeCount - outcome.records;
    const late = [request.type.slice(from), request.nameOrIndex.slice(from), request.toNode.slice(from)] as const;
    const publish = (): void => {
      if (claims.done) return;
      request.type.set(late[0], from);
      request.nameOrIndex.set(late[1], from);
      request.toNode.set(late[2], from);
      claims.finish(outcome);
    };
    return {
      stopped: async () => publish(),
      close: async () => publish(),
    };
  };
}

/** Read options for a split parse with the tail on this thread (see inThreadTail). */
function split(options: { meetAt?: number; blockSize?: number } = {}, live = false): { chunkSize: number; edgeSplit: EdgeSplitOptions } {
  const { meetAt, ...rest } = options;
  return { chunkSize: CHUNK, edgeSplit: { startTail: inThreadTail(meetAt, live), minBytes: 0, ...rest } };
}

const MODES = [false, true] as const;
const modeName = (live: boolean) => (live ? 'tail published when the main thread waits' : 'tail published at once');

/** The snapshot, or the reason and offset it was refused with. */
async function outcome(p: Promise<HeapSnapshot>): Promise<{ snapshot: HeapSnapshot } | { reason: string; offset: number }> {
  try {
    return { snapshot: await p };
  } catch (e) {
    if (e instanceof SnapshotFormatError) return { reason: e.reason, offset: e.offset };
    throw e;
  }
}

/** Byte offsets of every record start in the edges section (after `[` or `\n,`). */
function recordStarts(text: string): number[] {
  const starts = [edgesStart];
  for (let i = text.indexOf('\n,', edgesStart); i >= 0 && i < edgesEnd; i = text.indexOf('\n,', i + 2)) starts.push(i + 2);
  return starts;
}

describe('scanEdgesBackward parses whole edge records from right to left', () => {
  const records = '[1,2,7\n,2,40,14\n,0,4000000000,21\n';
  const parse = (text: string, floor = 1, o = 10, limits = { types: 7, fields: 7, nodes: 4 }) => {
    const buf = Buffer.from('\0' + text);
    const type = new Uint8Array(10);
    const names = new Uint32Array(10);
    const to = new Uint32Array(10);
    const out = new Float64Array(3);
    const q = scanEdgesBackward(buf, buf.length - (text.endsWith('\n') ? 1 : 0), floor, type, names, to, o, limits.types, limits.fields, limits.nodes * limits.fields, out);
    const taken = o - out[0]!;
    return { q, taken, reason: out[1], type: [...type.slice(out[0]!, o)], names: [...names.slice(out[0]!, o)], to: [...to.slice(out[0]!, o)] };
  };

  it('takes every record but the first, whose `[` it leaves to the forward scanner', () => {
    const r = parse(records);
    expect(r).toMatchObject({ taken: 2, reason: STOPPED, type: [2, 0], names: [40, 4000000000], to: [2, 3] });
    expect(r.q).toBe(1 + records.indexOf('\n,2,40'));
  });

  it('takes records joined by a bare comma too (no newlines, as Chromium writes them)', () => {
    const r = parse('[1,2,7,2,40,14,0,4000000000,21');
    expect(r).toMatchObject({ taken: 2, reason: STOPPED, type: [2, 0], names: [40, 4000000000], to: [2, 3] });
  });

  it('asks for more bytes when a record is cut by the start of the buffer', () => {
    const cut = records.slice(records.indexOf('2,40'));
    expect(parse(cut)).toMatchObject({ taken: 1, reason: NEED_BYTES });
    expect(parse('0,1,7\n', 1)).toMatchObject({ taken: 0, reason: NEED_BYTES });
    expect(parse(',0,1,7\n', 1)).toMatchObject({ taken: 0, reason: NEED_BYTES });
  });

  it('stops when every ordinal is taken (more records than edge_count)', () => {
    expect(parse(records, 1, 1)).toMatchObject({ taken: 1, reason: FULL, names: [4000000000] });
  });

  const odd: Record<string, string> = {
    'a leading zero in to_node': '\n,1,2,07\n',
    'a leading zero in name_or_index': '\n,1,02,7\n',
    'a leading zero in type': '\n,01,2,7\n',
    'a 16-digit number': '\n,1,1000000000000000,7\n',
    'a type outside edge_types': '\n,7,2,7\n',
    'a name over 2^32-1': '\n,1,4294967296,7\n',
    'a to_node past the last node': '\n,1,2,28\n',
    'a to_node that is not a multiple of the field count': '\n,1,2,8\n',
    'a space after a number': '\n,1,2,7 \n',
    'a space before a number': '\n,1, 2,7\n',
    'whitespace between the separator and the record': '\n,\r1,2,7\n',
    'an empty field': '\n,1,,7\n',
    'a minus sign': '\n,1,-2,7\n',
  };
  for (const [name, record] of Object.entries(odd)) {
    it(`leaves ${name} (and all before it) to the forward scanner`, () => {
      const r = parse('[1,2,7' + record + ',2,40,14\n');
      expect(r).toMatchObject({ taken: 1, reason: STOPPED, names: [40] });
    });
  }
});

describe('a split parse gives the one-thread result wherever the threads meet', () => {
  let whole: HeapSnapshot;
  const one = async () => (whole ??= await readSnapshot(ringPath, { edgeSplit: false }));

  it('the ring fixture ends its edges the way V8 does (`\\n]`), so the tail thread has work', () => {
    expect(RING.slice(edgesEnd - 1, edgesEnd + 1)).toBe('\n]');
  });

  const starts = recordStarts(RING);
  // Record starts, bytes inside records, and the ends: the meeting point is anywhere.
  const points = [0, edgesStart, edgesStart + 1, starts[1]!, starts[1]! - 1, starts[1]! - 2, starts[500]! + 3, starts[4000]!, starts[starts.length - 1]!, edgesEnd - 2, edgesEnd, RING.length];
  for (const meetAt of points) {
    for (const blockSize of [7, 64, 4096]) {
      for (const live of MODES) {
        it(`meeting at byte ${meetAt}, tail blocks of ${blockSize} bytes, ${modeName(live)}`, async () => {
          const s = await readSnapshot(ringPath, split({ meetAt, blockSize }, live));
          expect(snapshotDifferences(s, await one())).toEqual([]);
          // The tail took every record that starts after the meeting point and its separator.
          const expected = starts.filter((at) => at > edgesStart && at - 2 >= Math.max(meetAt, 2 * CHUNK)).length;
          expect(s.edgesBySecondThread ?? 0).toBe(expected);
        });
      }
    }
  }

  it('with 1 KiB and 64 KiB main-thread reads too', async () => {
    for (const chunkSize of [1024, 16384]) {
      const s = await readSnapshot(ringPath, { ...split({ meetAt: starts[3000]!, blockSize: 512 }), chunkSize });
      expect(snapshotDifferences(s, await one())).toEqual([]);
      expect(s.edgesBySecondThread).toBe(starts.length - 3001);
    }
  });

  it('reports progress up to the whole file although the main thread skips the tail', async () => {
    const seen: number[] = [];
    await readSnapshot(ringPath, { onProgress: (done) => seen.push(done), ...split() });
    expect(seen.at(-1)).toBe(RING.length);
  });

  it('stays on one thread for small files (64 MiB by default), gzip, streams and when told to', async () => {
    const gz = write('ring.heapsnapshot.gz', gzipSync(RING));
    const cases = [
      readSnapshot(ringPath, { chunkSize: CHUNK, edgeSplit: { startTail: inThreadTail() } }),
      readSnapshot(ringPath, { chunkSize: CHUNK, edgeSplit: false }),
      readSnapshot(gz, split()),
      readSnapshot(createReadStream(ringPath, { highWaterMark: CHUNK }), split()),
    ];
    for (const s of await Promise.all(cases)) {
      expect(s.edgesBySecondThread).toBeUndefined();
      expect(snapshotDifferences(s, await one())).toEqual([]);
    }
  });

  it('reads again on one thread when the `]` the tail took for the end of edges was not (an unknown section after them)', async () => {
    // Sections the parser does not model are skipped by structure, so this is a valid file:
    // the last "trace_function_infos" key sits in an unknown section after the strings, behind
    // an array of edge-like records. A tail that parsed those wrote ordinals the main thread
    // writes too.
    const fake = Array.from({ length: 3000 }, (_, i) => `1,${i % 7},0`).join('\n,') + '\n';
    const text = RING.replace(/\]\}\n$/, `],"zzz_extra":{"a":[${fake}],"trace_function_infos":0}}\n`);
    const path = write('fake-end.heapsnapshot', text);
    const whole = await readSnapshot(path, { edgeSplit: false });
    expect(snapshotDifferences(whole, await one())).toEqual([]);
    for (const live of MODES) {
      for (const meetAt of [0, edgesStart + 30_000]) {
        const s = await readSnapshot(path, split({ meetAt, blockSize: 512 }, live));
        expect(snapshotDifferences(s, whole)).toEqual([]);
        expect(s.edgesBySecondThread).toBeUndefined();
      }
    }
  });

  it('stays on one thread when the edges are not followed by trace_function_infos', async () => {
    const path = write('no-trace.heapsnapshot', RING.replace('"trace_function_infos":[],\n', ''));
    const s = await readSnapshot(path, split());
    expect(s.edgesBySecondThread).toBeUndefined();
    expect(snapshotDifferences(s, await one())).toEqual([]);
  });

  it('splits an edges section written without newlines (as Chromium writes it) just the same', async () => {
    const flat = RING.slice(0, edgesStart) + RING.slice(edgesStart, edgesEnd).replace(/\n/g, '') + RING.slice(edgesEnd);
    for (const meetAt of [0, edgesStart + 20_000, flat.length - 30_000]) {
      const s = await readSnapshot(write('flat.heapsnapshot', flat), split({ meetAt, blockSize: 100 }));
      expect(s.edgesBySecondThread).toBeGreaterThan(0);
      expect(snapshotDifferences(s, await one())).toEqual([]);
    }
  });
});

describe('damage anywhere in the edges gives the one-thread error, reason and offset', () => {
  const starts = recordStarts(RING);
  // Damage near the end (the tail thread's part), in the middle, and near the start.
  const damaged: Record<string, (record: string) => string> = {
    'a leading zero': (r) => r.replace(/^(\d+),/, '0$1,'),
    'a 17-digit number': (r) => r.replace(/,(\d+)$/, ',12345678901234567'),
    'a negative number': (r) => r.replace(/,(\d+),/, ',-$1,'),
    'a letter': (r) => r.replace(/,(\d+),/, ',x,'),
    'a to_node that is not a multiple of the field count': (r) => r.replace(/,(\d+)$/, (_, to: string) => `,${Number(to) + 1}`),
    'a to_node past the last node': (r) => r.replace(/,(\d+)$/, ',999999999'),
    'an edge type outside edge_types': (r) => r.replace(/^\d+,/, '9,'),
    'a space after a comma (valid JSON, so the same snapshot)': (r) => r.replace(/,/, ', '),
    'a missing record (fewer edges than edge_count)': () => '',
    'an extra record (more edges than edge_count)': (r) => `${r}\n,${r}`,
    'a trailing comma': (r) => `${r},`,
  };
  for (const [name, damage] of Object.entries(damaged)) {
    for (const k of [starts.length - 1, starts.length - 700, 4000, 1]) {
      it(`${name} in record ${k}`, async () => {
        const at = starts[k]!;
        const end = k + 1 < starts.length ? starts[k + 1]! - 2 : edgesEnd - 1;
        const record = damage(RING.slice(at, end));
        // An empty record drops the record and its separator.
        const text = record === '' ? RING.slice(0, at - 2) + RING.slice(end) : RING.slice(0, at) + record + RING.slice(end);
        const path = write(`damaged-${k}.heapsnapshot`, text);
        const expected = await outcome(readSnapshot(path, { edgeSplit: false }));
        expect('snapshot' in expected).toBe(name.startsWith('a space'));
        for (const [meetAt, live] of [[0, false], [starts[2000]!, true], [starts[starts.length - 350]!, false], [starts[starts.length - 350]!, true]] as const) {
          const got = await outcome(readSnapshot(path, split({ meetAt, blockSize: 256 }, live)));
          if ('snapshot' in expected && 'snapshot' in got) expect(snapshotDifferences(got.snapshot, expected.snapshot)).toEqual([]);
          else expect(got).toEqual(expected);
        }
      });
    }
  }
});

describe('the split parse on real snapshots made by V8', () => {
  const samples = readdirSync(join(repo, 'samples'), { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('s1.heapsnapshot.gz'))
    .sort()
    .slice(0, 3);
  for (const sample of samples) {
    it(`${sample}: identical columns wherever the threads meet`, async () => {
      const text = gunzipSync(readFileSync(join(repo, 'samples', sample)));
      const path = write(sample.replace(/\W/g, '_'), text);
      const whole = await readSnapshot(path, { edgeSplit: false });
      for (const fraction of [0.1, 0.5, 0.9]) {
        const s = await readSnapshot(path, split({ meetAt: Math.floor(text.length * fraction) }));
        expect(snapshotDifferences(s, whole)).toEqual([]);
      }
      const all = await readSnapshot(path, split());
      expect(all.edgesBySecondThread).toBeGreaterThan(whole.header.edgeCount * 0.9);
    });
  }
});
