import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { createPipeline } from '../../pipeline/create-pipeline.js';
import { batchJobId, BATCH_JOB_NAME } from '../../pipeline/queue/batch-job.js';
import { createBatchProcessor, type BatchProcessor, type BatchStore } from '../../pipeline/queue/batch-processor.js';
import { startBatchWorker, type BatchWorker } from '../../pipeline/queue/batch-worker.js';
import { BullmqRunner } from '../../pipeline/queue/bullmq-runner.js';
import { cleanQueue, queueStatus, retryFailedJobs } from '../../pipeline/queue/queue-admin.js';
import type { QueueSettings } from '../../pipeline/queue/queue-settings.js';
import { UnrecoverableJobError } from '../../core/errors.js';
import type { EnrichedVerbatim, Verbatim } from '../../core/verbatim.js';
import { removeQueue, testQueueSettings } from './bullmq-support.js';
import { fakeModels } from './fake-models.js';

function verbatim(i: number): Verbatim {
  const id = `v${String(i).padStart(4, '0')}`;
  return { id, externalId: null, source: 's', text: i % 2 === 0 ? 'good' : 'bad fees', createdAt: null, nps: i % 11, rating: null, respondent: 'customer', authorKey: null, segments: {}, journeyHint: null };
}

/** Like the database: hands out what is still pending, saves with "first writer wins", counts every write. */
class MemoryStore implements BatchStore {
  readonly rows = new Map<string, Verbatim>();
  readonly saved = new Map<string, EnrichedVerbatim>();
  writes = 0;

  constructor(count: number) {
    for (let i = 0; i < count; i++) this.rows.set(verbatim(i).id, verbatim(i));
  }

  async load(ids: readonly string[]) {
    const pending = ids.flatMap((id) => {
      const row = this.rows.get(id);
      return row !== undefined && !this.saved.has(id) ? [row] : [];
    });
    return { pending, missing: ids.filter((id) => !this.rows.has(id)) };
  }

  async save(batch: readonly EnrichedVerbatim[]) {
    let updated = 0;
    for (const item of batch) {
      if (this.saved.has(item.id) || !this.rows.has(item.id)) continue;
      this.saved.set(item.id, item);
      this.writes += 1;
      updated += 1;
    }
    return { updated };
  }

  /** What the database tells the producer of a completed job's ids. */
  readonly stillPending = async (ids: readonly string[]): Promise<string[]> => ids.filter((id) => this.rows.has(id) && !this.saved.has(id));

  /** What the database source gives the producer: pending ids, in order, in batches. */
  pendingIds(batchSize: number): () => AsyncIterable<readonly string[]> {
    const { rows, saved } = this;
    return async function* () {
      const todo = [...rows.keys()].filter((id) => !saved.has(id)).sort();
      for (let i = 0; i < todo.length; i += batchSize) yield todo.slice(i, i + batchSize);
    };
  }
}

const pipeline = createPipeline(fakeModels());
let settings: QueueSettings;
const workers: BatchWorker[] = [];

function startWorker(process: BatchProcessor, concurrency = 2): BatchWorker {
  const worker = startBatchWorker({ settings, concurrency, processor: process });
  workers.push(worker);
  return worker;
}

afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.close({ force: true })));
  await removeQueue(settings);
});

describe('BullmqRunner with in-process workers', () => {
  it('enriches every verbatim exactly once across two workers', async () => {
    settings = testQueueSettings();
    const store = new MemoryStore(230);
    const process = createBatchProcessor({ store, pipeline });
    startWorker(process);
    startWorker(process);
    const seen: number[] = [];
    const result = await new BullmqRunner({ settings, pollMs: 20 }).run({ pendingIds: store.pendingIds(25), onProgress: (n) => seen.push(n) });
    expect(result).toMatchObject({ processed: 230, batches: 10, failed: [], lost: 0, rounds: 1 });
    expect(store.saved.size).toBe(230);
    expect(store.writes).toBe(230);
    expect(seen.at(-1)).toBe(230);
    expect(store.saved.get('v0001')?.enrichment.themes.map((t) => t.theme)).toEqual(['fees_pricing']);
  });

  it('adds nothing when the same batches are queued twice (job ids come from the ids)', async () => {
    settings = testQueueSettings();
    const store = new MemoryStore(60);
    let runs = 0;
    const process = createBatchProcessor({ store, pipeline });
    // Two producers queue the same pending batches before any worker runs.
    const first = new BullmqRunner({ settings, pollMs: 20 }).run({ pendingIds: store.pendingIds(20) });
    const second = new BullmqRunner({ settings, pollMs: 20 }).run({ pendingIds: store.pendingIds(20) });
    await waitFor(async () => (await queueStatus(settings)).counts.waiting === 3);
    startWorker(async (data, options) => {
      runs += 1;
      return process(data, options);
    });
    const results = await Promise.all([first, second]);
    expect(runs).toBe(3);
    expect(results.map((r) => r.processed)).toEqual([60, 60]);
    expect(store.writes).toBe(60);
    expect(batchJobId(['a', 'b'])).toBe(batchJobId(['b', 'a']));
    expect(batchJobId(['a', 'b'], 'salt')).not.toBe(batchJobId(['a', 'b']));
  });

  it('retries a failing batch with exponential backoff, then succeeds', async () => {
    settings = testQueueSettings({ attempts: 3, backoffMs: 100 });
    const store = new MemoryStore(10);
    const process = createBatchProcessor({ store, pipeline });
    const tries: number[] = [];
    startWorker(async (data, options) => {
      tries.push(Date.now());
      if (tries.length < 3) throw new Error('database connection reset');
      return process(data, options);
    });
    const result = await new BullmqRunner({ settings, pollMs: 20 }).run({ pendingIds: store.pendingIds(10) });
    expect(result.failed).toEqual([]);
    expect(store.saved.size).toBe(10);
    expect(tries).toHaveLength(3);
    const [t0 = 0, t1 = 0, t2 = 0] = tries;
    // 100 ms, then 200 ms (BullMQ adds no jitter by default).
    expect(t1 - t0).toBeGreaterThanOrEqual(90);
    expect(t2 - t1).toBeGreaterThanOrEqual(190);
  });

  it('keeps a job that failed on every attempt in the failed set with its reason; retry-failed then finishes it', async () => {
    settings = testQueueSettings({ attempts: 2, backoffMs: 20 });
    const store = new MemoryStore(10);
    const process = createBatchProcessor({ store, pipeline });
    let databaseDown = true;
    let tries = 0;
    startWorker(async (data, options) => {
      tries += 1;
      if (databaseDown) throw new Error('database connection reset');
      return process(data, options);
    });
    const result = await new BullmqRunner({ settings, pollMs: 20 }).run({ pendingIds: store.pendingIds(10) });
    expect(tries).toBe(2);
    expect(result.processed).toBe(0);
    expect(result.failed).toHaveLength(10);
    expect(result.failed[0]?.reason).toBe('database connection reset');
    expect((await queueStatus(settings)).failed).toEqual([expect.objectContaining({ verbatims: 10, attempts: 2, reason: 'database connection reset' })]);

    databaseDown = false;
    expect(await retryFailedJobs(settings)).toBe(1);
    await waitFor(async () => (await queueStatus(settings)).counts.completed === 1);
    expect(store.saved.size).toBe(10);
    expect((await queueStatus(settings)).counts.failed).toBe(0);
  });

  it('keeps an unrecoverable job in the failed set with its reason, without retrying; retry-failed and clean', async () => {
    settings = testQueueSettings({ attempts: 5 });
    const store = new MemoryStore(20);
    const process = createBatchProcessor({ store, pipeline });
    let calls = 0;
    startWorker(async (data, options) => {
      calls += 1;
      return process(data, options);
    });
    const listed = [...store.rows.keys()];
    store.rows.delete('v0003'); // forgotten after it was listed
    const pendingIds = async function* () {
      yield listed.slice(0, 10);
      yield listed.slice(10);
    };
    const result = await new BullmqRunner({ settings, pollMs: 20 }).run({ pendingIds });
    expect(calls).toBe(2); // no retry of the unrecoverable job
    expect(result.processed).toBe(10);
    expect(result.failed).toHaveLength(10);
    expect(result.failed[0]?.reason).toBe('1 of 10 verbatims of this batch no longer exist (deleted or forgotten since queued): v0003');
    // The rest of that batch is saved all the same.
    expect(store.saved.size).toBe(19);

    const status = await queueStatus(settings);
    expect(status.counts).toMatchObject({ failed: 1, completed: 1, waiting: 0, active: 0 });
    expect(status.workers).toBe(1);
    expect(status.failed[0]).toMatchObject({ verbatims: 10, attempts: 1, reason: result.failed[0]?.reason });

    store.rows.set('v0003', verbatim(3)); // the row is back (restored): a retry now succeeds
    expect(await retryFailedJobs(settings)).toBe(1);
    await waitFor(async () => (await queueStatus(settings)).counts.completed === 2);
    expect(store.saved.size).toBe(20);
    expect(store.writes).toBe(20);

    expect(await cleanQueue(settings)).toEqual({ completed: 2, failed: 0, pending: 0 });
    expect((await queueStatus(settings)).counts).toMatchObject({ completed: 0, failed: 0 });
  });

  it('queues again what Redis lost (restarted without its data) and finishes, counting what was saved before', async () => {
    settings = testQueueSettings();
    const store = new MemoryStore(50);
    const process = createBatchProcessor({ store, pipeline });
    let wiped = false;
    startWorker(async (data, options) => {
      const result = await process(data, options);
      if (!wiped) {
        // The first batch is saved, then Redis comes back empty: that job and the 4 waiting ones are gone.
        // Wiped only once the producer has queued all 5 (this job in hand, 4 waiting), so exactly 5 are lost.
        wiped = true;
        const queue = new Queue(settings.name, { connection: { url: settings.redisUrl }, prefix: settings.prefix });
        await waitFor(async () => {
          const counts = await queue.getJobCounts('active', 'waiting');
          return counts['active'] === 1 && counts['waiting'] === 4;
        });
        await queue.obliterate({ force: true });
        await queue.close();
      }
      return result;
    }, 1);
    const result = await new BullmqRunner({ settings, pollMs: 20 }).run({ pendingIds: store.pendingIds(10) });
    expect(result).toMatchObject({ processed: 50, failed: [], lost: 5, rounds: 2 });
    expect(store.writes).toBe(50);
  });

  it.each([
    ['a kept completed job of an earlier run (rows forgotten and imported again)', 'completed'],
    ['a kept failed job of an earlier run (the cause fixed since)', 'failed'],
  ] as const)('runs the batches again over %s: this run counts what it saved', async (_, earlier) => {
    settings = testQueueSettings({ attempts: 1 });
    const store = new MemoryStore(30);
    const process = createBatchProcessor({ store, pipeline });
    let broken = earlier === 'failed';
    startWorker(async (data, options) => {
      if (broken) throw new UnrecoverableJobError('taxonomy: unknown theme');
      return process(data, options);
    });
    const run = () => new BullmqRunner({ settings, pollMs: 20 }).run({ pendingIds: store.pendingIds(10), stillPending: store.stillPending });
    const first = await run();
    expect(first.processed + first.failed.length).toBe(30);
    store.saved.clear(); // pending again, while the earlier run's jobs are kept under the same ids
    broken = false;
    expect(await run()).toMatchObject({ processed: 30, failed: [], lost: 0, unsaved: 0, rounds: 1 });
    expect(store.saved.size).toBe(30);
  });

  it('queues again the verbatims of a completed job that the database still has pending', async () => {
    settings = testQueueSettings();
    const store = new MemoryStore(30);
    const process = createBatchProcessor({ store, pipeline });
    let unsavedJobs = 0;
    startWorker(async (data, options) => {
      // The first job reports success, but its save did not hold.
      if (unsavedJobs === 0) {
        unsavedJobs += 1;
        return { enriched: 10, skipped: 0 };
      }
      return process(data, options);
    }, 1);
    const result = await new BullmqRunner({ settings, pollMs: 20 }).run({ pendingIds: store.pendingIds(10), stillPending: store.stillPending });
    expect(result).toMatchObject({ processed: 30, failed: [], lost: 0, unsaved: 10, rounds: 2 });
    expect(store.saved.size).toBe(30);
    expect(store.writes).toBe(30);
  });

  it('fails a job with malformed data for good, naming the field', async () => {
    settings = testQueueSettings();
    startWorker(createBatchProcessor({ store: new MemoryStore(0), pipeline }));
    const queue = new Queue(settings.name, { connection: { url: settings.redisUrl }, prefix: settings.prefix });
    await queue.add(BATCH_JOB_NAME, { ids: ['v1', 7] }, { jobId: 'bad', attempts: 3 });
    await queue.close();
    await waitFor(async () => (await queueStatus(settings)).counts.failed === 1);
    const [failed] = (await queueStatus(settings)).failed;
    expect(failed).toMatchObject({ jobId: 'bad', attempts: 1, reason: 'job data: expected `ids[1]` to be a verbatim id, got `7`' });
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
