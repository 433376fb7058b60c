import { z } from 'zod';
import { objectAnswer } from '../object-view.js';
import { idInput, snapshotInput } from './inputs.js';
import { defineTool, loadSnapshot } from './tool.js';

export const objectTool = defineTool({
  name: 'object',
  title: 'One object, its edges and retainers',
  description:
    'One object of a heap snapshot by id: class, node type, name, self and retained size, its immediate dominator, how far it is from the roots; then a page of its edges out (largest retained target first) and a page of its retainers (the shortest-path one first), each with edge type and name, and the other object\'s id, class and sizes. Totals and nextOffset tell how to page on.',
  inputSchema: {
    snapshot: snapshotInput,
    id: idInput,
    offset: z.number().int().min(0).default(0).describe('First edge and retainer of the page'),
    limit: z.number().int().min(1).max(100).default(20).describe('Edges and retainers per page'),
  },
  run: async (args, context) => objectAnswer(args.snapshot, await loadSnapshot(context, args.snapshot), args),
});
