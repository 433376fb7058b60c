// Redaction reads a snapshot with its own sinks, but must accept and refuse exactly
// what readSnapshot accepts and refuses, with the same message and byte offset.
// Compared on every truncation of a small snapshot and on seeded random damage
// (bytes deleted, inserted or replaced by JSON's structural characters and digits).
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readSnapshot, SnapshotFormatError } from '@heaptrail/parser';
import { redactSnapshot } from '@heaptrail/parser/redact';
import { tinyHeader, tinySnapshot } from '../helpers/tiny-snapshot.js';
import { redactionFixture } from './fixtures.js';

const ALPHABET = Buffer.from(' ,:[]{}"\\0123456789-.eu\n');

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    if (e instanceof SnapshotFormatError) return e.message;
    throw e;
  }
}

function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

async function compare(text: Buffer): Promise<{ parsed: string; redacted: string }> {
  const parsed = await outcome(readSnapshot(Readable.from([text]), { sourceName: 'damaged' }));
  const redacted = await outcome(redactSnapshot(Readable.from([text]), discard(), { salt: 's', sourceName: 'damaged' }));
  return { parsed, redacted };
}

/** mulberry32: a small seeded PRNG, so a failing case can be replayed. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function damage(text: Buffer, random: () => number): Buffer {
  const at = Math.floor(random() * text.length);
  const c = ALPHABET[Math.floor(random() * ALPHABET.length)]!;
  switch (Math.floor(random() * 3)) {
    case 0:
      return Buffer.concat([text.subarray(0, at), text.subarray(at + 1)]);
    case 1:
      return Buffer.concat([text.subarray(0, at), Buffer.from([c]), text.subarray(at)]);
    default: {
      const copy = Buffer.from(text);
      copy[at] = c;
      return copy;
    }
  }
}

const BASES: Record<string, string> = {
  'the tiny snapshot': tinySnapshot(),
  'a snapshot with trace functions and an unknown section': tinySnapshot({
    header: tinyHeader({ trace_function_count: 1 }),
    middle: ',\n"trace_function_infos":[1,3,4,0,1,1],\n"trace_tree":[1,0,1,8,[]],\n"samples":[5,6],\n"locations":[3,7,1,2],\n"scopes":[1,-2,{"a":[3]},"x]"]',
  }),
  'the builder fixture': redactionFixture().toJSON(),
};

describe('redactSnapshot accepts and refuses what readSnapshot does, with the same message', () => {
  for (const [name, text] of Object.entries(BASES)) {
    it(`${name}: undamaged, both accept`, async () => {
      expect(await compare(Buffer.from(text))).toEqual({ parsed: 'accepted', redacted: 'accepted' });
    });

    it(`${name}: cut at every offset`, async () => {
      const bytes = Buffer.from(text);
      for (let cut = 0; cut < bytes.length; cut++) {
        const r = await compare(bytes.subarray(0, cut));
        if (r.parsed !== r.redacted) expect({ cut, ...r }).toEqual({ cut, parsed: r.parsed, redacted: r.parsed });
      }
    });

    it(`${name}: 400 random damages (seed 11)`, async () => {
      const random = prng(11);
      const bytes = Buffer.from(text);
      const reasons = new Set<string>();
      for (let k = 0; k < 400; k++) {
        const damaged = damage(bytes, random);
        const r = await compare(damaged);
        if (r.parsed !== r.redacted) expect({ k, text: damaged.toString('latin1'), ...r }).toEqual({ k, text: damaged.toString('latin1'), parsed: r.parsed, redacted: r.parsed });
        reasons.add(r.parsed.replace(/ at byte \d+$/, ''));
      }
      // The damage reaches many different checks, not only the easy ones.
      expect(reasons.size).toBeGreaterThan(15);
    });
  }
});
