// Finds the target to snapshot on an inspector's HTTP endpoint: GET /json/list
// lists Node's one target (type "node") or Chromium's tabs (type "page").

import { get } from 'node:http';
import { RecordError } from '../errors.js';

interface TargetInfo {
  readonly type?: string;
  readonly url?: string;
  readonly webSocketDebuggerUrl?: string;
}

/** The first Node target, else the first page; rejects with one line when there is none. */
export async function discoverTarget(host: string, port: number, timeoutMs = 5000): Promise<string> {
  const where = `${host}:${port}`;
  const body = await httpGet(host, port, '/json/list', timeoutMs);
  let targets: TargetInfo[];
  try {
    targets = JSON.parse(body) as TargetInfo[];
  } catch {
    throw new RecordError(`the inspector at ${where} answered /json/list with something that is not JSON`);
  }
  if (!Array.isArray(targets)) throw new RecordError(`the inspector at ${where} answered /json/list with something that is not a list`);
  const usable = targets.filter((t) => typeof t.webSocketDebuggerUrl === 'string');
  const target = usable.find((t) => t.type === 'node') ?? usable.find((t) => t.type === 'page');
  if (!target) {
    throw new RecordError(`the inspector at ${where} lists no Node or page target that can be attached (is a debugger already connected?)`);
  }
  return target.webSocketDebuggerUrl!;
}

function httpGet(host: string, port: number, path: string, timeoutMs: number): Promise<string> {
  const where = `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const request = get({ host: host.replace(/^\[|\]$/g, ''), port, path, timeout: timeoutMs }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new RecordError(`the inspector at ${where} answered ${path} with HTTP ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      let text = '';
      res.on('data', (s: string) => {
        text += s;
        if (text.length > 4 * 1024 * 1024) request.destroy(new Error('answer too large'));
      });
      res.on('end', () => resolve(text));
      res.on('error', (e) => reject(new RecordError(`cannot read ${path} from the inspector at ${where}: ${e.message}`)));
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('no answer'), { code: 'ETIMEDOUT' })));
    request.on('error', (e: Error & { code?: string }) => reject(new RecordError(`cannot reach the inspector at ${where}: ${e.code ?? e.message}`)));
  });
}
