import { openDetractorFollowups } from '../db/followups.table.js';
import { refreshPlannerStatistics } from '../db/planner-statistics.js';
import { finishRun, startRun } from '../db/runs.table.js';
import { countPending } from '../db/verbatims.table.js';
import { UsageError } from '../core/errors.js';
import type { CliContext } from './context.js';
import type { DatabaseEnrichResult, EnrichPendingOptions } from './enrich-database.js';
import { queueSettingsFrom, requirePostgres } from './queue-environment.js';
import { pendingIdBatches, stillPendingAmong } from './queue-store.js';
import { withDatabase } from './with-database.js';

/** Reasons printed, each with how many verbatims it stopped. */
const REASONS_SHOWN = 20;

/**
 * `enrich --runner bullmq`: queues the pending verbatims as batch jobs for the
 * `verbatim worker` processes, shows one progress bar over all of them, and opens
 * the detractor follow-ups once every job has ended. Ctrl-C stops the waiting,
 * not the work: queued jobs stay queued and the workers go on.
 */
export async function enrichWithQueue(context: CliContext, options: EnrichPendingOptions): Promise<DatabaseEnrichResult> {
  const settings = queueSettingsFrom(context.env, 'enrich --runner bullmq');
  requirePostgres(context.env, 'enrich --runner bullmq');
  for (const [option, value] of [['--taxonomy', options.taxonomy], ['--classifier', options.classifier], ['--model-dir', options.modelDir]] as const) {
    if (value !== undefined) throw new UsageError(`with --runner bullmq the workers run the models: pass ${option} to \`verbatim worker\``);
  }
  // How much runs at once is each worker's to say; taken silently here, it would change nothing.
  for (const [option, value] of [['--concurrency', options.concurrency], ['--threads', options.threads]] as const) {
    if (value !== undefined) throw new UsageError(`with --runner bullmq the workers do the enriching: ${option} does not apply (\`verbatim worker --concurrency N\` sets the jobs at once per worker)`);
  }
  const [{ BullmqRunner }, { createProgress }] = await Promise.all([import('../pipeline/queue/bullmq-runner.js'), import('../pipeline/progress.js')]);
  return withDatabase(context, async (db) => {
    const total = await countPending(db);
    const runId = await startRun(db, 'enrich', context.now());
    const progress = createProgress({ stream: context.stderr, total, label: 'enrich', intervalMs: (options.logEvery ?? 5) * 1000 });
    const abort = new AbortController();
    const onSignal = (): void => abort.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const result = await new BullmqRunner({ settings }).run({
        pendingIds: () => pendingIdBatches(db, options.batchSize),
        stillPending: (ids) => stillPendingAmong(db, ids),
        signal: abort.signal,
        onProgress: (done) => progress.update(done),
        onNotice: (message) => context.stderr.write(`enrich: ${message}\n`),
      });
      progress.stop();
      const followupsOpened = await openDetractorFollowups(db, context.now());
      await refreshPlannerStatistics(db);
      const status = abort.signal.aborted ? 'interrupted' : result.failed.length > 0 ? 'failed' : 'succeeded';
      const stats = {
        runner: 'bullmq',
        queue: settings.name,
        processed: result.processed,
        failed: result.failed.length,
        lostJobs: result.lost,
        unsaved: result.unsaved,
        followupsOpened,
      };
      await finishRun(db, runId, status, stats, context.now());
      if (abort.signal.aborted) context.stderr.write('enrich: stopped waiting; the queued jobs stay queued for the workers\n');
      const byReason = new Map<string, number>();
      for (const failure of result.failed) byReason.set(failure.reason, (byReason.get(failure.reason) ?? 0) + 1);
      for (const [reason, count] of [...byReason].slice(0, REASONS_SHOWN)) context.stderr.write(`enrich: ${count} verbatims failed: ${reason}\n`);
      if (byReason.size > 0) context.stderr.write('enrich: the failed jobs are kept: `verbatim queue status` shows them, `verbatim queue retry-failed` runs them again\n');
      return { processed: result.processed, failed: result.failed.length, followupsOpened };
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  });
}
