// What `--inspect` may name: a WebSocket URL of one target, or the host:port of
// an inspector whose targets are listed at /json/list (Node's --inspect, or
// Chromium's --remote-debugging-port).

import { RecordError } from '../errors.js';

export type InspectorEndpoint =
  | { readonly kind: 'websocket'; readonly url: string }
  | { readonly kind: 'http'; readonly host: string; readonly port: number };

export function parseEndpoint(text: string): InspectorEndpoint {
  if (/^wss?:\/\//i.test(text)) {
    try {
      return { kind: 'websocket', url: new URL(text).href };
    } catch {
      throw new RecordError(`--inspect ${text}: not a valid WebSocket URL`);
    }
  }
  const m = /^(?:(\[[^\]]+\]|[^:/\s]+):)?(\d{1,5})$/.exec(text.replace(/^https?:\/\//i, '').replace(/\/$/, ''));
  const port = m ? Number(m[2]) : NaN;
  if (!m || !(port >= 1 && port <= 65535)) {
    throw new RecordError(`--inspect ${text}: give ws://host:port/<id> or host:port`);
  }
  return { kind: 'http', host: m[1] ?? '127.0.0.1', port };
}
