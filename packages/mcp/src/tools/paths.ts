import { z } from 'zod';
import { pathsAnswer } from '../answers.js';
import { idInput, pathChoiceInputs, pathChoiceOf, snapshotInput } from './inputs.js';
import { defineTool, loadSnapshot } from './tool.js';

export const pathsTool = defineTool({
  name: 'paths',
  title: 'What keeps objects alive',
  description:
    'Retaining paths in one heap snapshot, from the program\'s own code where one exists (shortestPaths: the plain shortest ones; avoid: around a retainer). With className: the paths of all its instances grouped by shape (array indices folded), largest groups first, each with its object count, retained size and an example object id. With id: that object\'s path step by step. Paths stop at the first global or module scope unless allRoots.',
  inputSchema: {
    snapshot: snapshotInput,
    className: z.string().min(1).optional().describe('Class name as the summary and diff tools show it, e.g. "ChatMessage"'),
    id: idInput.optional(),
    limit: z.number().int().min(1).max(20).default(5).describe('Path groups shown (with className)'),
    allRoots: z.boolean().default(false).describe('Walk up into V8 internals to the GC roots instead of stopping at globals and module scopes'),
    ...pathChoiceInputs,
  },
  run: async (args, context) => pathsAnswer(args.snapshot, await loadSnapshot(context, args.snapshot), { ...args, pathChoice: pathChoiceOf(args) }),
});
