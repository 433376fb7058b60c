// Input fields several tools share, described for the model that fills them in.

import { z } from 'zod';

export const snapshotInput = z
  .string()
  .min(1)
  .describe('Path of a .heapsnapshot or .heapsnapshot.gz file; an absolute path is safest (relative ones resolve against the server\'s working directory)');

export const idInput = z.number().int().min(0).describe('Object id: the @number in answers and in Chrome DevTools (without the @)');
