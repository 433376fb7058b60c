import type { HeaptrailCommand } from '../command.js';

// Placeholder until the owner of this command lands it; kept so the command list compiles.
export const summaryCommand: HeaptrailCommand = {
  command: 'summary',
  describe: '(summary: not yet implemented)',
  builder: (y) => y,
  handler: async () => {
    throw new Error('summary is not implemented yet');
  },
};
