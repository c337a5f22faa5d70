import type { Pipeline } from './create-pipeline.js';
import type { Sink, VerbatimSource } from './sink.js';

export interface RunOptions {
  readonly source: VerbatimSource;
  readonly pipeline: Pipeline;
  readonly sink: Sink;
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
  /** Called after each batch is written, with the count so far. */
  readonly onProgress?: (processed: number) => void;
}

/** What a run did to every verbatim: enriched, or failed with a reason. */
export interface RunResult {
  readonly processed: number;
  readonly batches: number;
  readonly failed: readonly { readonly id: string; readonly reason: string }[];
}

/**
 * Runs the pipeline over a source into a sink. Resumable by construction: the
 * database source yields only pending verbatims and the sink is idempotent, so a
 * run killed half-way is finished by the next one with no duplicates.
 */
export interface Runner {
  run(options: RunOptions): Promise<RunResult>;
}
