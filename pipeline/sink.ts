import type { EnrichedVerbatim, Verbatim } from '../core/verbatim.js';

/** Where enriched verbatims go: the database, a JSONL file, a queue. The pipeline knows no more. */
export interface Sink {
  /** Writes one batch; must be idempotent (a batch written twice leaves one copy). */
  write(batch: readonly EnrichedVerbatim[]): Promise<void>;
}

/** Batches of verbatims to enrich; a resumable source yields only what is still pending. */
export type VerbatimSource = AsyncIterable<readonly Verbatim[]>;
