import { createReadStream, createWriteStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { UsageError } from '../core/errors.js';
import { DEFAULT_FOLLOWUP_CUTOFF, type FollowupCutoff } from '../db/followups.table.js';
import type { EnrichRunResult } from '../pipeline/enrich-run.js';
import type { SentimentChoice } from '../pipeline/load-models.js';
import { modelPlaces, type CliContext } from './context.js';
import { alertsAfterWrite } from './alerts.js';
import { FOLLOWUPS_SINCE_HELP, followupsSince, olderDetractorsNote } from './followups-since.js';
import { withEnrichModelOptions } from './model-options.js';
import { oneOf, positiveInteger, seconds } from './option-parsers.js';
import type { CommandRegistration } from './program.js';
import { queueSettingsFrom, requirePostgres } from './queue-environment.js';
import { NO_REPLICA_SYNC_HELP, syncReplicaAfterWrite } from './replica-after-write.js';
import { withDatabase } from './with-database.js';
import { syncTaxonomyThemes } from './taxonomy-themes.js';

const RUNNERS = ['inprocess', 'bullmq'] as const;
type RunnerName = (typeof RUNNERS)[number];

interface EnrichOptions {
  readonly in?: string;
  readonly out?: string;
  readonly runner: RunnerName;
  readonly batchSize: number;
  readonly concurrency?: number;
  readonly threads?: number;
  readonly taxonomy?: string;
  readonly classifier?: string;
  readonly modelDir?: string;
  readonly sentiment?: SentimentChoice;
  readonly logEvery: number;
  readonly followupsSince?: FollowupCutoff;
  /** False with `--no-replica-sync`. */
  readonly replicaSync: boolean;
}

/** A run's result and the summary's word on the detractors the cut-off left out ('' when none). */
type EnrichSummary = EnrichRunResult & { readonly olderNote: string };

/**
 * `verbatim enrich`: the pending verbatims of the database, or — with `--in`/`--out` —
 * stateless pipe mode over JSONL (`-` = stdin/stdout; stdout then carries only JSON lines).
 */
export const registerEnrich: CommandRegistration = (program, context) => {
  withEnrichModelOptions(program.command('enrich'), { batchSize: 500 })
    .description('enrich what is pending in the database, or JSONL with --in/--out (pipe mode, no database)')
    .option('--in <file>', 'pipe mode input (JSONL, - = stdin)')
    .option('--out <file>', 'pipe mode output (JSONL, - = stdout)')
    .option('--runner <name>', `${RUNNERS.join(' | ')} (bullmq: queue jobs for \`verbatim worker\` processes; needs REDIS_URL, DATABASE_URL)`, oneOf(RUNNERS), 'inprocess')
    .option('--concurrency <n>', 'batches in flight (in-process runner; default: one more than the threads)', positiveInteger)
    .option('--log-every <seconds>', 'progress line interval when stderr is not a terminal', seconds, 5)
    .option('--followups-since <DATE|Nd|all>', FOLLOWUPS_SINCE_HELP, followupsSince)
    .option('--no-replica-sync', NO_REPLICA_SYNC_HELP)
    .action(async (options: EnrichOptions) => {
      if ((options.in === undefined) !== (options.out === undefined)) throw new UsageError('pipe mode needs both --in and --out');
      if (options.in !== undefined && options.out !== undefined) {
        if (options.followupsSince !== undefined) throw new UsageError('pipe mode opens no follow-ups: --followups-since does not apply');
        if (!options.replicaSync) throw new UsageError('pipe mode writes no database: --no-replica-sync does not apply');
        await enrichPipeMode(context, options.in, options.out, options);
        return;
      }
      const result = options.runner === 'bullmq' ? await enrichWithQueue(context, options) : await enrichInProcess(context, options);
      context.stdout.write(`enriched ${result.processed} verbatims${result.failed > 0 ? `, ${result.failed} failed (still pending)` : ''}\n`);
      // On stderr with the run's other notices: stdout keeps its one summary line for scripts.
      if (result.followupsOpened > 0) context.stderr.write(`enrich: ${result.followupsOpened} detractor follow-ups opened (callback due 48 h after the answer)\n`);
      if (result.olderNote !== '') context.stderr.write(`enrich: ${result.olderNote}\n`);
    });
};

/** The default runner: the models in this process (on threads), the run through pipeline/enrich-run.ts. */
async function enrichInProcess(context: CliContext, options: EnrichOptions): Promise<EnrichSummary> {
  const [{ enrichPending }, { enrichStore }] = await Promise.all([import('../pipeline/enrich-pending.js'), import('../db/enrich-store.js')]);
  const cutoff = options.followupsSince ?? DEFAULT_FOLLOWUP_CUTOFF;
  return withDatabase(context, async (db) => {
    // The active taxonomy version (or --taxonomy); reports label themes from it.
    const choice = await syncTaxonomyThemes(db, modelPlaces(context), options, context.now());
    const result = await enrichPending({
      store: enrichStore(db, { cutoff }),
      places: modelPlaces(context),
      choice,
      batchSize: options.batchSize,
      ...(options.threads === undefined ? {} : { threads: options.threads }),
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      now: context.now,
      log: context.stderr,
      logEveryMs: options.logEvery * 1000,
    });
    await alertsAfterWrite(context, db, 'enrich');
    if (options.replicaSync) await syncReplicaAfterWrite(context, db);
    return { ...result, olderNote: await olderDetractorsNote(db, cutoff, context.now()) };
  });
}

/**
 * `enrich --runner bullmq`: the same run, its batches queued for the `verbatim worker`
 * processes. The options that only the workers can honour are refused, not ignored.
 */
async function enrichWithQueue(context: CliContext, options: EnrichOptions): Promise<EnrichSummary> {
  const settings = queueSettingsFrom(context.env, 'enrich --runner bullmq');
  requirePostgres(context.env, 'enrich --runner bullmq');
  for (const [option, value] of [['--taxonomy', options.taxonomy], ['--classifier', options.classifier], ['--model-dir', options.modelDir], ['--sentiment', options.sentiment]] as const) {
    if (value !== undefined) throw new UsageError(`with --runner bullmq the workers run the models: pass ${option} to \`verbatim worker\``);
  }
  // How much runs at once is each worker's to say; taken silently here, it would change nothing.
  for (const [option, value] of [['--concurrency', options.concurrency], ['--threads', options.threads]] as const) {
    if (value !== undefined) throw new UsageError(`with --runner bullmq the workers do the enriching: ${option} does not apply (\`verbatim worker --concurrency N\` sets the jobs at once per worker)`);
  }
  const [{ runEnrich }, { bullmqEnrichRunner }, { enrichStore }] = await Promise.all([
    import('../pipeline/enrich-run.js'),
    import('../pipeline/queue/bullmq-enrich-runner.js'),
    import('../db/enrich-store.js'),
  ]);
  const cutoff = options.followupsSince ?? DEFAULT_FOLLOWUP_CUTOFF;
  return withDatabase(context, async (db) => {
    const store = enrichStore(db, { cutoff });
    const runner = bullmqEnrichRunner(store, { settings, batchSize: options.batchSize });
    const result = await runEnrich({ store, runner, now: context.now, log: context.stderr, logEveryMs: options.logEvery * 1000 });
    await alertsAfterWrite(context, db, 'enrich');
    if (options.replicaSync) await syncReplicaAfterWrite(context, db);
    return { ...result, olderNote: await olderDetractorsNote(db, cutoff, context.now()) };
  });
}

async function enrichPipeMode(context: CliContext, inPath: string, outPath: string, options: EnrichOptions): Promise<void> {
  const [{ defaultConcurrency, defaultThreads, openEnrichmentPipeline }, { runPipeMode }, { createProgress }] = await Promise.all([
    import('../pipeline/enrichment-pipeline.js'),
    import('../pipeline/pipe-mode.js'),
    import('../pipeline/progress.js'),
  ]);
  const input: Readable = inPath === '-' ? context.stdin : createReadStream(inPath);
  const progress = createProgress({ stream: context.stderr, total: null, label: 'enrich', intervalMs: options.logEvery * 1000 });
  const opened = new Promise<void>((resolve, reject) => {
    input.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new UsageError(`${inPath}: no such file`) : error),
    );
    input.once('readable', resolve);
    input.once('end', resolve);
  });
  await opened;
  // Opened only once the input is known to be readable: a missing input must not truncate an existing output.
  const output: Writable = outPath === '-' ? context.stdout : createWriteStream(outPath);
  const places = modelPlaces(context);
  const pipeline = await openEnrichmentPipeline(places, options, options.threads ?? defaultThreads(places, options));
  let result;
  try {
    const concurrency = options.concurrency ?? defaultConcurrency(pipeline.threads);
    result = await runPipeMode({ input, output, pipeline, batchSize: options.batchSize, concurrency, onProgress: (done) => progress.update(done) });
  } finally {
    await pipeline.close();
  }
  progress.stop();
  if (output !== context.stdout) {
    output.end();
    await finished(output);
  }
  context.stderr.write(`enrich: ${result.lines} lines, ${result.errors} error lines\n`);
}
