import { describe, expect, it } from 'vitest';
import { ENRICH_THREAD_OLD_GENERATION_MB } from '../../pipeline/enrichment-pipeline.js';
import { startThreadPoolPipeline, type ThreadErrorInfo } from '../../pipeline/thread-pool-pipeline.js';
import type { Verbatim } from '../../core/verbatim.js';

/**
 * Threads written as plain CommonJS (evaluated, so no build is needed): each tags
 * the verbatims it enriches with its own thread id, which shows where a batch went.
 * A text of `crash` ends the thread mid-batch; a text of `throw` fails the batch. Given a
 * `started` SharedArrayBuffer, each thread counts itself in it as it starts.
 */
const ECHO_THREAD = `
const { parentPort, threadId, workerData } = require('node:worker_threads');
if (workerData && workerData.started) Atomics.add(new Int32Array(workerData.started), 0, 1);
if (workerData && workerData.failStart) {
  parentPort.postMessage({ kind: 'start-failed', error: { name: 'ConfigError', message: 'taxonomy.yaml:3: field \`id\`: missing' } });
} else {
  parentPort.on('message', (request) => {
    if (request.batch.some((v) => v.text === 'crash')) process.exit(3);
    if (request.batch.some((v) => v.text === 'throw')) {
      parentPort.postMessage({ kind: 'failed', id: request.id, error: { name: 'Error', message: 'bad batch' } });
      return;
    }
    const enriched = request.batch.map((v) => ({ ...v, enrichment: { thread: threadId, at: request.now.toISOString() } }));
    parentPort.postMessage({ kind: 'done', id: request.id, enriched });
  });
  parentPort.postMessage({ kind: 'ready', modelVersions: { language: 'echo' } });
}
`;

const ctx = { signal: new AbortController().signal, now: () => new Date('2026-12-01T10:00:00Z') };
const verbatim = (id: string, text = id): Verbatim => ({ id, text }) as unknown as Verbatim;
const threadOf = (enriched: readonly { enrichment: unknown }[]): number => (enriched[0]?.enrichment as { thread: number }).thread;

describe('startThreadPoolPipeline', () => {
  it('sends batch k to thread k mod n and answers each batch with its own records', async () => {
    const pipeline = await startThreadPoolPipeline({ threads: 2, entry: ECHO_THREAD, eval: true });
    try {
      expect(pipeline.modelVersions).toEqual({ language: 'echo' });
      const batches = [['a', 'b'], ['c'], ['d', 'e', 'f'], ['g']].map((ids) => ids.map((id) => verbatim(id)));
      const results = await Promise.all(batches.map((batch) => pipeline.enrich(batch, ctx)));
      expect(results.map((result) => result.map((record) => record.id))).toEqual([['a', 'b'], ['c'], ['d', 'e', 'f'], ['g']]);
      const threads = results.map(threadOf);
      expect(threads[0]).not.toBe(threads[1]);
      expect([threads[2], threads[3]]).toEqual([threads[0], threads[1]]);
      // The caller's clock crosses the boundary with the batch.
      expect((results[0]?.[0]?.enrichment as unknown as { at: string }).at).toBe('2026-12-01T10:00:00.000Z');
    } finally {
      await pipeline.close();
    }
  });

  it('starts a thread only when a batch is sent its way: one batch, one thread', async () => {
    const started = new SharedArrayBuffer(4);
    const pipeline = await startThreadPoolPipeline({ threads: 3, entry: ECHO_THREAD, eval: true, workerData: { started } });
    try {
      expect(pipeline.threads).toBe(3);
      await pipeline.enrich([verbatim('a')], ctx);
      expect(Atomics.load(new Int32Array(started), 0)).toBe(1);
      const [second, third, fourth] = await Promise.all(['b', 'c', 'd'].map((id) => pipeline.enrich([verbatim(id)], ctx)));
      expect(Atomics.load(new Int32Array(started), 0)).toBe(3);
      expect(new Set([second, third].map((result) => threadOf(result ?? []))).size).toBe(2);
      expect(threadOf(fourth ?? [])).not.toBe(threadOf(second ?? []));
    } finally {
      await pipeline.close();
    }
  });

  it('fails one batch with the error its thread reports, and goes on with the next', async () => {
    const pipeline = await startThreadPoolPipeline({ threads: 1, entry: ECHO_THREAD, eval: true });
    try {
      await expect(pipeline.enrich([verbatim('x', 'throw')], ctx)).rejects.toThrow('bad batch');
      expect((await pipeline.enrich([verbatim('y')], ctx)).map((record) => record.id)).toEqual(['y']);
    } finally {
      await pipeline.close();
    }
  });

  it('fails the batch of a thread that dies, and sends its later turns to the threads still alive', async () => {
    const pipeline = await startThreadPoolPipeline({ threads: 2, entry: ECHO_THREAD, eval: true });
    try {
      await expect(pipeline.enrich([verbatim('c', 'crash')], ctx)).rejects.toThrow('an enrichment thread stopped (exit code 3)');
      expect((await pipeline.enrich([verbatim('ok')], ctx)).map((record) => record.id)).toEqual(['ok']);
      const [later, next] = await Promise.all([pipeline.enrich([verbatim('later')], ctx), pipeline.enrich([verbatim('next')], ctx)]);
      expect([later.map((record) => record.id), next.map((record) => record.id)]).toEqual([['later'], ['next']]);
      expect(threadOf(later)).toBe(threadOf(next));
    } finally {
      await pipeline.close();
    }
  });

  it('rejects every batch once all its threads died', async () => {
    const pipeline = await startThreadPoolPipeline({ threads: 1, entry: ECHO_THREAD, eval: true });
    try {
      await expect(pipeline.enrich([verbatim('c', 'crash')], ctx)).rejects.toThrow('exit code 3');
      await expect(pipeline.enrich([verbatim('after')], ctx)).rejects.toThrow('an enrichment thread stopped (exit code 3)');
    } finally {
      await pipeline.close();
    }
  });

  it('rejects with the start-up error, revived as the caller says, when a thread cannot load its models', async () => {
    class ConfigError extends Error {}
    const reviveError = (info: ThreadErrorInfo): Error => (info.name === 'ConfigError' ? new ConfigError(info.message) : new Error(info.message));
    const starting = startThreadPoolPipeline({ threads: 2, entry: ECHO_THREAD, eval: true, workerData: { failStart: true }, reviveError });
    await expect(starting).rejects.toBeInstanceOf(ConfigError);
    await expect(starting).rejects.toThrow('taxonomy.yaml:3: field `id`: missing');
  });

  it('starts each thread with the heap limits it is given (the enrichment threads: pipeline/enrichment-pipeline.ts)', async () => {
    const LIMITS_THREAD = `
const { parentPort, resourceLimits } = require('node:worker_threads');
parentPort.postMessage({ kind: 'ready', modelVersions: { old: String(resourceLimits.maxOldGenerationSizeMb) } });`;
    const limited = await startThreadPoolPipeline({ threads: 1, entry: LIMITS_THREAD, eval: true, resourceLimits: { maxOldGenerationSizeMb: ENRICH_THREAD_OLD_GENERATION_MB } });
    const unlimited = await startThreadPoolPipeline({ threads: 1, entry: LIMITS_THREAD, eval: true });
    try {
      expect(limited.modelVersions).toEqual({ old: String(ENRICH_THREAD_OLD_GENERATION_MB) });
      // Without limits a thread gets V8's default, sized from the machine's memory.
      expect(unlimited.modelVersions).not.toEqual(limited.modelVersions);
    } finally {
      await Promise.all([limited.close(), unlimited.close()]);
    }
  });

  it.each([0, 1.5, Number.NaN])('refuses %s threads', async (threads) => {
    await expect(startThreadPoolPipeline({ threads, entry: ECHO_THREAD, eval: true })).rejects.toThrow(/^Expected `threads` to be a number from 1 and up/);
  });
});
