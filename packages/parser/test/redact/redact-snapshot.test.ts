import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readSnapshot, type HeapSnapshot } from '@heaptrail/parser';
import { redactSnapshot } from '@heaptrail/parser/redact';
import { escapeJsonStringV8 } from '@heaptrail/parser/builder';
import { tinyHeader, tinySnapshot } from '../helpers/tiny-snapshot.js';
import { SCRIPT_NAME, SCRIPT_SOURCE, SECRETS, SHARED, redactionFixture, seriesFixture } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'heaptrail-redact-'));
let serial = 0;

function write(text: string | Buffer, ext = '.heapsnapshot'): string {
  const path = join(dir, `in-${serial++}${ext}`);
  writeFileSync(path, text);
  return path;
}

function outPath(ext = '.heapsnapshot'): string {
  return join(dir, `out-${serial++}${ext}`);
}

function strings(s: HeapSnapshot): string[] {
  return Array.from({ length: s.strings.length }, (_, i) => s.strings.get(i));
}

async function redactText(text: string, options: { salt?: string; chunkSize?: number; redactScripts?: boolean } = {}) {
  const input = write(text);
  const output = outPath();
  const result = await redactSnapshot(input, output, { salt: options.salt ?? 'pepper', ...options });
  const bytes = readFileSync(output);
  return { result, bytes, before: await readSnapshot(input), after: await readSnapshot(output) };
}

describe('redactSnapshot', () => {
  const text = redactionFixture().toJSON();

  it('replaces every string that is only a value with plain ASCII of the same UTF-16 length', async () => {
    const { before, after, bytes } = await redactText(text);
    const was = strings(before);
    const now = strings(after);
    expect(now).toHaveLength(was.length);
    for (const secret of [...SECRETS, SCRIPT_SOURCE, 'first half']) {
      const i = was.indexOf(secret);
      expect(now[i], secret).not.toBe(secret);
      expect(now[i]!.length, secret).toBe(secret.length);
      expect(now[i]).toMatch(/^[A-Za-z0-9_-]*$/);
    }
    // Nothing of a replaced value is left in the file, escaped or not.
    const raw = bytes.toString('latin1');
    for (const secret of SECRETS.filter((s) => s.length > 3)) expect(raw).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(raw).not.toContain('sk_live_123');
  });

  it('keeps names, values spelled like a name, the empty string and V8 placeholders', async () => {
    const { before, after, result } = await redactText(text);
    const was = strings(before);
    const now = strings(after);
    for (const kept of [...SHARED, '<dummy>', '', '(concatenated string)', 'session', 'v3', 'joined', 'first', 'source', 'name', SCRIPT_NAME]) {
      expect(now[was.indexOf(kept)], kept).toBe(kept);
    }
    const replaced = was.filter((s, i) => s !== now[i]);
    expect(result.redacted.strings).toBe(replaced.length);
    expect(result.kept.names + result.kept.placeholders + result.redacted.strings).toBe(was.length);
    expect(result.kept.placeholders).toBe(2); // <dummy> and (concatenated string); "" names the root
    expect(result.kept).toMatchObject({ nodes: before.header.nodeCount, edges: before.header.edgeCount, locations: 2, scriptNames: true });
  });

  it('copies everything before the strings section byte for byte, so the graph reads back unchanged', async () => {
    const { bytes, before, after } = await redactText(text);
    const cut = text.indexOf('"strings":[') + '"strings":['.length;
    expect(bytes.subarray(0, cut).toString('latin1')).toBe(text.slice(0, cut));
    expect(after.nodes.name).toEqual(before.nodes.name);
    expect(after.nodes.type).toEqual(before.nodes.type);
    expect(after.nodes.selfSize).toEqual(before.nodes.selfSize);
    expect(after.edges).toEqual(before.edges);
    expect(after.locations).toEqual(before.locations);
    expect(bytes.subarray(bytes.length - 3).toString('latin1')).toBe(']}\n');
  });

  it('writes the same bytes whatever the read size, from a file or from gzip', async () => {
    const input = write(text);
    const gz = write(gzipSync(Buffer.from(text)), '.heapsnapshot.gz');
    const outputs: Buffer[] = [];
    for (const [source, chunkSize] of [[input, 1], [input, 7], [input, 65536], [gz, 7], [gz, 1]] as const) {
      const output = outPath();
      await redactSnapshot(source, output, { salt: 'pepper', chunkSize });
      outputs.push(readFileSync(output));
    }
    for (const o of outputs) expect(o.equals(outputs[0]!)).toBe(true);
  });

  it('splits at every offset of the strings section without changing the output', async () => {
    const bytes = Buffer.from(text);
    const whole = (await redactText(text)).bytes;
    const from = text.indexOf('"strings":[');
    for (let cut = from; cut < bytes.length; cut++) {
      const out = new PassThrough();
      const got: Buffer[] = [];
      out.on('data', (b: Buffer) => got.push(b));
      await redactSnapshot(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]), out, { salt: 'pepper' });
      const same = Buffer.concat(got).equals(whole);
      if (!same) expect({ cut, same }).toEqual({ cut, same: true });
    }
  });

  it('gives one string the same replacement in every file redacted with the same salt, and another with another salt', async () => {
    const a = await redactText(seriesFixture('only in the first').toJSON());
    const b = await redactText(seriesFixture('only in the second file').toJSON());
    const c = await redactText(seriesFixture('only in the first').toJSON(), { salt: 'other' });
    const at = (r: typeof a, s: string) => strings(r.after)[strings(r.before).indexOf(s)];
    expect(at(a, 'shared secret value')).toBe(at(b, 'shared secret value'));
    expect(at(c, 'shared secret value')).not.toBe(at(a, 'shared secret value'));
    expect(at(c, 'shared secret value')).toHaveLength('shared secret value'.length);
    expect(at(c, 'Holder')).toBe('Holder');
  });

  it('spells HMAC-SHA256(key, token) with xoshiro128**, the key being HMAC-SHA256(salt, "heaptrail redact v1")', async () => {
    const { before, after } = await redactText(text, { salt: 'pepper' });
    const key = createHmac('sha256', 'pepper').update('heaptrail redact v1').digest();
    for (const secret of ['hunter2-password', 'line\nbreak\t"quoted" back\\slash', 'emoji 😀 and 🎉!', SCRIPT_SOURCE]) {
      // The token as V8 writes it (the builder escapes as V8 does).
      const token = escapeJsonStringV8(secret).slice(1, -1);
      const expected = referenceSpelling(createHmac('sha256', key).update(token, 'latin1').digest(), secret.length);
      expect(strings(after)[strings(before).indexOf(secret)]).toBe(expected);
    }
  });

  it('reads gzip and writes gzip for a .gz output; reads and writes streams', async () => {
    const gzIn = write(gzipSync(Buffer.from(text)), '.heapsnapshot.gz');
    const gzOut = outPath('.heapsnapshot.gz');
    const result = await redactSnapshot(gzIn, gzOut, { salt: 'pepper' });
    expect(result.input.gzip).toBe(true);
    const plain = (await redactText(text)).bytes;
    expect(gunzipSync(readFileSync(gzOut)).equals(plain)).toBe(true);

    const out = new PassThrough();
    const got: Buffer[] = [];
    out.on('data', (b: Buffer) => got.push(b));
    await redactSnapshot(Readable.from([Buffer.from(text)]), out, { salt: 'pepper', gzip: true });
    expect(gunzipSync(Buffer.concat(got)).equals(plain)).toBe(true);
  });

  it('keeps trace function names and script names, and Chromium scope variable names', async () => {
    const header = tinyHeader({ node_count: 6, edge_count: 5, trace_function_count: 1 }, { scope_context_var_fields: ['name'] });
    const snapshot = tinySnapshot({
      header,
      nodes: '9,0,1,0,5,0\n,3,1,3,10,0,0\n,2,3,5,8,0,0\n,2,4,7,8,0,0\n,2,5,9,8,0,0\n,2,6,11,8,0,0',
      edges: '2,2,6\n,2,2,12\n,2,2,18\n,2,2,24\n,2,2,30',
      middle: ',\n"trace_function_infos":[1,3,4,0,1,1],\n"trace_tree":[],\n"samples":[],\n"locations":[],\n"scope_context_vars":[5]',
      strings: '"",\n"A",\n"a",\n"fnName",\n"file.js",\n"scopeVar",\n"valueOnly"',
    });
    const plain = await redactText(snapshot);
    expect(strings(plain.after).slice(0, 6)).toEqual(['', 'A', 'a', 'fnName', 'file.js', 'scopeVar']);
    expect(strings(plain.after)[6]).not.toBe('valueOnly');
    expect(plain.result.kept.otherSections).toEqual(['scope_context_vars']);
    expect(plain.result.kept.traceFunctionInfos).toBe(1);
    const scripts = await redactText(snapshot, { redactScripts: true });
    expect(strings(scripts.after)[4]).not.toBe('file.js');
    expect(strings(scripts.after)[3]).toBe('fnName');
  });

  describe('with redactScripts', () => {
    it('also replaces script names wherever they are used, keeping function and edge names', async () => {
      const { before, after, result } = await redactText(text, { redactScripts: true });
      const was = strings(before);
      const now = strings(after);
      const i = was.indexOf(SCRIPT_NAME);
      expect(now[i]).not.toBe(SCRIPT_NAME);
      expect(now[i]).toHaveLength(SCRIPT_NAME.length);
      for (const kept of ['handler', 'source', 'name', 'script', 'Session']) expect(now[was.indexOf(kept)], kept).toBe(kept);
      expect(result.redacted).toMatchObject({ scriptNames: 1, scripts: 1 });
      expect(result.kept.scriptNames).toBe(false);
      // The rest is as without the option.
      const plain = strings((await redactText(text)).after);
      expect(now.filter((_, k) => k !== i)).toEqual(plain.filter((_, k) => k !== i));
    });

    it('needs a path, since it reads the input twice', async () => {
      await expect(redactSnapshot(Readable.from([Buffer.from(text)]), new PassThrough(), { salt: 's', redactScripts: true })).rejects.toThrow(/path/);
    });
  });

  describe('bad input', () => {
    it('fails with the parser’s one-line error and byte offset, and leaves no output behind', async () => {
      const cut = text.slice(0, text.indexOf('"strings"') + 40);
      const output = outPath();
      const before = readdirSync(dir).length;
      await expect(redactSnapshot(write(cut), output, { salt: 's' })).rejects.toThrow(/unexpected end of input in strings at byte \d+$/);
      expect(readdirSync(dir).length).toBe(before + 1); // the input only
    });

    it('refuses an empty salt, and names the output (not its temporary) when it cannot be written', async () => {
      await expect(redactSnapshot(write(text), outPath(), { salt: '' })).rejects.toThrow(/non-empty salt/);
      const target = join(dir, 'no-such-dir', 'out.heapsnapshot');
      await expect(redactSnapshot(write(text), target, { salt: 's' })).rejects.toMatchObject({ code: 'ENOENT', path: target });
    });

    it('refuses a node name index past the strings section', async () => {
      const bad = tinySnapshot({ nodes: '9,0,1,0,2,0\n,3,1,3,10,0,0\n,3,9,5,20,0,0' });
      await expect(redactSnapshot(write(bad), outPath(), { salt: 's' })).rejects.toThrow(/node name index out of range at byte \d+/);
    });

    it('reports the same fault as readSnapshot for a damaged number section', async () => {
      const bad = tinySnapshot({ edges: '2,3,6\n,2,4,13' });
      const path = write(bad);
      const parsed = await readSnapshot(path).then(
        () => 'no error',
        (e: Error) => e.message,
      );
      await expect(redactSnapshot(path, outPath(), { salt: 's' })).rejects.toThrow(parsed);
    });
  });
});

/** A plain re-implementation of the spelling: xoshiro128** seeded by the digest's first 16 bytes, 5 characters an output. */
function referenceSpelling(digest: Buffer, units: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const s = [digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), (digest.readUInt32LE(12) | 1) >>> 0];
  const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
  let out = '';
  while (out.length < units) {
    const result = Number((BigInt(rotl(Number((BigInt(s[1]!) * 5n) & 0xffffffffn), 7)) * 9n) & 0xffffffffn);
    const t = (s[1]! << 9) >>> 0;
    s[2] = (s[2]! ^ s[0]!) >>> 0;
    s[3] = (s[3]! ^ s[1]!) >>> 0;
    s[1] = (s[1]! ^ s[2]!) >>> 0;
    s[0] = (s[0]! ^ s[3]!) >>> 0;
    s[2] = (s[2]! ^ t) >>> 0;
    s[3] = rotl(s[3]!, 11);
    for (let k = 0; k < 5 && out.length < units; k++) out += alphabet[Math.floor(result / 2 ** (26 - 6 * k)) % 64];
  }
  return out;
}
