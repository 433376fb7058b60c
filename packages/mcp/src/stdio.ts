// `heaptrail mcp`: the server on this process's stdin/stdout. stdout carries only the
// protocol; log lines go to stderr. The process ends when the client closes stdin.

import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { createServer } from './server.js';

export interface StdioServerOptions {
  /** Bytes; default half of the machine's memory. */
  readonly maxMemory?: number;
  readonly cwd?: string;
  readonly version?: string;
  readonly log?: (line: string) => void;
  /** Keep analysed snapshots on disk here between runs (heaptrail's --cache). */
  readonly cacheDir?: string;
}

/** Half the machine: room for the cached graphs and for analysing one more snapshot next to them. */
export function defaultMaxMemory(): number {
  return Math.floor(totalmem() / 2);
}

/** Serves until stdin ends; resolves then. */
export async function runStdioServer(options: StdioServerOptions = {}): Promise<void> {
  const { server } = createServer({
    maxMemory: options.maxMemory ?? defaultMaxMemory(),
    cwd: options.cwd ?? process.cwd(),
    version: options.version ?? packageVersion(),
    log: options.log ?? ((line) => process.stderr.write(`heaptrail mcp: ${line}\n`)),
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
  });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => void server.close().then(resolve, resolve));
  });
  await server.connect(transport);
  // Someone trying the command in a terminal: the protocol is for an MCP client.
  if (process.stdin.isTTY) process.stderr.write('heaptrail mcp: serving the Model Context Protocol on stdin/stdout, for an MCP client to start (see its README); Ctrl-D ends\n');
  await closed;
}

/** This package's version, told to clients at the handshake. */
function packageVersion(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
