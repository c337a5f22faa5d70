/**
 * One measured enrichment of a PostgreSQL database, in its own process:
 * `node dist/bench/queue-phase.js inprocess|bullmq|noop WORKERS DATABASE_URL REDIS_URL`
 * prints one JSON line. Models are loaded (and workers started) before the clock
 * starts, so both runners are timed on the same work: read, enrich, save.
 * `noop`: the same jobs through Redis to a worker in this process that does nothing
 * with them: what the queue alone costs (enqueue, take, lock, acknowledge, poll).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { BUILT_EXECUTABLE } from '../core/package-root.js';

process.env['DOTENV_CONFIG_QUIET'] ??= 'true';
const [mode, workerArg, databaseUrl, redisUrl] = process.argv.slice(2);
const workerCount = Number(workerArg);
if ((mode !== 'inprocess' && mode !== 'bullmq' && mode !== 'noop') || !Number.isInteger(workerCount) || databaseUrl === undefined || redisUrl === undefined) {
  process.stderr.write('usage: queue-phase.js inprocess|bullmq|noop WORKERS DATABASE_URL REDIS_URL\n');
  process.exit(1);
}

/** Same batch size for both runners; 2 batches in flight per process (the in-process default). */
const BATCH_SIZE = 1000;

const { openDatabase } = await import('../db/open-database.js');
const { countPending } = await import('../db/verbatims.table.js');
const opened = await openDatabase({ databaseUrl });
const result: Record<string, number> = {};

if (mode === 'inprocess') {
  const { createFastModels } = await import('../models/fast-tier.js');
  const { createPipeline } = await import('../pipeline/create-pipeline.js');
  const { InProcessRunner } = await import('../pipeline/in-process-runner.js');
  const { pendingVerbatims, saveEnrichments } = await import('../db/verbatims.table.js');
  const pipeline = createPipeline(await createFastModels());
  const started = performance.now();
  const run = await new InProcessRunner({ concurrency: 2 }).run({
    source: pendingVerbatims(opened.db, { batchSize: BATCH_SIZE }),
    pipeline,
    sink: { write: async (items) => void (await saveEnrichments(opened.db, items)) },
  });
  result['seconds'] = (performance.now() - started) / 1000;
  result['verbatims'] = run.processed;
} else if (mode === 'noop') {
  const { queueSettings } = await import('../pipeline/queue/queue-settings.js');
  const { BullmqRunner } = await import('../pipeline/queue/bullmq-runner.js');
  const { startBatchWorker } = await import('../pipeline/queue/batch-worker.js');
  const { pendingIdBatches } = await import('../db/queue-store.js');
  const { cleanQueue } = await import('../pipeline/queue/queue-admin.js');
  const settings = queueSettings({ redisUrl, name: `bench-noop-${randomBytes(4).toString('hex')}` });
  const worker = startBatchWorker({
    settings,
    concurrency: 2,
    processor: (data) => Promise.resolve({ enriched: (data as { ids: unknown[] }).ids.length, skipped: 0 }),
  });
  await worker.ready;
  const started = performance.now();
  const run = await new BullmqRunner({ settings }).run({ pendingIds: () => pendingIdBatches(opened.db, BATCH_SIZE) });
  result['seconds'] = (performance.now() - started) / 1000;
  result['verbatims'] = run.processed;
  result['jobs'] = run.batches;
  await worker.close();
  await cleanQueue(settings, { pending: true });
} else {
  const { queueSettings } = await import('../pipeline/queue/queue-settings.js');
  const { BullmqRunner } = await import('../pipeline/queue/bullmq-runner.js');
  const { pendingIdBatches } = await import('../db/queue-store.js');
  const { cleanQueue } = await import('../pipeline/queue/queue-admin.js');
  const settings = queueSettings({ redisUrl, name: `bench-${randomBytes(4).toString('hex')}` });
  const env = { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, VERBATIM_QUEUE: settings.name };
  const workers = await Promise.all(Array.from({ length: workerCount }, () => startWorker(env)));
  try {
    const started = performance.now();
    const run = await new BullmqRunner({ settings }).run({ pendingIds: () => pendingIdBatches(opened.db, BATCH_SIZE) });
    result['seconds'] = (performance.now() - started) / 1000;
    result['verbatims'] = run.processed;
    result['jobs'] = run.batches;
  } finally {
    await Promise.all(workers.map(async (worker) => {
      worker.kill('SIGTERM');
      if (worker.exitCode === null) await once(worker, 'close');
    }));
    await cleanQueue(settings, { pending: true });
  }
}
result['still_pending'] = mode === 'noop' ? 0 : await countPending(opened.db);
await opened.close();
process.stdout.write(`${JSON.stringify(result)}\n`);

/** A `verbatim worker` process on one thread (process against process, as the in-process runner here), once it says it takes jobs. */
async function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BUILT_EXECUTABLE, 'worker', '--concurrency', '2', '--threads', '1', '--log-every', '0'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('worker: ready')) resolve();
    });
    child.once('close', (code) => reject(new Error(`verbatim worker exited with ${code} before it was ready:\n${stderr}`)));
  });
  return child;
}
