import type { HeaptrailCommand } from '../command.js';

// Placeholder until the owner of this command lands it; kept so the command list compiles.
export const dominatorsCommand: HeaptrailCommand = {
  command: 'dominators',
  describe: '(dominators: not yet implemented)',
  builder: (y) => y,
  handler: async () => {
    throw new Error('dominators is not implemented yet');
  },
};
