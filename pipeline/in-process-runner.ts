import PQueue from 'p-queue';
import type { RunOptions, RunResult } from './runner.js';

export interface InProcessRunnerOptions {
  /** Batches in flight at once (enrichment of one overlaps the write of another). */
  readonly concurrency?: number;
}

/**
 * The default runner: one process, a p-queue with bounded concurrency. The source
 * is read only when a slot is free, so memory stays flat however large the input.
 *
 * @example await new InProcessRunner({ concurrency: 2 }).run({ source, pipeline, sink })
 */
export class InProcessRunner {
  readonly #concurrency: number;

  constructor(options: InProcessRunnerOptions = {}) {
    const concurrency = options.concurrency ?? 2;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new TypeError(`Expected \`concurrency\` to be a number from 1 and up, got \`${concurrency}\` (${typeof concurrency})`);
    }
    this.#concurrency = concurrency;
  }

  async run(options: RunOptions): Promise<RunResult> {
    const signal = options.signal ?? new AbortController().signal;
    const ctx = { signal, now: options.now ?? (() => new Date()) };
    const queue = new PQueue({ concurrency: this.#concurrency });
    const failed: { id: string; reason: string }[] = [];
    let processed = 0;
    let batches = 0;

    for await (const batch of options.source) {
      // One turn of the event loop a batch: with an in-process database (PGlite) and the models on this
      // thread, the run is all promises and would otherwise never reach the loop's I/O phase, where
      // signals (SIGTERM, Ctrl-C) are delivered, before it ends.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (signal.aborted) break;
      // Backpressure: never more than `concurrency` batches queued beyond those running.
      await queue.onSizeLessThan(this.#concurrency);
      void queue.add(async () => {
        try {
          const enriched = await options.pipeline.enrich(batch, ctx);
          await options.sink.write(enriched);
          processed += enriched.length;
          batches += 1;
          options.onProgress?.(processed);
        } catch (error) {
          // Stopped (SIGTERM, Ctrl-C): the batch was not enriched, not refused. It stays pending for the
          // next run and counts as no failure (a failure count can take a verbatim out of the pending set).
          if (signal.aborted) return;
          if (batch.length === 1) {
            failed.push({ id: batch[0]?.id ?? '', reason: reasonOf(error) });
            return;
          }
          // One bad verbatim must not fail the others of its batch, run after run: retry them one by one,
          // so only the verbatim that throws on its own is reported (and stays pending).
          batches += 1;
          for (const verbatim of batch) {
            try {
              const enriched = await options.pipeline.enrich([verbatim], ctx);
              await options.sink.write(enriched);
              processed += enriched.length;
              options.onProgress?.(processed);
            } catch (single) {
              if (signal.aborted) return;
              failed.push({ id: verbatim.id, reason: reasonOf(single) });
            }
          }
        }
      });
    }
    await queue.onIdle();
    return { processed, batches, failed };
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
