import type { EnrichedVerbatim, Verbatim } from '../core/verbatim.js';
import type { Pipeline } from './create-pipeline.js';
import type { StageContext } from './stage.js';

/** A verbatim the pipeline threw on, and why. */
export interface FailedVerbatim {
  readonly verbatim: Verbatim;
  readonly reason: string;
}

/** A batch through the pipeline: what it enriched, in order, and what it failed on. */
export interface IsolatedEnrichment {
  readonly enriched: EnrichedVerbatim[];
  readonly failed: FailedVerbatim[];
}

/**
 * Enriches a batch; when the batch throws, its verbatims are tried one by one so that
 * one bad verbatim fails alone, not its batch (as the in-process enrich runner does).
 * A stop (the signal aborted) is not a failure: it rejects, and nothing is to be stored.
 *
 * @example const { enriched, failed } = await enrichIsolatingFailures(pipeline, batch, { signal, now })
 */
export async function enrichIsolatingFailures(pipeline: Pipeline, batch: readonly Verbatim[], ctx: StageContext): Promise<IsolatedEnrichment> {
  if (batch.length === 0) return { enriched: [], failed: [] };
  try {
    return { enriched: await pipeline.enrich(batch, ctx), failed: [] };
  } catch (error) {
    ctx.signal.throwIfAborted();
    if (batch.length === 1) return { enriched: [], failed: [{ verbatim: batch[0] as Verbatim, reason: reasonOf(error) }] };
  }
  const enriched: EnrichedVerbatim[] = [];
  const failed: FailedVerbatim[] = [];
  for (const verbatim of batch) {
    try {
      enriched.push(...(await pipeline.enrich([verbatim], ctx)));
    } catch (single) {
      ctx.signal.throwIfAborted();
      failed.push({ verbatim, reason: reasonOf(single) });
    }
  }
  return { enriched, failed };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
