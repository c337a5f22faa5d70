import { sql } from 'kysely';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { beforeEach, expect, it } from 'vitest';
import { enrichStore, type EnrichStore } from '../../db/enrich-store.js';
import { lastRuns } from '../../db/runs.table.js';
import { countPending, insertVerbatims } from '../../db/verbatims.table.js';
import { createPipeline, type Pipeline } from '../../pipeline/create-pipeline.js';
import { runEnrich, type EnrichRunner, type SignalSource } from '../../pipeline/enrich-run.js';
import { inProcessEnrichRunner } from '../../pipeline/in-process-enrich-runner.js';
import { surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { fakeModels } from './fake-models.js';

const NOW = new Date('2026-12-01T10:00:00Z');
const now = (): Date => NOW;
/** Seven survey answers (nps 0…6: detractors all). */
const answers = Array.from({ length: 7 }, (_, n) => surveyAnswer(n));

/** What the run wrote to its log (stderr in the CLI). */
function logStream(): PassThrough & { text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return Object.assign(stream, { text: () => text });
}

/**
 * The fake pipeline, which calls `onSecondBatch` as the second batch comes in, once the
 * first is saved: a signal arriving mid-run, without a timer. The batch in hand is
 * aborted with the run (its verbatims stay pending).
 */
function pipelineThat(onSecondBatch: () => void): Pipeline {
  const inner = createPipeline(fakeModels());
  let batches = 0;
  return {
    modelVersions: inner.modelVersions,
    enrich: (batch, ctx) => {
      batches += 1;
      if (batches === 2) onSecondBatch();
      return inner.enrich(batch, ctx);
    },
  };
}

/** In-process runs of 2-verbatim batches, one at a time, so a stop after the first batch leaves work undone. */
const runnerOver = (store: EnrichStore, pipeline: Pipeline): EnrichRunner =>
  inProcessEnrichRunner(store, { pipeline, batchSize: 2, concurrency: 1, now });

/** Runs `body` with the process's own SIGTERM/SIGINT listeners (the test runner's) set aside, so a signal emitted reaches only the run. */
async function withOwnSignalListeners<T>(body: () => Promise<T>): Promise<T> {
  const saved = { SIGTERM: process.listeners('SIGTERM'), SIGINT: process.listeners('SIGINT') };
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  try {
    return await body();
  } finally {
    for (const listener of saved.SIGTERM) process.on('SIGTERM', listener);
    for (const listener of saved.SIGINT) process.on('SIGINT', listener);
  }
}

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
    await insertVerbatims(database().db, answers);
  });

  it('ends a run stopped by SIGTERM as `interrupted`, not `running`, saves what was done and lets go of the signals', async () => {
    const { db } = database();
    const store = enrichStore(db);
    const log = logStream();
    const result = await withOwnSignalListeners(async () => {
      // Twice: the second signal must find the run's listener still there (not the default action: exit).
      const twice = (): void => void (process.emit('SIGTERM'), process.emit('SIGTERM'));
      const outcome = await runEnrich({ store, runner: runnerOver(store, pipelineThat(twice)), now, log });
      // Unhooked after the run: a later SIGTERM is the process's again.
      expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT')]).toEqual([0, 0]);
      return outcome;
    });
    expect(result.status).toBe('interrupted');
    expect(result.processed).toBe(2); // the first batch, saved before the signal
    // The batch in hand when the signal came was stopped, not refused: no failure recorded against its verbatims.
    expect(result.failed).toBe(0);
    const { rows: failures } = await sql<{ n: number }>`select count(*)::int as n from verbatims where enrich_failures > 0`.execute(db);
    expect(failures[0]?.n).toBe(0);
    expect(log.text()).toContain('enrich: stopping: the batches in flight are saved, the rest stays pending');
    expect(log.text()).toContain('enrich: still stopping');
    const [row] = await lastRuns(db, 1);
    expect(row).toMatchObject({ id: result.runId, kind: 'enrich', status: 'interrupted', finished_at: NOW });
    expect(row?.stats).toMatchObject({ runner: 'inprocess', processed: 2 });
    expect(await countPending(db)).toBe(answers.length - 2);
  });

  it('notices a real SIGTERM sent to the process mid-run, though the run is all promises on an embedded database', async () => {
    const { db } = database();
    const store = enrichStore(db);
    // Counts the signal wherever it lands, so one handled after the run (the bug) fails the test instead of the process.
    let delivered = 0;
    const count = (): void => void (delivered += 1);
    const result = await withOwnSignalListeners(async () => {
      process.on('SIGTERM', count);
      try {
        const outcome = await runEnrich({ store, runner: runnerOver(store, pipelineThat(() => process.kill(process.pid, 'SIGTERM'))), now, log: logStream() });
        // Two turns of the event loop: a signal still pending after the run is delivered here, to `count` only.
        for (let turn = 0; turn < 2; turn += 1) await new Promise<void>((resolve) => setImmediate(resolve));
        return outcome;
      } finally {
        process.off('SIGTERM', count);
      }
    });
    expect(delivered).toBe(1);
    expect(result.status).toBe('interrupted');
    expect(await countPending(db)).toBeGreaterThan(0);
    expect((await lastRuns(db, 1))[0]?.status).toBe('interrupted');
  });

  it('ends a run stopped by SIGINT from an injected signal source as `interrupted`; the next run does the rest', async () => {
    const { db } = database();
    const store = enrichStore(db);
    const signals: SignalSource & EventEmitter = new EventEmitter();
    const first = await runEnrich({ store, runner: runnerOver(store, pipelineThat(() => signals.emit('SIGINT'))), now, log: logStream(), signals });
    expect(first).toMatchObject({ status: 'interrupted', processed: 2 });
    expect([signals.listenerCount('SIGINT'), signals.listenerCount('SIGTERM')]).toEqual([0, 0]);
    const second = await runEnrich({ store, runner: runnerOver(store, createPipeline(fakeModels())), now, log: logStream(), signals });
    expect(second).toMatchObject({ status: 'succeeded', processed: answers.length - first.processed, failed: 0 });
    expect((await lastRuns(db, 2)).map((run) => run.status)).toEqual(['succeeded', 'interrupted']);
  });

  it('ends a whole run as `succeeded` with its counts, the detractor follow-ups opened', async () => {
    const { db } = database();
    const store = enrichStore(db);
    const result = await runEnrich({ store, runner: runnerOver(store, createPipeline(fakeModels())), now, log: logStream(), signals: new EventEmitter() });
    const detractors = answers.filter((answer) => answer.nps !== null && answer.nps <= 6).length;
    expect(result).toMatchObject({ status: 'succeeded', processed: answers.length, failed: 0, followupsOpened: detractors });
    const [row] = await lastRuns(db, 1);
    expect(row).toMatchObject({ status: 'succeeded', stats: { runner: 'inprocess', processed: answers.length, failed: 0, followupsOpened: detractors } });
  });

  it('ends a run whose batches fail as `failed`, and reports them by reason', async () => {
    const { db } = database();
    const store = enrichStore(db);
    const failing: Pipeline = { modelVersions: {}, enrich: () => Promise.reject(new Error('model crashed')) };
    const log = logStream();
    const result = await runEnrich({ store, runner: runnerOver(store, failing), now, log, signals: new EventEmitter() });
    expect(result).toMatchObject({ status: 'failed', processed: 0, failed: answers.length });
    expect(log.text()).toContain(`enrich: ${answers.length} verbatims failed: model crashed\n`);
    expect((await lastRuns(db, 1))[0]?.status).toBe('failed');
  });

  // Issue 14 item 5: a row that cannot be enriched fails alone and never blocks the next run.
  it('fails only the verbatim a model throws on, saves the rest of its batch, and leaves it out after 3 runs', async () => {
    const { db } = database();
    const store = enrichStore(db);
    const poisonId = answers[0]?.id ?? '';
    const inner = createPipeline(fakeModels());
    const poisoned: Pipeline = {
      modelVersions: inner.modelVersions,
      enrich: (batch, ctx) => (batch.some((item) => item.id === poisonId) ? Promise.reject(new Error('model crashed on one text')) : inner.enrich(batch, ctx)),
    };
    const run = () => runEnrich({ store, runner: runnerOver(store, poisoned), now, log: logStream(), signals: new EventEmitter() });
    const first = await run();
    expect(first).toMatchObject({ status: 'failed', processed: answers.length - 1, failed: 1 });
    expect(await countPending(db)).toBe(1);
    const row = await db.selectFrom('verbatims').select(['enrich_failures', 'enrich_error']).where('id', '=', poisonId).executeTakeFirstOrThrow();
    expect(row).toEqual({ enrich_failures: 1, enrich_error: 'model crashed on one text' });
    expect(await run()).toMatchObject({ processed: 0, failed: 1 });
    expect(await run()).toMatchObject({ processed: 0, failed: 1 });
    // Three failed runs: no longer pending, so it is not read first (and failed) forever.
    expect(await countPending(db)).toBe(0);
    expect(await run()).toMatchObject({ status: 'succeeded', processed: 0, failed: 0 });
  });

  it('ends a run whose runner throws as `failed`, with the error, and throws it on', async () => {
    const { db } = database();
    const signals = new EventEmitter();
    const runner: EnrichRunner = { name: 'broken', run: () => Promise.reject(new Error('Redis unreachable')) };
    await expect(runEnrich({ store: enrichStore(db), runner, now, log: logStream(), signals })).rejects.toThrow('Redis unreachable');
    const [row] = await lastRuns(db, 1);
    expect(row).toMatchObject({ status: 'failed', stats: { runner: 'broken', error: 'Redis unreachable' } });
    expect(signals.listenerCount('SIGTERM')).toBe(0);
  });
});
