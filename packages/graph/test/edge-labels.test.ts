import { describe, expect, it } from 'vitest';
import { SnapshotBuilder, type EdgeTypeName } from '@heaptrail/parser/builder';
import { edgeLabel, FoldedLabels } from '../src/edge-labels.js';

function label(type: EdgeTypeName, name: string | number, folded = false): string {
  const b = new SnapshotBuilder();
  b.root.edge(b.node('X'), type, name);
  return edgeLabel(b.build(), 0, folded);
}

describe('edgeLabel()', () => {
  it('writes properties as .name and quotes names that are not identifiers', () => {
    expect(label('property', 'history')).toBe('.history');
    expect(label('property', '$el_2')).toBe('.$el_2');
    expect(label('property', 'two words')).toBe('["two words"]');
    expect(label('property', '123')).toBe('["123"]');
    expect(label('property', '<symbol Symbol.iterator>')).toBe('[Symbol(Symbol.iterator)]');
  });

  it('writes elements as [index] and context variables as ::name', () => {
    expect(label('element', 3)).toBe('[3]');
    expect(label('context', 'agent')).toBe('::agent');
  });

  it('writes V8 internal, hidden, shortcut and weak edges in parentheses', () => {
    expect(label('internal', 'elements')).toBe('(internal elements)');
    expect(label('hidden', 4)).toBe('(hidden)');
    expect(label('shortcut', 'global')).toBe('(shortcut)');
    expect(label('weak', 'target')).toBe('(weak)');
  });

  it('folds array indices and numeric names to [] when asked', () => {
    expect(label('element', 17, true)).toBe('[]');
    expect(label('property', '42', true)).toBe('[]');
    expect(label('internal', '1250', true)).toBe('(internal [])');
    expect(label('internal', '1250', false)).toBe('(internal 1250)');
    expect(label('property', 'history', true)).toBe('.history');
  });

  it('drops the slot number of Blink internal edges when folding', () => {
    expect(label('internal', '117 / V8PerContextData::context_', true)).toBe('(internal V8PerContextData::context_)');
    expect(label('internal', '117 / V8PerContextData::context_')).toBe('(internal 117 / V8PerContextData::context_)');
  });

  it('folds WeakMap ephemeron edges, whose names carry node ids', () => {
    const name = '3 / part of key (Key @5) -> value (Value @7) pair in WeakMap (table @9)';
    expect(label('internal', name, true)).toBe('(internal WeakMap value)');
  });
});

describe('FoldedLabels', () => {
  it('gives elements with different indices one id, and different property names different ids', () => {
    const b = new SnapshotBuilder();
    const arr = b.node('Array');
    b.root.edge(arr, 'property', 'a').edge(arr, 'property', 'b');
    arr.edge(b.node('X'), 'element', 0).edge(b.node('X'), 'element', 9);
    const s = b.build();
    const labels = new FoldedLabels(s);
    expect(labels.id(2)).toBe(labels.id(3));
    expect(labels.id(0)).not.toBe(labels.id(1));
    expect(labels.labels[labels.id(3)]).toBe('[]');
  });
});
