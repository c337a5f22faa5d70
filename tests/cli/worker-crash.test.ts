import { Queue } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { removeQueue, testRedisUrl, uniqueQueueName } from '../pipeline/bullmq-support.js';
import { queueSettings } from '../../pipeline/queue/queue-settings.js';
import { runCli } from './run-cli.js';
import {
  activeJobsOf,
  enrichmentCounts,
  importedDatabase,
  jobState,
  progressOf,
  startVerbatim,
  startWorker,
  until,
  type Background,
} from './worker-support.js';

const TOTAL = 4_000;
let database: { url: string; drop: () => Promise<void> };
let env: Record<string, string>;
const processes: Background[] = [];

beforeAll(async () => {
  database = await importedDatabase(TOTAL);
  env = {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl(),
    VERBATIM_QUEUE: uniqueQueueName(),
    // A dead worker's jobs come back after ~10 s instead of 30; a live worker renews its lock every 5 s, which
    // even a loaded machine's worker, busy on a batch, manages (at 2 s, first batches lost their locks).
    VERBATIM_QUEUE_LOCK_MS: '10000',
    VERBATIM_QUEUE_STALLED_MS: '1000',
  };
}, 120_000);

afterAll(async () => {
  for (const background of processes) background.child.kill('SIGKILL');
  await removeQueue(queueSettings({ redisUrl: testRedisUrl(), name: env['VERBATIM_QUEUE'] ?? '' }));
  await database.drop();
});

it('finishes on another worker when one is SIGKILLed mid-job; SIGTERM lets a worker finish its job; every verbatim enriched once', async () => {
  // One worker at a time leaves: the leaver is gone before the victim is killed, and the third worker starts
  // only after that. Whatever the machine's speed, the killed worker's jobs can only be found stalled and
  // finished by the third (the one live worker checking for stalled jobs once the victim's lock runs out).
  const [victim, leaver] = (await Promise.all([startWorker(env), startWorker(env)])) as [Background, Background];
  processes.push(victim, leaver);
  const producer = startVerbatim(['enrich', '--runner', 'bullmq', '--batch-size', '50', '--log-every', '0.1', '--followups-since', 'all'], env); // every detractor: the count below checks none is opened twice
  processes.push(producer);
  const queue = new Queue(env['VERBATIM_QUEUE'] ?? '', { connection: { url: env['REDIS_URL'] ?? '' }, prefix: 'verbatim' });

  // SIGTERM while it holds a job: it finishes that job, then exits 0. The queue is paused meanwhile, so work is left for the victim.
  let leftJobs: string[] = [];
  await until(async () => (leftJobs = await activeJobsOf(env, leaver.pid)).length > 0, 'the leaver to hold a job');
  await queue.pause();
  leaver.child.kill('SIGTERM');
  expect(await leaver.exited).toBe(0);
  expect(leaver.stderr()).toContain('worker: stopped');
  for (const jobId of leftJobs) expect(await jobState(env, jobId)).toEqual({ state: 'completed', processedBy: expect.stringMatching(`:${leaver.pid}$`) });

  // kill -9 while it holds a job; what it held is read once it is dead (no live worker can move it yet).
  await queue.resume();
  await until(async () => (await activeJobsOf(env, victim.pid)).length > 0, 'the victim to hold a job');
  victim.child.kill('SIGKILL');
  expect(await victim.exited).toBeNull();
  const killedJobs = await activeJobsOf(env, victim.pid);
  expect(killedJobs.length).toBeGreaterThan(0);
  expect(progressOf(producer)).toBeLessThan(TOTAL);
  await queue.close();

  const stayer = await startWorker(env);
  processes.push(stayer);
  expect(await producer.exited).toBe(0);
  expect(producer.stdout()).toBe(`enriched ${TOTAL} verbatims\n`);

  // The killed worker's jobs came back as stalled jobs and were finished by the last worker.
  for (const jobId of killedJobs) {
    expect(stayer.stderr()).toContain(`job ${jobId} stalled`);
    expect(await jobState(env, jobId)).toEqual({ state: 'completed', processedBy: expect.stringMatching(`:${stayer.pid}$`) });
  }

  const counts = await enrichmentCounts(database.url);
  expect(counts).toMatchObject({ verbatims: TOTAL, enriched: TOTAL, writes: TOTAL, written_verbatims: TOTAL });
  expect(counts['theme_rows']).toBeGreaterThan(0);
  expect(counts['theme_rows']).toBe(counts['distinct_theme_rows']);
  expect(counts['followups']).toBe(counts['detractors']);

  const status = await runCli(['queue', 'status', '--json'], { env });
  expect(JSON.parse(status.stdout)).toMatchObject({ counts: { waiting: 0, active: 0, delayed: 0, failed: 0 }, workers: 1, failed: [] });

  stayer.child.kill('SIGTERM');
  expect(await stayer.exited).toBe(0);
}, 180_000);
