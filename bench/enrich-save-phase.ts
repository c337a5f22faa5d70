/**
 * The database side of `verbatim enrich` alone, in its own process:
 * `node dist/bench/enrich-save-phase.js CORPUS [DATA_DIR] [PASSES] [BATCH]` imports the corpus,
 * enriches it in memory first (the fast tier, before any clock starts), then saves it with
 * `enrichStore(db).save` in batches of BATCH (default 500, as `verbatim enrich`), nothing else running,
 * and prints one JSON line: wall and CPU seconds of the saves (`save_s`, `save_cpu_s`) and of
 * each statement (`sql_*_s`, see `statementTimer`). PASSES > 1 saves the same enrichments
 * again through `saveEnrichments` (a re-enrich: theme rows replaced), timed as `resave_*`.
 * CPU seconds are this process's (PGlite runs in it), so they move less than wall time on a
 * machine shared with other work. With `DATABASE_URL` set, that PostgreSQL database instead.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EnrichedVerbatim } from '../core/verbatim.js';
import { usageExit } from './phase-timer.js';
import { statementTimer } from './statement-timer.js';

process.env['DOTENV_CONFIG_QUIET'] ??= 'true';
const [corpus, dataDirArg, passesArg, batchArg] = process.argv.slice(2);
if (corpus === undefined) usageExit('enrich-save-phase.js CORPUS [DATA_DIR] [PASSES] [BATCH]');
const passes = passesArg === undefined ? 1 : Number(passesArg);
const BATCH_SIZE = batchArg === undefined ? 500 : Number(batchArg);

const { openDatabase } = await import('../db/open-database.js');
const { authorSecretFor } = await import('../db/author-keys.js');
const { importStore } = await import('../db/import-store.js');
const { enrichStore } = await import('../db/enrich-store.js');
const { pendingVerbatims, saveEnrichments } = await import('../db/verbatims.table.js');
const { importFiles } = await import('../imports/import-files.js');
const { createFastModels } = await import('../models/fast-tier.js');
const { createPipeline } = await import('../pipeline/create-pipeline.js');

const scratch = dataDirArg === undefined ? await mkdtemp(path.join(tmpdir(), 'verbatim-enrich-save-')) : undefined;
const dataDir = dataDirArg ?? scratch ?? '';
const databaseUrl = process.env['DATABASE_URL'];
const opened = await openDatabase(databaseUrl === undefined ? { dataDir } : { databaseUrl });
const result: Record<string, number> = {};
try {
  const secret = await authorSecretFor(opened.db, dataDir);
  const { files } = await importFiles([corpus], { source: 'bench', secret }, importStore(opened.db), () => undefined, new Date());
  result['imported'] = files[0]?.inserted ?? 0;
  const pipeline = createPipeline(await createFastModels());
  const signal = new AbortController().signal;
  const batches: EnrichedVerbatim[][] = [];
  for await (const batch of pendingVerbatims(opened.db, { batchSize: BATCH_SIZE })) batches.push(await pipeline.enrich(batch, { signal, now: () => new Date() }));

  type Db = typeof opened.db;
  const timedSaves = async (prefix: string, save: (db: Db, batch: readonly EnrichedVerbatim[]) => Promise<unknown>): Promise<void> => {
    const statements: Record<string, number> = {};
    const db = opened.db.withPlugin(statementTimer(statements));
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (const batch of batches) await save(db, batch);
    result[`${prefix}_s`] = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    result[`${prefix}_cpu_s`] = (used.user + used.system) / 1e6;
    for (const [name, seconds] of Object.entries(statements)) result[`${prefix}_${name}`] = seconds;
  };
  await timedSaves('save', (db, batch) => enrichStore(db).save(batch, new Date()));
  for (let pass = 2; pass <= passes; pass++) await timedSaves(`resave${pass}`, (db, batch) => saveEnrichments(db, batch));
  result['saved'] = batches.reduce((sum, batch) => sum + batch.length, 0);
} finally {
  await opened.close();
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(result)}\n`);
