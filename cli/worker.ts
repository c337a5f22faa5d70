import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { BatchWorkerEvent } from '../pipeline/queue/batch-worker.js';
import { redactRedisUrl, type QueueSettings } from '../pipeline/queue/queue-settings.js';
import type { EnrichmentPipeline } from '../pipeline/enrichment-pipeline.js';
import type { ModelChoice } from '../pipeline/load-models.js';
import { modelPlaces, type CliContext } from './context.js';
import { withModelOptions } from './model-options.js';
import { positiveInteger, seconds } from './option-parsers.js';
import type { CommandRegistration } from './program.js';
import { queueSettingsFrom, requirePostgres } from './queue-environment.js';
import { syncTaxonomyThemes } from './taxonomy-themes.js';
import { withDatabase } from './with-database.js';

interface WorkerOptions extends ModelChoice {
  readonly concurrency: number;
  readonly threads?: number;
  readonly logEvery: number;
}

/** The same Redis error is logged at most this often while the connection is retried. */
const ERROR_LOG_EVERY_MS = 5_000;

/**
 * `verbatim worker`: runs the enrichment batch jobs that `enrich --runner bullmq`
 * queues, on any machine that reaches the same Redis and PostgreSQL. Runs until
 * SIGTERM or Ctrl-C, then finishes (and saves) the jobs in hand and exits; a second
 * signal drops them at once (they come back to the queue as stalled jobs).
 */
export const registerWorker: CommandRegistration = (program, context) => {
  withModelOptions(
    program
      .command('worker')
      .description('scale-out worker: runs queued enrichment jobs (REDIS_URL) against PostgreSQL (DATABASE_URL) until stopped')
      .option('--concurrency <n>', 'batch jobs at once in this process', positiveInteger, 2),
    "1 = in the worker's own thread",
  )
    .option('--log-every <seconds>', 'interval of the throughput line', seconds, 10)
    .action((options: WorkerOptions) => runWorker(context, options));
};

async function runWorker(context: CliContext, options: WorkerOptions): Promise<void> {
  const settings = queueSettingsFrom(context.env, 'worker');
  requirePostgres(context.env, 'worker');
  const { defaultThreads, openEnrichmentPipeline } = await import('../pipeline/enrichment-pipeline.js');
  const places = modelPlaces(context);
  await withDatabase(context, async (db) => {
    // Every worker must load the same models (same taxonomy, classifiers, model folder) for the runs to agree:
    // the taxonomy is the database's active version (what the theme editor applied), as for `enrich`.
    const choice = await syncTaxonomyThemes(db, places, options, context.now());
    // On threads, enrichment also leaves this thread free to renew the job locks in time; more threads
    // than jobs in hand would never be busy.
    const pipeline = await openEnrichmentPipeline(places, choice, options.threads ?? Math.min(options.concurrency, defaultThreads(places, choice)));
    try {
      await serve(db, context, options, settings, pipeline);
    } finally {
      await pipeline.close();
    }
  });
}

/** Takes jobs until a signal, then finishes or drops the ones in hand. */
async function serve(db: Kysely<Database>, context: CliContext, options: WorkerOptions, settings: QueueSettings, pipeline: EnrichmentPipeline): Promise<void> {
  const [{ createBatchProcessor }, { startBatchWorker }, { databaseBatchStore }] = await Promise.all([
    import('../pipeline/queue/batch-processor.js'),
    import('../pipeline/queue/batch-worker.js'),
    import('../db/queue-store.js'),
  ]);
  const log = workerLog(context, options.logEvery * 1000);
  const worker = startBatchWorker({
    settings,
    concurrency: options.concurrency,
    processor: createBatchProcessor({ store: databaseBatchStore(db, context.now), pipeline, now: context.now }),
    name: `${hostname()}:${process.pid}`,
    onEvent: log.event,
  });
  const stopped = untilSignalled(async (signal, count) => {
    if (count === 1) context.stderr.write(`worker: ${signal}: finishing the jobs in hand, then exiting (send it again to stop at once)\n`);
    else context.stderr.write(`worker: ${signal} again: stopping now; the jobs in hand go back to the queue\n`);
    const outcome = await worker.close({ force: count > 1 });
    if (outcome === 'abandoned') {
      context.stderr.write('worker: the queue connection did not close (Redis unreachable?): exiting anyway\n');
      // Its client keeps retrying and would keep the process alive: leave once the database is closed.
      setTimeout(() => process.exit(), 1_000).unref();
    }
  });
  const first = await Promise.race([worker.ready.then(() => 'ready' as const), stopped.then(() => 'stopped' as const)]);
  if (first === 'ready') {
    context.stderr.write(
      `worker: ready on queue ${settings.name} at ${redactRedisUrl(settings.redisUrl)} (pid ${process.pid}, concurrency ${options.concurrency}, threads ${pipeline.threads})\n`,
    );
  }
  await stopped;
  log.stop();
  context.stderr.write('worker: stopped\n');
}

/** Resolves once `onSignal` has handled the first SIGTERM/SIGINT; later signals call it again with a higher count. */
function untilSignalled(onSignal: (signal: NodeJS.Signals, count: number) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    let count = 0;
    const handle = (signal: NodeJS.Signals): void => {
      count += 1;
      onSignal(signal, count).then(() => {
        process.off('SIGTERM', handle);
        process.off('SIGINT', handle);
        resolve();
      }, reject);
    };
    process.on('SIGTERM', handle);
    process.on('SIGINT', handle);
  });
}

/** Failures and stalls at once; a throughput line every `intervalMs`; Redis errors at most every few seconds. */
function workerLog(context: CliContext, intervalMs: number): { event: (event: BatchWorkerEvent) => void; stop: () => void } {
  const started = Date.now();
  let jobs = 0;
  let enriched = 0;
  let skipped = 0;
  let lastError = { message: '', at: 0 };
  const line = (): void => {
    const rate = Math.round(enriched / Math.max((Date.now() - started) / 1000, 1e-3)).toLocaleString('en-US');
    context.stderr.write(`worker: ${jobs} jobs, ${enriched} verbatims enriched, ${skipped} already done (${rate}/s)\n`);
  };
  const timer = intervalMs > 0 ? setInterval(line, intervalMs) : undefined;
  timer?.unref();
  return {
    event: (event) => {
      switch (event.kind) {
        case 'completed':
          jobs += 1;
          enriched += event.result.enriched;
          skipped += event.result.skipped;
          return;
        case 'failed':
          context.stderr.write(`worker: job ${event.jobId} failed${event.willRetry ? ' (will retry)' : ''}: ${event.reason}\n`);
          return;
        case 'stalled':
          context.stderr.write(`worker: job ${event.jobId} stalled (its worker stopped answering): back in the queue\n`);
          return;
        case 'error': {
          const now = Date.now();
          if (event.message !== lastError.message || now - lastError.at >= ERROR_LOG_EVERY_MS) {
            context.stderr.write(`worker: queue: ${event.message}\n`);
            lastError = { message: event.message, at: now };
          }
          return;
        }
      }
    },
    stop: () => {
      if (timer !== undefined) clearInterval(timer);
      line();
    },
  };
}
