import type { HeaptrailCommand } from '../command.js';

// Placeholder until the owner of this command lands it; kept so the command list compiles.
export const infoCommand: HeaptrailCommand = {
  command: 'info',
  describe: '(info: not yet implemented)',
  builder: (y) => y,
  handler: async () => {
    throw new Error('info is not implemented yet');
  },
};
