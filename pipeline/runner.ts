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

