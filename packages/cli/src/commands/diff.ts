import type { HeaptrailCommand } from '../command.js';

// Placeholder until the owner of this command lands it; kept so the command list compiles.
export const diffCommand: HeaptrailCommand = {
  command: 'diff',
  describe: '(diff: not yet implemented)',
  builder: (y) => y,
  handler: async () => {
    throw new Error('diff is not implemented yet');
  },
};
