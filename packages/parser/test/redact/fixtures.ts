// Snapshots for the redaction tests, built so that every kind of string use is
// present: values that are also names, values that are nothing else, escapes,
// non-ASCII text, surrogate pairs and lone surrogates, V8's placeholders, and a
// Script with its source and name.

import { SnapshotBuilder } from '@heaptrail/parser/builder';

/** String values that are only values (must be replaced). */
export const SECRETS = [
  'hunter2-password',
  'user@example.com',
  'line\nbreak\t"quoted" back\\slash',
  'ctrl \u0001\u001f end',
  'grüße aus köln €',
  'emoji 😀 and 🎉!',
  'lone \ud800 high and \udc00 low',
  'x',
  'ab',
  'abc',
];

/** Strings used both as a value and as a name (must be kept). */
export const SHARED = ['Session', 'token', 'handler'];

export const SCRIPT_NAME = 'file:///srv/app/billing-secret.js';
export const SCRIPT_SOURCE = 'function handler() { return "sk_live_123"; }';

export function redactionFixture(): SnapshotBuilder {
  const b = new SnapshotBuilder();
  const session = b.node('Session', 64);
  b.root.edge(session, 'property', 'session');
  // A value spelled like the class name and like a property name.
  session.edge(b.node('Session', 20, { type: 'string' }), 'property', 'token');
  session.edge(b.node('token', 20, { type: 'string' }), 'property', 'kind');
  SECRETS.forEach((s, i) => session.edge(b.node(s, 16 + i, { type: 'string' }), 'property', `v${i}`));
  // An empty value and V8's label for a concatenated string.
  session.edge(b.node('', 16, { type: 'string' }), 'property', 'empty');
  const cons = b.node('(concatenated string)', 32, { type: 'concatenated string' });
  session.edge(cons, 'property', 'joined');
  cons.edge(b.node('first half', 16, { type: 'string' }), 'internal', 'first');
  // A closure and its code, named by a function name that is also a string value.
  const closure = b.node('handler', 32, { type: 'closure' });
  session.edge(closure, 'property', 'onData');
  session.edge(b.node('handler', 16, { type: 'string' }), 'property', 'label');
  // A Script as V8 writes it: a code node named by its path, with source and name edges.
  const script = b.node(SCRIPT_NAME, 40, { type: 'code' });
  script.edge(b.node(SCRIPT_SOURCE, 100, { type: 'string' }), 'internal', 'source');
  script.edge(b.node(SCRIPT_NAME, 30, { type: 'string' }), 'internal', 'name');
  const shared = b.node('handler', 24, { type: 'code' });
  closure.edge(shared, 'internal', 'shared');
  shared.edge(script, 'internal', 'script');
  b.location(closure, 7, 12, 3);
  b.location(session, 7, 20, 1);
  return b;
}

/** Two snapshots of one series share a secret; each also has its own. */
export function seriesFixture(extra: string): SnapshotBuilder {
  const b = new SnapshotBuilder();
  const holder = b.node('Holder', 10);
  b.root.edge(holder, 'property', 'holder');
  holder.edge(b.node('shared secret value', 10, { type: 'string' }), 'property', 'a');
  holder.edge(b.node(extra, 10, { type: 'string' }), 'property', 'b');
  return b;
}
