/**
 * `verbatim import --enrich` against `import` then `enrich`, each mode in its own process:
 * `node dist/bench/import-enrich-phase.js one-pass|two-step FILE [DATA_DIR] [THREADS] [BATCH]`
 * runs the mode on FILE (a CSV from `writeCsvCorpus`) the way the commands run it, and prints one
 * JSON line: wall seconds, the process's CPU seconds (every thread's: the enrichment threads run
 * in it), verbatims stored enriched, the seconds spent in database writes (`db_write_s`: inside the
 * store calls — one-pass: the enriched batch's transaction; two-step: the import's inserts and the
 * enrichment saves) and their share of the wall time, plus per statement (bench/statement-timer.ts).
 * BATCH: verbatims per batch (default 2,000 one-pass; 500 for the two-step enrich, as the command).
 * An empty THREADS or BATCH takes the default. DATA_DIR: an embedded database (a fresh temporary one if left out); `DATABASE_URL` set: that one,
 * and then also the PostgreSQL server's CPU seconds meanwhile (`server_cpu_s`, when the server runs on this machine).
 * `load_start`/`load_end`: the 1-minute load average, since this machine is shared.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import type { Verbatim } from '../core/verbatim.js';
import { usageExit } from './phase-timer.js';
import { serverCpuMeter } from './server-cpu.js';
import { statementTimer } from './statement-timer.js';

process.env['DOTENV_CONFIG_QUIET'] ??= 'true';
const [mode, file, dataDirGiven, threadsArg, batchArg] = process.argv.slice(2);
const dataDirArg = dataDirGiven === '' ? undefined : dataDirGiven;
if ((mode !== 'one-pass' && mode !== 'two-step') || file === undefined) usageExit('import-enrich-phase.js one-pass|two-step FILE [DATA_DIR] [THREADS] [BATCH]');

const { defaultThreads, openEnrichmentPipeline } = await import('../pipeline/enrichment-pipeline.js');
const { enrichingImport } = await import('../pipeline/enriching-import.js');
const { enrichPending } = await import('../pipeline/enrich-pending.js');
const { openDatabase } = await import('../db/open-database.js');
const { authorSecretFor } = await import('../db/author-keys.js');
const { enrichedImportStore, importStore } = await import('../db/import-store.js');
const { enrichStore } = await import('../db/enrich-store.js');
const { importFiles } = await import('../imports/import-files.js');

const places = { cwd: process.cwd(), dataDir: path.resolve('.verbatim'), modelDir: undefined };
const threads = threadsArg === undefined || threadsArg === '' ? defaultThreads(places, {}) : Number(threadsArg);
const scratch = dataDirArg === undefined ? await mkdtemp(path.join(tmpdir(), 'verbatim-import-enrich-')) : undefined;
const dataDir = dataDirArg ?? scratch ?? '';
const databaseUrl = process.env['DATABASE_URL'] === '' ? undefined : process.env['DATABASE_URL'];
const result: Record<string, number | string> = { mode, threads };
const statements: Record<string, number> = {};
let writing = 0;
let writers = 0;
let writingSince = 0;
/** `work`'s wall seconds added to the time in database writes: once, when stores overlap (PostgreSQL: two at once). */
const timedWrite = async <T>(work: () => Promise<T>): Promise<T> => {
  if (writers++ === 0) writingSince = performance.now();
  try {
    return await work();
  } finally {
    if (--writers === 0) writing += (performance.now() - writingSince) / 1000;
  }
};

result['load_start'] = loadavg()[0] ?? 0;
const cpuStart = process.cpuUsage();
const wallStart = performance.now();
const opened = await openDatabase(databaseUrl === undefined ? { dataDir } : { databaseUrl });
const serverCpu = databaseUrl === undefined ? undefined : await serverCpuMeter(opened.db);
const serverCpuStart = await serverCpu?.();
try {
  const db = opened.db.withPlugin(statementTimer(statements));
  const secret = await authorSecretFor(db, dataDir);
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  if (mode === 'one-pass') {
    const batchSize = batchArg === undefined || batchArg === '' ? 2_000 : Number(batchArg);
    const pipeline = await openEnrichmentPipeline(places, {}, threads);
    try {
      const store = enrichedImportStore(db);
      const timedStore = { ...store, store: (...args: Parameters<typeof store.store>) => timedWrite(() => store.store(...args)) };
      const sink = enrichingImport({ pipeline, store: timedStore, now: () => new Date(), inFlight: pipeline.threads + store.concurrentStores });
      const { files } = await importFiles([file], { source: 'bench', secret, batchSize }, { insert: sink.insert, inFlight: sink.inFlight, finish: store.finish }, () => undefined, new Date());
      result['imported'] = files[0]?.inserted ?? 0;
      result['enriched'] = sink.totals().enriched;
    } finally {
      await pipeline.close();
    }
  } else {
    const batchSize = batchArg === undefined || batchArg === '' ? 500 : Number(batchArg);
    const plain = importStore(db);
    const timedImport = { ...plain, insert: (batch: readonly Verbatim[]) => timedWrite(() => plain.insert(batch)) };
    const importStart = performance.now();
    const { files } = await importFiles([file], { source: 'bench', secret }, timedImport, () => undefined, new Date());
    result['import_s'] = (performance.now() - importStart) / 1000;
    result['imported'] = files[0]?.inserted ?? 0;
    const store = enrichStore(db);
    const timedStore = { ...store, save: (...args: Parameters<typeof store.save>) => timedWrite(() => store.save(...args)) };
    const enrichStart = performance.now();
    const run = await enrichPending({ store: timedStore, places, choice: {}, batchSize, threads, now: () => new Date(), log: quiet });
    result['enrich_s'] = (performance.now() - enrichStart) / 1000;
    result['enriched'] = run.processed;
  }
  if (serverCpu !== undefined && serverCpuStart !== undefined) result['server_cpu_s'] = (await serverCpu()) - serverCpuStart;
} finally {
  await opened.close();
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
}
const cpu = process.cpuUsage(cpuStart);
result['wall_s'] = (performance.now() - wallStart) / 1000;
result['cpu_s'] = (cpu.user + cpu.system) / 1e6;
result['verbatims_per_s'] = Math.round(Number(result['enriched']) / result['wall_s']);
result['db_write_s'] = writing;
result['db_write_share'] = writing / result['wall_s'];
// Worker threads run meanwhile: the process's CPU seconds per statement would be theirs too.
for (const [name, seconds] of Object.entries(statements)) if (!name.endsWith('_cpu_s')) result[name] = seconds;
result['peak_rss_mb'] = Math.round(process.resourceUsage().maxRSS / 1024);
result['load_end'] = loadavg()[0] ?? 0;
process.stdout.write(`${JSON.stringify(result)}\n`);
