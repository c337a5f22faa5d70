/**
 * The replica sync measured step by step (db/README.md "The data version and the
 * incremental sync"), each step in its own process so it starts cold:
 *
 * - `node dist/bench/replica-sync-phase.js build SIZE DATA_DIR`: an embedded database (scale-database.ts);
 * - `… version DATA_DIR`: the data version read as before (a scan of `verbatims`) and now (the version row);
 * - `… sync DATA_DIR FILE incremental|full`: brings the replica FILE to the data, in a report's snapshot
 *   (`full`: the policy allows no incremental sync, so it rebuilds);
 * - `… grow DATA_DIR N`: imports and enriches N more generated verbatims through the product's writers.
 *
 * Prints one JSON line of seconds. With `DATABASE_URL` set, every step works on that PostgreSQL
 * database instead of the one under DATA_DIR (which still names the steps' folder).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Verbatim } from '../core/verbatim.js';
import { phaseTimer, usageExit } from './phase-timer.js';

process.env['DOTENV_CONFIG_QUIET'] ??= 'true';
const [mode, ...rest] = process.argv.slice(2);
const usage = (): never => usageExit('replica-sync-phase.js build SIZE DATA_DIR | version DATA_DIR | sync DATA_DIR FILE incremental|full | grow DATA_DIR N');

const { openDatabase } = await import('../db/open-database.js');
const { result, timed } = phaseTimer();
const dataDir = mode === 'build' ? rest[1] : rest[0];
if (dataDir === undefined) usage();
const databaseUrl = process.env['DATABASE_URL'] === '' ? undefined : process.env['DATABASE_URL'];
const opened = await openDatabase(databaseUrl === undefined ? { dataDir: dataDir as string } : { databaseUrl });
const { db } = opened;
try {
  if (mode === 'build') {
    const size = Number(rest[0]);
    if (!Number.isInteger(size) || size < 1) usage();
    const { buildScaleDatabase } = await import('./scale-database.js');
    await timed('build_s', () => buildScaleDatabase(db, size));
  } else if (mode === 'version') {
    const { readDataVersion } = await import('../db/data-version.js');
    // What readDataVersion('replica') ran before the version row: a scan of verbatims.
    const scan = () => sql`select concat_ws('/',
        (select concat_ws(':', count(*), max(enriched_at), max(imported_at)) from verbatims),
        (select concat_ws(':', max(version) filter (where active), max(retagged_at)) from taxonomy_versions)) as version`.execute(db);
    await timed('scan_first_s', scan);
    await timed('scan_again_s', scan);
    await timed('row_first_s', () => readDataVersion(db, 'replica'));
    await timed('row_again_s', () => readDataVersion(db, 'replica'));
  } else if (mode === 'sync' && rest[1] !== undefined && (rest[2] === 'incremental' || rest[2] === 'full')) {
    const file = rest[1];
    const { syncReplica } = await import('../db/analytics-replica.js');
    const options = rest[2] === 'full' ? { policy: { maxShare: 0, floor: 0 } } : {};
    await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (snapshot) => {
        const replica = await timed('sync_s', () => syncReplica(snapshot, file, options));
        result['written'] = replica.rebuilt !== null ? `rebuilt ${replica.rebuilt.verbatims}` : replica.applied !== null ? `applied ${replica.applied.changed}` : 'kept';
        replica.close();
      });
  } else if (mode === 'grow') {
    const n = Number(rest[1]);
    if (!Number.isInteger(n) || n < 1) usage();
    const [{ writeCorpus }, { readSurveyFile }, { insertRemembered }, { pendingVerbatims, saveEnrichments }, { createFastModels }, { createPipeline }, { InProcessRunner }] = await Promise.all([
      import('./corpus.js'),
      import('../imports/import-file.js'),
      import('../db/insert-remembered.js'),
      import('../db/verbatims.table.js'),
      import('../models/fast-tier.js'),
      import('../pipeline/create-pipeline.js'),
      import('../pipeline/in-process-runner.js'),
    ]);
    const scratch = await mkdtemp(path.join(tmpdir(), 'verbatim-sync-grow-'));
    try {
      const corpus = path.join(scratch, 'more.jsonl');
      await writeCorpus(corpus, n, Date.now() % 100_000);
      const batch: Verbatim[] = [];
      for await (const event of readSurveyFile(corpus, { source: `grow-${Date.now()}` })) if (event.kind === 'record') batch.push(event.verbatim);
      await timed('import_s', () => insertRemembered(db, batch));
      const pipeline = createPipeline(await createFastModels());
      await timed('enrich_s', () =>
        new InProcessRunner({ concurrency: 2 }).run({ source: pendingVerbatims(db, { batchSize: 500 }), pipeline, sink: { write: async (items) => void (await saveEnrichments(db, items)) } }),
      );
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  } else {
    usage();
  }
} finally {
  await opened.close();
}
result['peak_rss_mb'] = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(`${JSON.stringify(result)}\n`);
