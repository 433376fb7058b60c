// `heaptrail mcp`: the analyses as Model Context Protocol tools over stdio, for an AI
// assistant to call. The server and its SDK load only when this command runs, so the
// other commands start without them.

import { CACHE, cacheDir } from '../cache-option.js';
import { defineCommand } from '../command.js';
import { EXIT_OK, UsageError } from '../errors.js';

export const mcpCommand = defineCommand({
  command: 'mcp',
  describe: 'Serve diff, summary, dominators, paths and object as MCP tools over stdio (for AI assistants)',
  builder: (y) =>
    y.option('max-memory', {
      type: 'string',
      defaultDescription: 'half the machine\'s memory',
      describe: 'Memory for analysed snapshots kept between calls (bytes, or with k/M/G); least recently used dropped first',
    }).option('cache', CACHE),
  examples: [
    ['$0 mcp', 'Started by an MCP client, configured as {"command": "npx", "args": ["heaptrail", "mcp"]}'],
    ['$0 mcp --max-memory 4G', 'Keep at most 4 GiB of analysed snapshots'],
    ['$0 mcp --cache', 'Also keep analysed snapshots on disk (~/.cache/heaptrail), read back after a restart'],
  ],
  handler: async (args, io) => {
    const { parseByteSize, runStdioServer } = await import('@heaptrail/mcp');
    let maxMemory: number | undefined;
    if (args.maxMemory !== undefined) {
      maxMemory = parseByteSize(args.maxMemory);
      if (maxMemory === undefined) throw new UsageError(`--max-memory must be a size in bytes like 512M or 4G, got ${JSON.stringify(args.maxMemory)}`);
    }
    const dir = cacheDir(args.cache, io.env, io.cwd);
    await runStdioServer({ cwd: io.cwd, ...(maxMemory !== undefined ? { maxMemory } : {}), ...(dir !== undefined ? { cacheDir: dir } : {}) });
    return EXIT_OK;
  },
});
