import { describe, expect, it } from 'vitest';
import { SnapshotBuilder, NODE_FIELDS_LEGACY } from '@heaptrail/parser/builder';
import { computeClassNames, cutTagName } from '../src/class-names.js';

function classesOf(b: SnapshotBuilder): string[] {
  const { classOf, names } = computeClassNames(b.build());
  return Array.from(classOf, (c) => names[c]!);
}

describe('computeClassNames()', () => {
  it('names objects and natives by their constructor name', () => {
    const b = new SnapshotBuilder();
    b.node('ChatMessage', 32);
    b.node('HTMLDivElement', 8, { type: 'native' });
    expect(classesOf(b).slice(1)).toEqual(['ChatMessage', 'HTMLDivElement']);
  });

  it('names every node type as docs/DESIGN.md says', () => {
    const b = new SnapshotBuilder();
    b.node('onRequestDone', 0, { type: 'closure' });
    b.node('', 0, { type: 'closure' });
    b.node('/a+/', 0, { type: 'regexp' });
    b.node('system / Map', 0, { type: 'hidden' });
    b.node('code', 0, { type: 'code' });
    b.node('hello', 0, { type: 'string' });
    b.node('hello world', 0, { type: 'concatenated string' });
    b.node('hel', 0, { type: 'sliced string' });
    b.node('', 0, { type: 'array' });
    b.node('heap number', 0, { type: 'number' });
    b.node('sym', 0, { type: 'symbol' });
    b.node('big', 0, { type: 'bigint' });
    b.node('shape', 0, { type: 'object shape' });
    expect(classesOf(b)).toEqual([
      '(synthetic)', 'onRequestDone()', '(anonymous)()', 'RegExp', '(system)', '(compiled code)',
      '(string)', '(string)', '(string)', '(array)', '(number)', '(symbol)', '(bigint)', '(object shape)',
    ]);
  });

  it('cuts element names to the tag: <div id=…> → <div>, Detached <div …> → Detached <div>', () => {
    expect(cutTagName('<div id="main" class="x">')).toBe('<div>');
    expect(cutTagName('Detached <li class="row">')).toBe('Detached <li>');
    expect(cutTagName('<br>')).toBe('<br>');
    expect(cutTagName('Map')).toBe('Map');
    const b = new SnapshotBuilder();
    b.node('<div id="a">', 8, { type: 'native' });
    b.node('<div id="b">', 8, { type: 'native' });
    const names = classesOf(b);
    expect(names[1]).toBe('<div>');
    expect(names[2]).toBe('<div>');
  });

  it('prefixes native nodes with detachedness 2 with "Detached " (but not JS objects or attached nodes)', () => {
    const b = new SnapshotBuilder();
    b.node('<div id="gone">', 8, { type: 'native', detachedness: 2 });
    b.node('<div id="here">', 8, { type: 'native', detachedness: 1 });
    b.node('Detached <span x>', 8, { type: 'native', detachedness: 2 });
    b.node('Thing', 8, { type: 'object', detachedness: 2 });
    expect(classesOf(b).slice(1)).toEqual(['Detached <div>', '<div>', 'Detached <span>', 'Thing']);
  });

  it('decodes each name once, and never the contents of strings or code', () => {
    const b = new SnapshotBuilder();
    for (let i = 0; i < 5; i++) b.node('Message', 8);
    for (let i = 0; i < 5; i++) b.node(`secret ${i}`, 8, { type: 'string' });
    b.node('bytecode', 8, { type: 'code' });
    const snapshot = b.build();
    const reads: number[] = [];
    const strings = { length: snapshot.strings.length, get: (i: number) => (reads.push(i), snapshot.strings.get(i)) };
    const { classOf, names } = computeClassNames({ ...snapshot, strings });
    expect(names[classOf[1]!]).toBe('Message');
    expect(names[classOf[6]!]).toBe('(string)');
    expect(reads.map((i) => snapshot.strings.get(i))).toEqual(['Message']);
  });

  it('does not infer interfaces for native nodes named Object', () => {
    const b = new SnapshotBuilder();
    const natives = [0, 1].map(() => b.node('Object', 8, { type: 'native' }));
    for (const n of natives) n.edge(b.node('x', 8, { type: 'string' }), 'property', 'p');
    const names = classesOf(b);
    expect(names[natives[0]!.ordinal]).toBe('Object');
  });

  it('spreads the detached state to unmarked native children, as DevTools does', () => {
    const b = new SnapshotBuilder();
    const div = b.node('<div class="card">', 8, { type: 'native', detachedness: 2 });
    const text = b.node('Text', 8, { type: 'native' });
    const data = b.node('blink::UniqueElementData', 8, { type: 'native' });
    div.edge(text, 'element', 0);
    text.edge(data, 'internal', 'data'); // two hops
    const viaWeak = b.node('WeakChild', 8, { type: 'native' });
    div.edge(viaWeak, 'weak', 'w');
    const viaHidden = b.node('HiddenChild', 8, { type: 'native' });
    div.edge(viaHidden, 'hidden', 1);
    const wrapper = b.node('CardView', 8); // a JS object: the spread stops here
    div.edge(wrapper, 'property', 'view');
    const behindJs = b.node('Span', 8, { type: 'native' });
    wrapper.edge(behindJs, 'property', 'span');
    const names = classesOf(b);
    expect([div, text, data, viaWeak, viaHidden, wrapper, behindJs].map((n) => names[n.ordinal])).toEqual([
      'Detached <div>', 'Detached Text', 'Detached blink::UniqueElementData', 'WeakChild', 'HiddenChild', 'CardView', 'Span',
    ]);
  });

  it('lets the attached state spread first and win over a detached parent', () => {
    const b = new SnapshotBuilder();
    const doc = b.node('Document', 8, { type: 'native', detachedness: 1 });
    const gone = b.node('<p>', 8, { type: 'native', detachedness: 2 });
    const shared = b.node('Shared', 8, { type: 'native' });
    gone.edge(shared, 'element', 0); // the detached parent comes first in edge order …
    doc.edge(shared, 'element', 0); // … but the attached one reaches it first
    const only = b.node('Only', 8, { type: 'native' });
    gone.edge(only, 'element', 1);
    const names = classesOf(b);
    expect([doc, gone, shared, only].map((n) => names[n.ordinal])).toEqual(['Document', 'Detached <p>', 'Shared', 'Detached Only']);
  });

  it('keeps (name, type) pairs apart when the header declares many node types (up to 256)', () => {
    // A header may list its types in any order: here `closure` is type 0 and `object` type 32.
    // An object named by string s and a closure named by string s + 1 must not share a class.
    const b = new SnapshotBuilder();
    b.node('Foo', 8);
    b.node('bar', 8, { type: 'closure' });
    const built = b.build();
    const nodeTypes = Array.from({ length: 40 }, (_, t) => `extra ${t}`);
    nodeTypes[0] = 'closure';
    nodeTypes[32] = 'object';
    nodeTypes[33] = 'synthetic';
    const old = built.header.meta.nodeTypes;
    const type = Uint8Array.from(built.nodes.type, (t) => nodeTypes.indexOf(old[t]!));
    const snapshot = { ...built, header: { ...built.header, meta: { ...built.header.meta, nodeTypes } }, nodes: { ...built.nodes, type } };
    const [foo, bar] = [1, 2].map((v) => snapshot.nodes.name[v]!);
    expect(bar).toBe(foo! + 1);
    const { classOf, names } = computeClassNames(snapshot);
    expect(Array.from(classOf, (c) => names[c]!)).toEqual(['(synthetic)', 'Foo', 'bar()']);
  });

  it('works without a detachedness field (older V8)', () => {
    const b = new SnapshotBuilder({ nodeFields: NODE_FIELDS_LEGACY });
    b.node('<p class="x">', 8, { type: 'native' });
    expect(classesOf(b)[1]).toBe('<p>');
  });

  describe('plain Object interfaces', () => {
    function plain(b: SnapshotBuilder, props: string[]) {
      const o = b.node('Object', 16);
      for (const p of props) o.edge(b.node('x', 8, { type: 'string' }), 'property', p);
      o.edge(b.node('Object', 16), 'property', '__proto__');
      return o;
    }

    it('groups plain objects seen at least twice by their property names, skipping __proto__', () => {
      const b = new SnapshotBuilder();
      const a = plain(b, ['id', 'name']);
      const c = plain(b, ['id', 'name']);
      const lone = plain(b, ['only']);
      const names = classesOf(b);
      expect(names[a.ordinal]).toBe('{id, name}');
      expect(names[c.ordinal]).toBe('{id, name}');
      expect(names[lone.ordinal]).toBe('Object');
    });

    it('gives an object the kept interface with the most properties it has', () => {
      const b = new SnapshotBuilder();
      plain(b, ['a']);
      plain(b, ['a']);
      plain(b, ['a', 'b']);
      plain(b, ['a', 'b']);
      const wide = plain(b, ['b', 'c', 'a']);
      const narrow = plain(b, ['a', 'z']);
      const names = classesOf(b);
      expect(names[wide.ordinal]).toBe('{a, b}');
      expect(names[narrow.ordinal]).toBe('{a}');
    });

    it('prefers the more popular interface when two have as many properties', () => {
      const b = new SnapshotBuilder();
      for (let i = 0; i < 3; i++) plain(b, ['a', 'x']);
      for (let i = 0; i < 2; i++) plain(b, ['a', 'y']);
      const both = plain(b, ['y', 'x', 'a']);
      expect(classesOf(b)[both.ordinal]).toBe('{a, x}');
    });

    it('does not treat objects without properties as an interface', () => {
      const b = new SnapshotBuilder();
      const e1 = b.node('Object', 16);
      const e2 = b.node('Object', 16);
      const names = classesOf(b);
      expect(names[e1.ordinal]).toBe('Object');
      expect(names[e2.ordinal]).toBe('Object');
    });

    it('quotes property names with commas, quotes or braces and stops adding properties near 120 characters', () => {
      const b = new SnapshotBuilder();
      const long = Array.from({ length: 40 }, (_, i) => `property${i}`);
      const q1 = plain(b, ['a,b', 'c']);
      plain(b, ['a,b', 'c']);
      const l1 = plain(b, long);
      plain(b, long);
      const names = classesOf(b);
      expect(names[q1.ordinal]).toBe('{"a,b", c}');
      // DevTools stops once the name so far plus the next property would pass 120 characters.
      expect(names[l1.ordinal]!.length).toBeLessThanOrEqual(123);
      expect(names[l1.ordinal]!.length).toBeGreaterThan(105);
      expect(names[l1.ordinal]).toMatch(/^\{property0, property1, .*\}$/);
    });

    it('leaves objects of other constructors alone', () => {
      const b = new SnapshotBuilder();
      const m1 = b.node('Message', 16);
      const m2 = b.node('Message', 16);
      for (const m of [m1, m2]) m.edge(b.node('t', 8, { type: 'string' }), 'property', 'text');
      expect(classesOf(b)[m1.ordinal]).toBe('Message');
    });
  });
});
