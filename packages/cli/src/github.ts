// Inside GitHub Actions (GITHUB_ACTIONS=true): annotations for the run's page and
// the Markdown report in the job summary. The annotations go to stderr: the runner
// reads workflow commands from both of a step's streams, and stdout may carry the
// report itself (--format json) that a command must not corrupt.

import { appendFile } from 'node:fs/promises';
import type { DiffResult } from '@heaptrail/diff';
import { renderAnnotations, renderDiffMarkdown } from '@heaptrail/report';
import type { CliIo } from './io.js';

export async function reportToGitHub(result: DiffResult, io: CliIo): Promise<void> {
  if (io.env.GITHUB_ACTIONS !== 'true') return;
  io.stderr.write(renderAnnotations(result));
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (summary === undefined || summary === '') return;
  try {
    await appendFile(summary, renderDiffMarkdown(result) + '\n');
  } catch (e) {
    // The gate's verdict matters more than the summary page: say so and go on.
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    io.stderr.write(`heaptrail: warning: GITHUB_STEP_SUMMARY ${summary}: cannot append (${code})\n`);
  }
}
