import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { uniqueQueueName } from '../pipeline/bullmq-support.js';
import { enrichmentCounts, importedDatabase, OwnRedis, startVerbatim, startWorker, until, type Background } from './worker-support.js';

const TOTAL = 4_000;
let database: { url: string; drop: () => Promise<void> };
let redis: OwnRedis;
let env: Record<string, string>;
const processes: Background[] = [];

beforeAll(async () => {
  // Our own Redis, so crashing it disturbs no other test.
  [database, redis] = await Promise.all([importedDatabase(TOTAL), OwnRedis.start()]);
  env = {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    VERBATIM_QUEUE: uniqueQueueName(),
    VERBATIM_QUEUE_LOCK_MS: '2000',
    VERBATIM_QUEUE_STALLED_MS: '1000',
  };
}, 120_000);

afterAll(async () => {
  for (const background of processes) background.child.kill('SIGKILL');
  await redis.crash();
  await database.drop();
});

it('finishes when Redis crashes mid-run and comes back empty: workers reconnect, lost jobs are queued again, every verbatim enriched once', async () => {
  const workers = await Promise.all([startWorker(env), startWorker(env)]);
  processes.push(...workers);
  const producer = startVerbatim(['enrich', '--runner', 'bullmq', '--batch-size', '50', '--log-every', '0.1'], env);
  processes.push(producer);

  // Crash as soon as a first job is done: watched straight on Redis, so a fast machine cannot finish first.
  const queue = new Queue(env['VERBATIM_QUEUE'] ?? '', { connection: { url: redis.url }, prefix: 'verbatim' });
  await until(async () => ((await queue.getJobCounts('completed'))['completed'] ?? 0) > 0, 'a first job done', 60_000, 5);
  await queue.close();
  await redis.crash();
  expect((await enrichmentCounts(database.url))['enriched']).toBeLessThan(TOTAL);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await redis.restart();

  expect(await producer.exited).toBe(0);
  expect(producer.stdout()).toBe(`enriched ${TOTAL} verbatims\n`);
  expect(producer.stderr()).toMatch(/enrich: \d+ jobs vanished from Redis \(restarted without its data\?\): queuing again what they left pending/);

  const counts = await enrichmentCounts(database.url);
  expect(counts).toMatchObject({ verbatims: TOTAL, enriched: TOTAL, writes: TOTAL, written_verbatims: TOTAL });
  expect(counts['theme_rows']).toBe(counts['distinct_theme_rows']);

  // The same two workers, reconnected, ran the jobs queued again after the restart, and still stop cleanly.
  for (const worker of workers) worker.child.kill('SIGTERM');
  expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual([0, 0]);
}, 120_000);

it('finishes when Redis crashes mid-run and comes back with its data (append-only file): nothing lost, every verbatim enriched once', async () => {
  const total = 2_000;
  const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-redis-'));
  const [keptDatabase, keptRedis] = await Promise.all([importedDatabase(total), OwnRedis.start({ persistIn: dir })]);
  const keptEnv = { ...env, DATABASE_URL: keptDatabase.url, REDIS_URL: keptRedis.url, VERBATIM_QUEUE: uniqueQueueName() };
  try {
    const workers = await Promise.all([startWorker(keptEnv), startWorker(keptEnv)]);
    processes.push(...workers);
    const producer = startVerbatim(['enrich', '--runner', 'bullmq', '--batch-size', '50', '--log-every', '0.1'], keptEnv);
    processes.push(producer);

    const queue = new Queue(keptEnv.VERBATIM_QUEUE, { connection: { url: keptRedis.url }, prefix: 'verbatim' });
    await until(async () => ((await queue.getJobCounts('completed'))['completed'] ?? 0) > 0, 'a first job done', 60_000, 5);
    await queue.close();
    await keptRedis.crash();
    expect((await enrichmentCounts(keptDatabase.url))['enriched']).toBeLessThan(total);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await keptRedis.restart();

    expect(await producer.exited).toBe(0);
    expect(producer.stdout()).toBe(`enriched ${total} verbatims\n`);
    expect(producer.stderr()).not.toMatch(/vanished from Redis/);
    const counts = await enrichmentCounts(keptDatabase.url);
    expect(counts).toMatchObject({ verbatims: total, enriched: total, writes: total, written_verbatims: total });
    expect(counts['theme_rows']).toBe(counts['distinct_theme_rows']);

    for (const worker of workers) worker.child.kill('SIGTERM');
    expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual([0, 0]);
  } finally {
    await keptRedis.crash();
    await keptDatabase.drop();
    await rm(dir, { recursive: true, force: true });
  }
}, 120_000);
