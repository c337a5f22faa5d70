import { performance } from 'node:perf_hooks';

/** The seconds a bench phase measured, by step name, printed as one JSON line at the end. */
export interface PhaseTimer {
  readonly result: Record<string, number | string>;
  /** Runs `work` and records its wall time in seconds under `name`. */
  timed<T>(name: string, work: () => Promise<T>): Promise<T>;
}

/** A fresh record of timings for one phase process (`replica-phase.ts`, `replica-sync-phase.ts`). */
export function phaseTimer(): PhaseTimer {
  const result: Record<string, number | string> = {};
  return {
    result,
    timed: async (name, work) => {
      const start = performance.now();
      const value = await work();
      result[name] = (performance.now() - start) / 1000;
      return value;
    },
  };
}

/** Prints `line` on stderr and ends the process with status 1: a phase started with the wrong arguments. */
export function usageExit(line: string): never {
  process.stderr.write(`usage: ${line}\n`);
  process.exit(1);
}
