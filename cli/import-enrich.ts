import type { Kysely } from 'kysely';
import type { FollowupCutoff } from '../db/followups.table.js';
import type { ReplicaFeed } from '../db/replica-feed.js';
import type { Database } from '../db/schema.js';
import type { IngestOptions } from '../imports/ingest.js';
import type { ImportFilesResult } from '../imports/import-files.js';
import { modelPlaces, type CliContext } from './context.js';
import { boundHeapGrowth } from './heap-growth.js';
import type { EnrichModelOptions } from './model-options.js';
import { openReplicaFeedForWrite } from './replica-after-write.js';
import { syncTaxonomyThemes } from './taxonomy-themes.js';

/** Verbatims per batch of `import --enrich` (bench/import-enrich-phase.ts: see db/README.md "One pass"). */
export const IMPORT_ENRICH_BATCH_SIZE = 2_000;

/** Files imported with the same options (a source, a respondent …). */
export interface ImportJob {
  readonly files: readonly string[];
  readonly ingest: IngestOptions;
}

/** How `importEnriched` runs: `feedReplica` feeds the analytics replica as it stores (db/replica-feed.ts). */
export interface ImportEnrichedOptions {
  readonly cutoff: FollowupCutoff;
  readonly model: EnrichModelOptions;
  readonly logEveryMs: number;
  readonly feedReplica?: boolean;
}

/** What `import --enrich` did: each job's import results, and the enrichment's counts over them all. */
export interface EnrichedImportResult {
  readonly jobs: readonly ImportFilesResult[];
  readonly enriched: number;
  /** Stored pending: the pipeline failed on them (`verbatim enrich` tries them again). */
  readonly failed: number;
  /** With `feedReplica`: the analytics replica fed as the batches were stored, for `syncReplicaAfterWrite` to seal (or drop). */
  readonly replicaFeed?: ReplicaFeed;
}

/**
 * `verbatim import FILE... --enrich` (and `verbatim demo`): the files imported with each batch
 * enriched on the enrichment threads before it is stored (pipeline/enriching-import.ts), stored
 * enriched in one transaction a batch (db/enriched-insert.ts), recorded as one enrich run in `runs`.
 * The jobs share the threads (the models load once), one after the other.
 *
 * @example const { jobs, enriched } = await importEnriched(context, db, [{ files: ['nps.csv'], ingest: { secret } }], { cutoff, model: {}, logEveryMs: 5000 })
 */
export async function importEnriched(
  context: CliContext,
  db: Kysely<Database>,
  jobs: readonly ImportJob[],
  options: ImportEnrichedOptions,
): Promise<EnrichedImportResult> {
  const places = modelPlaces(context);
  // The import's heaps (the main thread's above all) held up to 4 times their live data: db/README.md.
  const restoreHeapGrowth = boundHeapGrowth();
  try {
    return await importEnrichedBounded(context, db, jobs, options, places);
  } finally {
    restoreHeapGrowth();
  }
}

/** `importEnriched` itself, its heaps' growth bounded. */
async function importEnrichedBounded(
  context: CliContext,
  db: Kysely<Database>,
  jobs: readonly ImportJob[],
  options: ImportEnrichedOptions,
  places: ReturnType<typeof modelPlaces>,
): Promise<EnrichedImportResult> {
  const [{ defaultThreads, openEnrichmentPipeline }, { createProgress }, { enrichingImport }, { enrichedImportStore }, { importFiles }] = await Promise.all([
    import('../pipeline/enrichment-pipeline.js'),
    import('../pipeline/progress.js'),
    import('../pipeline/enriching-import.js'),
    import('../db/import-store.js'),
    import('../imports/import-files.js'),
  ]);
  const { batchSize = IMPORT_ENRICH_BATCH_SIZE, threads, ...model } = options.model;
  // The active taxonomy version (or --taxonomy), as `verbatim enrich` tags with.
  const choice = await syncTaxonomyThemes(db, places, model, context.now());
  const pipeline = await openEnrichmentPipeline(places, choice, threads ?? defaultThreads(places, choice));
  // Opened after the taxonomy sync (which may bump the data version), before the first batch is stored.
  const replicaFeed = options.feedReplica === true ? await openReplicaFeedForWrite(context, db) : undefined;
  let handedOver = false;
  try {
    const store = enrichedImportStore(db, { cutoff: options.cutoff }, replicaFeed);
    const runId = await store.startRun(context.now());
    const progress = createProgress({ stream: context.stderr, total: null, label: 'import --enrich', intervalMs: options.logEveryMs });
    // One batch a thread being enriched, one more being stored (two on a server, db/import-store.ts).
    const sink = enrichingImport({ pipeline, store, now: context.now, inFlight: pipeline.threads + store.concurrentStores, onProgress: (done) => progress.update(done) });
    const imported: ImportFilesResult[] = [];
    try {
      for (const { files, ingest } of jobs) {
        imported.push(await importFiles(files, { ...ingest, batchSize }, { insert: sink.insert, inFlight: sink.inFlight, finish: store.finish }, (line) => context.stderr.write(line), context.now()));
      }
    } catch (error) {
      await store.finishRun(runId, 'failed', { runner: 'import', error: error instanceof Error ? error.message : String(error) }, context.now());
      throw error;
    } finally {
      progress.stop();
    }
    const { enriched, failed, failedReasons } = sink.totals();
    const unreadable = imported.reduce((sum, job) => sum + job.failures.length, 0);
    const followupsOpened = imported.reduce((sum, job) => sum + job.followupsOpened, 0);
    const stats = { runner: 'import', processed: enriched, failed, followupsOpened, files: jobs.reduce((sum, job) => sum + job.files.length, 0), unreadableFiles: unreadable };
    await store.finishRun(runId, failed > 0 || unreadable > 0 ? 'failed' : 'succeeded', stats, context.now());
    for (const [reason, count] of failedReasons) context.stderr.write(`enrich: ${count} verbatims failed: ${reason}\n`);
    if (failed > 0) context.stderr.write('enrich: the failed verbatims are stored pending: `verbatim enrich` tries them again (3 runs at most)\n');
    handedOver = true;
    return replicaFeed === undefined ? { jobs: imported, enriched, failed } : { jobs: imported, enriched, failed, replicaFeed };
  } finally {
    if (!handedOver) await replicaFeed?.discard();
    await pipeline.close();
  }
}
