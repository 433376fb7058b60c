export { buildCli, COMMANDS } from './cli.js';
export { processIo, memoryIo, type CliIo, type TextSink } from './io.js';
export { EXIT_OK, EXIT_BUDGET, EXIT_BAD_INPUT, EXIT_INTERNAL, UsageError } from './errors.js';
export { writeFileAtomic } from './output.js';
