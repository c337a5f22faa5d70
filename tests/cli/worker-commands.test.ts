import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { readEnvironment } from '../../cli/environment.js';
import { UnrecoverableJobError } from '../../core/errors.js';
import { BATCH_JOB_NAME } from '../../pipeline/queue/batch-job.js';
import { startBatchWorker, type BatchWorker } from '../../pipeline/queue/batch-worker.js';
import { queueSettings, type QueueSettings } from '../../pipeline/queue/queue-settings.js';
import { removeQueue, testRedisUrl, uniqueQueueName } from '../pipeline/bullmq-support.js';
import { createPostgresDatabase } from '../support/databases.js';
import { runCli, type CliRun } from './run-cli.js';
import { startVerbatim } from './worker-support.js';

/** Runs `verbatim ARGS` in this process with the given environment variables only. */
const verbatim = (args: readonly string[], vars: Record<string, string>): Promise<CliRun> => runCli(args, { env: vars });

describe('scale-out commands: what they need', () => {
  it.each([
    [['worker'], {}, 'verbatim: worker needs REDIS_URL (redis://HOST:PORT)'],
    [['worker'], { REDIS_URL: 'redis://127.0.0.1:1' }, 'verbatim: worker needs DATABASE_URL (postgres://…)'],
    [['enrich', '--runner', 'bullmq'], {}, 'verbatim: enrich --runner bullmq needs REDIS_URL'],
    [['enrich', '--runner', 'bullmq'], { REDIS_URL: 'redis://127.0.0.1:1' }, 'verbatim: enrich --runner bullmq needs DATABASE_URL'],
    [
      ['enrich', '--runner', 'bullmq', '--taxonomy', 'themes.yaml'],
      { REDIS_URL: 'redis://127.0.0.1:1', DATABASE_URL: 'postgres://127.0.0.1:1/x' },
      'verbatim: with --runner bullmq the workers run the models: pass --taxonomy to `verbatim worker`',
    ],
    [
      ['enrich', '--runner', 'bullmq', '--classifier', 'classifiers.json'],
      { REDIS_URL: 'redis://127.0.0.1:1', DATABASE_URL: 'postgres://127.0.0.1:1/x' },
      'verbatim: with --runner bullmq the workers run the models: pass --classifier to `verbatim worker`',
    ],
    ...(['--concurrency', '--threads'] as const).map(
      (option) =>
        [
          ['enrich', '--runner', 'bullmq', option, '4'],
          { REDIS_URL: 'redis://127.0.0.1:1', DATABASE_URL: 'postgres://127.0.0.1:1/x' },
          `verbatim: with --runner bullmq the workers do the enriching: ${option} does not apply (\`verbatim worker --concurrency N\` sets the jobs at once per worker)`,
        ] as const,
    ),
    [['queue', 'status'], {}, 'verbatim: queue status needs REDIS_URL'],
    [['queue', 'status'], { REDIS_URL: 'redis://127.0.0.1:1' }, 'verbatim: cannot reach Redis at redis://127.0.0.1:1 (REDIS_URL): '],
  ] as const)('%j with %j: exit 1, %s', async (args, vars, message) => {
    const result = await verbatim(args, vars);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
  });

  it.each([
    ['VERBATIM_QUEUE_LOCK_MS', 'soon', 'environment variable VERBATIM_QUEUE_LOCK_MS: expected a number of milliseconds from 100 up'],
    ['VERBATIM_QUEUE_ATTEMPTS', '0', 'environment variable VERBATIM_QUEUE_ATTEMPTS: expected a whole number from 1 up'],
    ['VERBATIM_QUEUE', 'a:b', "environment variable VERBATIM_QUEUE: expected a queue name (letters, digits, '_', '.', '-')"],
  ])('rejects %s=%s', (name, value, message) => {
    expect(() => readEnvironment({ [name]: value }, process.cwd())).toThrow(message);
  });

  it('reads the queue settings from the environment', () => {
    const env = readEnvironment({ VERBATIM_QUEUE: 'nightly', VERBATIM_QUEUE_LOCK_MS: '5000', VERBATIM_QUEUE_ATTEMPTS: '2' }, process.cwd());
    expect(env.queue).toEqual({ name: 'nightly', lockDurationMs: 5000, stalledIntervalMs: undefined, attempts: 2, backoffMs: undefined });
  });
});

describe('verbatim queue status | retry-failed | clean', () => {
  let settings: QueueSettings;
  let worker: BatchWorker | undefined;

  afterEach(async () => {
    await worker?.close({ force: true });
    await removeQueue(settings);
  });

  it('shows a failed job with its reason, retries it, cleans', async () => {
    settings = queueSettings({ redisUrl: testRedisUrl(), name: uniqueQueueName() });
    const vars = { REDIS_URL: settings.redisUrl, VERBATIM_QUEUE: settings.name };
    expect((await verbatim(['queue', 'status'], vars)).stdout).toBe(
      `queue ${settings.name}: waiting 0, active 0, delayed 0, prioritized 0, completed 0, failed 0\nworkers connected: 0\n`,
    );

    const queue = new Queue(settings.name, { connection: { url: settings.redisUrl }, prefix: settings.prefix });
    await queue.add(BATCH_JOB_NAME, { ids: ['v_1', 'v_2'] }, { jobId: 'b_test', attempts: 3 });
    worker = startBatchWorker({
      settings,
      concurrency: 1,
      processor: () => Promise.reject(new UnrecoverableJobError('verbatim v_2: unexpected value')),
    });
    while ((await queue.getJobState('b_test')) !== 'failed') await new Promise((resolve) => setTimeout(resolve, 20));
    await worker.close();
    worker = undefined;

    const status = await verbatim(['queue', 'status'], vars);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`queue ${settings.name}: waiting 0, active 0, delayed 0, prioritized 0, completed 0, failed 1\n`);
    expect(status.stdout).toMatch(/latest failures:\n {2}b_test \(2 verbatims, 1 attempts, \d{4}-\d\d-\d\dT[\d:.]+Z\): verbatim v_2: unexpected value\n$/);
    const json = JSON.parse((await verbatim(['queue', 'status', '--json'], vars)).stdout) as { failed: unknown[] };
    expect(json.failed).toEqual([{ jobId: 'b_test', verbatims: 2, reason: 'verbatim v_2: unexpected value', attempts: 1, failedAt: expect.any(String) }]);

    expect(await verbatim(['queue', 'retry-failed'], vars)).toMatchObject({ code: 0, stdout: 'retried 1 failed jobs\n' });
    expect(await queue.getJobState('b_test')).toBe('waiting');
    expect((await queue.getJob('b_test'))?.attemptsMade).toBe(0);

    expect(await verbatim(['queue', 'clean'], vars)).toMatchObject({ code: 0, stdout: 'removed 0 completed, 0 failed, 0 pending jobs\n' });
    expect(await verbatim(['queue', 'clean', '--pending'], vars)).toMatchObject({ code: 0, stdout: 'removed 0 completed, 0 failed, 1 pending jobs\n' });
    expect(await queue.getJobState('b_test')).toBe('unknown');
    await queue.close();
  });
});

describe('verbatim worker without Redis', () => {
  it('keeps retrying the connection, and still exits 0 on SIGTERM', async () => {
    const database = await createPostgresDatabase();
    try {
      const worker = startVerbatim(['worker'], { DATABASE_URL: database.url, REDIS_URL: 'redis://127.0.0.1:1', VERBATIM_QUEUE: uniqueQueueName() });
      await worker.waitFor(/worker: queue: connect ECONNREFUSED 127\.0\.0\.1:1/);
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      expect(worker.stderr()).toContain('worker: the queue connection did not close (Redis unreachable?): exiting anyway\n');
      expect(worker.stderr()).toContain('worker: stopped\n');
    } finally {
      await database.drop();
    }
  });
});
