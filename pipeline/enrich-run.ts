import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { openDetractorFollowups } from '../db/followups.table.js';
import { refreshPlannerStatistics } from '../db/planner-statistics.js';
import { finishRun, startRun } from '../db/runs.table.js';
import { countPending, pendingVerbatims, saveEnrichments } from '../db/verbatims.table.js';
import type { CliContext } from './context.js';
import type { EnrichmentPipeline } from './enrichment-pipeline.js';
import { withDatabase } from './with-database.js';

export interface DatabaseEnrichResult {
  readonly processed: number;
  readonly failed: number;
  readonly followupsOpened: number;
}

export interface EnrichPendingOptions {
  readonly batchSize: number;
  /** Batches in flight; default: one more than the threads (one being saved while the threads enrich). */
  readonly concurrency?: number;
  /** Enrichment threads; default: `defaultThreads`. */
  readonly threads?: number;
  readonly taxonomy?: string;
  readonly classifier?: string;
  readonly modelDir?: string;
  readonly logEvery?: number;
}

/** `enrichPending` on the configured database, opened and closed around it. */
export function enrichPendingInDatabase(context: CliContext, options: EnrichPendingOptions): Promise<DatabaseEnrichResult> {
  return withDatabase(context, (db) => enrichPending(db, context, options));
}

/**
 * Enriches every pending verbatim with the in-process runner and opens the
 * detractor follow-ups. Stopped half-way (Ctrl-C, a crash), the next call picks up
 * the rest: only rows not yet enriched are read, and each batch is saved in one
 * transaction.
 */
export async function enrichPending(db: Kysely<Database>, context: CliContext, options: EnrichPendingOptions): Promise<DatabaseEnrichResult> {
  const { defaultThreads, openEnrichmentPipeline } = await import('./enrichment-pipeline.js');
  const pipeline = await openEnrichmentPipeline(context, options, options.threads ?? defaultThreads(context, options));
  try {
    return await enrichWith(db, context, pipeline, options.concurrency ?? pipeline.threads + 1, options);
  } finally {
    await pipeline.close();
  }
}

/** The run itself: the pending rows through `pipeline`, a runs row, the follow-ups of the new detractors. */
async function enrichWith(
  db: Kysely<Database>,
  context: CliContext,
  pipeline: EnrichmentPipeline,
  concurrency: number,
  options: EnrichPendingOptions,
): Promise<DatabaseEnrichResult> {
  const [{ InProcessRunner }, { createProgress }] = await Promise.all([import('../pipeline/in-process-runner.js'), import('../pipeline/progress.js')]);
  const total = await countPending(db);
  const runId = await startRun(db, 'enrich', context.now());
  const progress = createProgress({ stream: context.stderr, total, label: 'enrich', intervalMs: (options.logEvery ?? 5) * 1000 });
  const abort = new AbortController();
  const onSignal = (): void => abort.abort();
  process.once('SIGINT', onSignal);
  try {
    const result = await new InProcessRunner({ concurrency }).run({
      source: pendingVerbatims(db, { batchSize: options.batchSize }),
      pipeline,
      sink: { write: async (batch) => void (await saveEnrichments(db, batch, { now: context.now() })) },
      signal: abort.signal,
      now: context.now,
      onProgress: (done) => progress.update(done),
    });
    progress.stop();
    const followupsOpened = await openDetractorFollowups(db, context.now());
    await refreshPlannerStatistics(db);
    const status = abort.signal.aborted ? 'interrupted' : result.failed.length > 0 ? 'failed' : 'succeeded';
    await finishRun(db, runId, status, { processed: result.processed, failed: result.failed.length, followupsOpened }, context.now());
    for (const failure of result.failed.slice(0, 20)) context.stderr.write(`enrich: ${failure.id}: ${failure.reason}\n`);
    return { processed: result.processed, failed: result.failed.length, followupsOpened };
  } finally {
    process.off('SIGINT', onSignal);
  }
}
