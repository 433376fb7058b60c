// Opens an inspector session to the target: starts the program first when it is
// ours to start. The returned `child` is set only for a started program.

import { InspectorClient } from './cdp/client.js';
import { discoverTarget } from './cdp/discover.js';
import { parseEndpoint } from './cdp/endpoint.js';
import { RecordError } from './errors.js';
import { openInspectorOfPid } from './launch/attach-pid.js';
import { describeExit, launchChild, tail, type LaunchedChild } from './launch/child.js';
import type { RecordTarget } from './target.js';

export interface Connection {
  readonly client: InspectorClient;
  readonly child?: LaunchedChild;
  /** For messages: "the program", "process 123", "the inspector at …". */
  readonly name: string;
}

export interface ConnectOptions {
  readonly timeoutMs: number;
  readonly output: { write(text: string): unknown };
}

export async function connect(target: RecordTarget, options: ConnectOptions): Promise<Connection> {
  switch (target.kind) {
    case 'launch': {
      const child = await launchChild({ ...target, output: options.output, startTimeoutMs: options.timeoutMs });
      try {
        const client = await InspectorClient.connect(child.url, options.timeoutMs);
        return { client, child, name: 'the program' };
      } catch (e) {
        // The usual reason: it exited just after opening its inspector.
        const exit = child.exit ?? (await Promise.race([child.exited, new Promise<undefined>((r) => setTimeout(r, 1000, undefined))]));
        await child.stop(0);
        throw exit ? new RecordError(`the program ${describeExit(exit)} before the first snapshot${tail(child.lastLines())}`) : e;
      }
    }
    case 'inspect': {
      const endpoint = parseEndpoint(target.address);
      const url = endpoint.kind === 'websocket' ? endpoint.url : await discoverTarget(endpoint.host, endpoint.port, options.timeoutMs);
      return { client: await InspectorClient.connect(url, options.timeoutMs), name: `the target at ${target.address}` };
    }
    case 'pid': {
      const endpoint = target.address !== undefined ? parseEndpoint(target.address) : undefined;
      if (endpoint?.kind === 'websocket') throw new RecordError('with --pid, --inspect names host:port (where the process opens its inspector), not a ws:// URL');
      const url = await openInspectorOfPid(target.pid, options.timeoutMs, endpoint?.port, endpoint?.host);
      const client = await InspectorClient.connect(url, options.timeoutMs);
      try {
        await checkPid(client, target.pid);
      } catch (e) {
        client.close();
        throw e;
      }
      return { client, name: `process ${target.pid}` };
    }
  }
}

/** The port may belong to another process that opened it first: ask the target who it is. */
async function checkPid(client: InspectorClient, pid: number): Promise<void> {
  const answer = await client.send<{ result?: { value?: unknown } }>('Runtime.evaluate', { expression: 'process.pid', returnByValue: true });
  const found = answer.result?.value;
  if (found !== pid) {
    throw new RecordError(`the inspector at ${client.url} belongs to ${typeof found === 'number' ? `process ${found}` : 'another target'}, not process ${pid} (give --inspect host:port where ${pid} listens)`);
  }
}
