import { SingleBar } from 'cli-progress';
import type { Writable } from 'node:stream';

/** Reports a run's progress: a bar on a terminal, plain lines otherwise (logs, CI). */
export interface ProgressReporter {
  update(done: number): void;
  stop(): void;
}

export interface ProgressOptions {
  readonly stream: Writable & { isTTY?: boolean };
  readonly total: number | null;
  readonly label: string;
  readonly now?: () => number;
  /** Plain mode: at most one line per this many ms. */
  readonly intervalMs?: number;
}

/** A bar with count, rate and ETA on a TTY; otherwise a log line every few seconds and one at the end. */
export function createProgress(options: ProgressOptions): ProgressReporter {
  const now = options.now ?? Date.now;
  const started = now();
  const rate = (done: number): string => {
    const seconds = Math.max((now() - started) / 1000, 1e-3);
    return `${Math.round(done / seconds).toLocaleString('en-US')}/s`;
  };
  if (options.stream.isTTY === true && options.total !== null) {
    const bar = new SingleBar({
      stream: options.stream,
      format: `${options.label} [{bar}] {value}/{total} | {rate} | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: false,
    });
    bar.start(options.total, 0, { rate: '' });
    return {
      update: (done) => bar.update(done, { rate: rate(done) }),
      stop: () => bar.stop(),
    };
  }
  const interval = options.intervalMs ?? 5_000;
  let lastLine = started;
  let last = 0;
  const line = (done: number): void => {
    const of = options.total === null ? '' : `/${options.total}`;
    options.stream.write(`${options.label}: ${done}${of} (${rate(done)})\n`);
  };
  return {
    update: (done) => {
      last = done;
      if (now() - lastLine >= interval) {
        lastLine = now();
        line(done);
      }
    },
    stop: () => line(last),
  };
}
