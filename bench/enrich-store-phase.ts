/**
 * Where `verbatim enrich` spends its time on the database, in its own process:
 * `node dist/bench/enrich-store-phase.js CORPUS [DATA_DIR] [THREADS] [BATCH]` imports the corpus
 * (JSONL, as `verbatim import`) and enriches it (as `verbatim enrich`, batches of BATCH, default
 * 500 as the command), and prints one JSON
 * line: the enrich wall time, the time spent inside `saveEnrichments` (`save_s`, and its
 * `save_share` of the enrich time), and the seconds of each of its statements
 * (`sql_update_s`, `sql_theme_delete_s`, `sql_theme_insert_s`, `sql_rollup_s`, `sql_version_s`).
 * DATA_DIR: an embedded database (a fresh temporary one if left out); with `DATABASE_URL`
 * set, that PostgreSQL database instead. Run it twice on one DATA_DIR with two corpora to
 * see the cost on a table that already holds rows.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { usageExit } from './phase-timer.js';
import { statementTimer } from './statement-timer.js';

process.env['DOTENV_CONFIG_QUIET'] ??= 'true';
const [corpus, dataDirArg, threadsArg, batchArg] = process.argv.slice(2);
if (corpus === undefined) usageExit('enrich-store-phase.js CORPUS [DATA_DIR] [THREADS] [BATCH]');
const batchSize = batchArg === undefined ? 500 : Number(batchArg);

const { defaultThreads } = await import('../pipeline/enrichment-pipeline.js');
const { openDatabase } = await import('../db/open-database.js');
const { authorSecretFor } = await import('../db/author-keys.js');
const { importStore } = await import('../db/import-store.js');
const { enrichStore } = await import('../db/enrich-store.js');
const { importFiles } = await import('../imports/import-files.js');
const { enrichPending } = await import('../pipeline/enrich-pending.js');

const places = { cwd: process.cwd(), dataDir: path.resolve('.verbatim'), modelDir: undefined };
const threads = threadsArg === undefined ? defaultThreads(places, {}) : Number(threadsArg);
const scratch = dataDirArg === undefined ? await mkdtemp(path.join(tmpdir(), 'verbatim-enrich-store-')) : undefined;
const dataDir = dataDirArg ?? scratch ?? '';
const databaseUrl = process.env['DATABASE_URL'];
const opened = await openDatabase(databaseUrl === undefined ? { dataDir } : { databaseUrl });
const result: Record<string, number> = { threads };
try {
  const importStart = performance.now();
  const secret = await authorSecretFor(opened.db, dataDir);
  const { files } = await importFiles([corpus], { source: 'bench', secret }, importStore(opened.db), () => undefined, new Date());
  result['import_s'] = (performance.now() - importStart) / 1000;
  result['imported'] = files[0]?.inserted ?? 0;

  const statements: Record<string, number> = {};
  const store = enrichStore(opened.db.withPlugin(statementTimer(statements)));
  let saving = 0;
  const timedStore = {
    ...store,
    save: async (...args: Parameters<typeof store.save>): Promise<void> => {
      const start = performance.now();
      await store.save(...args);
      saving += (performance.now() - start) / 1000;
    },
  };
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  const enrichStart = performance.now();
  const run = await enrichPending({ store: timedStore, places, choice: {}, batchSize, threads, now: () => new Date(), log: quiet });
  result['enrich_s'] = (performance.now() - enrichStart) / 1000;
  result['enriched'] = run.processed;
  result['save_s'] = saving;
  result['save_share'] = saving / result['enrich_s'];
  // Worker threads enrich while a statement runs: the process's CPU seconds would be theirs too (see enrich-save-phase.ts).
  for (const [name, seconds] of Object.entries(statements)) if (!name.endsWith('_cpu_s')) result[name] = seconds;
} finally {
  await opened.close();
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
}
result['peak_rss_mb'] = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify(result)}\n`);
