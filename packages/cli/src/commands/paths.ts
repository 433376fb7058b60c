import type { HeaptrailCommand } from '../command.js';

// Placeholder until the owner of this command lands it; kept so the command list compiles.
export const pathsCommand: HeaptrailCommand = {
  command: 'paths',
  describe: '(paths: not yet implemented)',
  builder: (y) => y,
  handler: async () => {
    throw new Error('paths is not implemented yet');
  },
};
