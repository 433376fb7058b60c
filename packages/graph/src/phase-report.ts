// Progress of the analysis phases: each reports its start (done = 0) and its end
// (done = total). Phases on two threads overlap, so start and end are separate calls.

import type { AnalyzeOptions, AnalyzePhase } from './types.js';

export interface PhaseReport {
  start(name: AnalyzePhase, total: number): void;
  end(name: AnalyzePhase, total: number): void;
  /** `run()` between a start and an end. */
  run<T>(name: AnalyzePhase, total: number, run: () => T): T;
}

export function phaseReport(onProgress: AnalyzeOptions['onProgress']): PhaseReport {
  const start = (name: AnalyzePhase, total: number) => onProgress?.(name, 0, total);
  const end = (name: AnalyzePhase, total: number) => onProgress?.(name, total, total);
  return {
    start,
    end,
    run(name, total, run) {
      start(name, total);
      const result = run();
      end(name, total);
      return result;
    },
  };
}
