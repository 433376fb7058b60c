// The MCP server: the tools registered on the SDK's McpServer. Each call's answer is
// one text block of compact JSON; a failure is a tool error (`isError`) with one line,
// so the model can correct the call and the server goes on.

import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { GraphCache } from '@heaptrail/graph';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { SnapshotCache, type CacheEvent } from './snapshot-cache.js';
import { describeToolError } from './tool-error.js';
import { diffTool, dominatorsTool, objectTool, pathsTool, summaryTool, type HeaptrailTool, type ToolContext, type ToolProgress } from './tools/index.js';
import { analysedSizeLowerBound, loadGraph } from './load-graph.js';

/** Listed in this order. */
export const TOOLS: readonly HeaptrailTool<any>[] = [diffTool, summaryTool, dominatorsTool, pathsTool, objectTool];

export interface ServerOptions {
  /** Memory budget of the snapshot cache, in bytes. */
  readonly maxMemory: number;
  readonly cwd: string;
  readonly version: string;
  /** One line per cache event or internal error (the server's stderr). */
  readonly log?: (line: string) => void;
  /** Also keep analysed snapshots on disk here between runs (heaptrail's --cache). */
  readonly cacheDir?: string;
}

export function createServer(options: ServerOptions): { server: McpServer; cache: SnapshotCache } {
  const log = options.log ?? (() => undefined);
  const onDisk = options.cacheDir !== undefined ? new GraphCache({ dir: options.cacheDir, onNote: log }) : undefined;
  const cache = new SnapshotCache({
    maxBytes: options.maxMemory,
    cwd: options.cwd,
    load: (file, cwd, onRead) => loadGraph(file, cwd, onRead, onDisk),
    lowerBound: analysedSizeLowerBound,
    onEvent: (e) => log(describeEvent(e, cache)),
  });
  const context: ToolContext = { cache, cwd: options.cwd };
  const server = new McpServer(
    { name: 'heaptrail', version: options.version },
    { instructions: 'Tools to find memory leaks in V8 heap snapshots (.heapsnapshot, .heapsnapshot.gz). Start with diff on a series of snapshots of one process, or summary on one; follow ids with paths and object. Snapshots stay loaded between calls, so follow-up calls on the same file are fast.' },
  );
  for (const tool of TOOLS) {
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: tool.inputSchema, annotations: { readOnlyHint: true, openWorldHint: false } },
      (args: Record<string, unknown>, extra: RequestHandlerExtra<ServerRequest, ServerNotification>) => callTool(tool, args, { ...context, progress: progressOf(extra) }, log),
    );
  }
  return { server, cache };
}

async function callTool(tool: HeaptrailTool<any>, args: Record<string, unknown>, context: ToolContext, log: (line: string) => void): Promise<CallToolResult> {
  try {
    const answer = await tool.run(args, context);
    return { content: [{ type: 'text', text: JSON.stringify(answer) }] };
  } catch (e) {
    const { line, internal } = describeToolError(e);
    if (internal) log(`${tool.name}: ${(e as Error)?.stack ?? line}`);
    return { content: [{ type: 'text', text: line }], isError: true };
  }
}

/**
 * Progress notifications for a call whose client sent a progress token (a client may
 * reset its request timeout on each, which a diff of large snapshots needs).
 */
function progressOf(extra: RequestHandlerExtra<ServerRequest, ServerNotification>): ToolProgress | undefined {
  const progressToken = extra._meta?.progressToken;
  if (progressToken === undefined) return undefined;
  let last = -1;
  return (progress, total, message) => {
    // The protocol wants each notification's progress above the last one's.
    if (progress <= last) return;
    last = progress;
    extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress, total, message } }).catch(() => undefined);
  };
}

function describeEvent(e: CacheEvent, cache: SnapshotCache): string {
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  return e.kind === 'loaded'
    ? `loaded ${e.file} in ${(e.ms / 1000).toFixed(2)} s (${mb(e.bytes)}; cache ${mb(cache.usedBytes)} in ${cache.files.length} snapshots)`
    : `evicted ${e.file} (${mb(e.bytes)}) ${e.reason === 'budget' ? 'to stay within --max-memory' : 'as the file has changed'}`;
}
