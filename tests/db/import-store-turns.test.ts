import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EnrichedVerbatim, Verbatim } from '../../core/verbatim.js';
import type { CommitTurn } from '../../db/commit-turn.js';
import { storeEnrichedBatch } from '../../db/enriched-insert.js';
import { enrichedImportStore } from '../../db/import-store.js';
import type { Pipeline } from '../../pipeline/create-pipeline.js';
import { enrichingImport } from '../../pipeline/enriching-import.js';
import { forEachDatabase, openTestDatabase, truncateAll, type TestDatabase } from '../support/databases.js';
import { enriched, surveyAnswer } from './verbatim-fixtures.js';

/** A promise settled from outside. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

const now = new Date('2026-12-01T10:00:00.000Z');

/** The change log, one entry a bump: its verbatim ids, sorted. */
async function changeLog(database: () => TestDatabase): Promise<string[][]> {
  const { rows } = await sql<{ ids: string[] }>`select verbatim_ids as ids from data_changes order by seq`.execute(database().db);
  return rows.map((row) => [...row.ids].sort());
}

async function storedTexts(database: () => TestDatabase): Promise<Record<string, string>> {
  const rows = await database().db.selectFrom('verbatims').select(['id', 'text']).orderBy('id').execute();
  return Object.fromEntries(rows.map((row) => [row.id, row.text]));
}

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
  });

  it('a server writes two batches at once; the embedded database one at a time', () => {
    const { db, kind } = database();
    expect(enrichedImportStore(db).concurrentStores).toBe(kind === 'postgres' ? 2 : 1);
  });

  it('an import whose batches overlap stores what one batch after the other stores: an id in two batches once, the first copy', async () => {
    const { db } = database();
    // b2 repeats an id of b1 with another text, and is enriched before b1: it still waits for b1's store.
    const first = surveyAnswer(1);
    const repeated = { ...surveyAnswer(2), text: 'the first copy' };
    const b1 = [first, repeated];
    const b2 = [surveyAnswer(3), { ...repeated, text: 'the second copy' }];
    const b3 = [surveyAnswer(4), surveyAnswer(5)];
    const release = new Map<string, ReturnType<typeof deferred<void>>>([[first.id, deferred()]]);
    const pipeline: Pipeline = {
      modelVersions: {},
      enrich: async (batch: readonly Verbatim[]): Promise<EnrichedVerbatim[]> => {
        await release.get(batch[0]?.id ?? '')?.promise;
        return batch.map((item) => enriched(item));
      },
    };
    const store = enrichedImportStore(db);
    const sink = enrichingImport({ pipeline, store, now: () => now, inFlight: 4 });
    const results = [b1, b2, b3].map((batch) => sink.insert(batch));
    await new Promise((resolve) => setImmediate(resolve));
    release.get(first.id)?.resolve();
    expect(await Promise.all(results)).toEqual([
      { inserted: 2, duplicates: 0, forgotten: 0 },
      { inserted: 1, duplicates: 1, forgotten: 0 },
      { inserted: 2, duplicates: 0, forgotten: 0 },
    ]);
    expect((await storedTexts(database))[repeated.id]).toBe('the first copy');
    // One bump a batch, in arrival order.
    expect(await changeLog(database)).toEqual([b1.map((v) => v.id).sort(), [b2[0]?.id ?? ''], b3.map((v) => v.id).sort()]);
    const themeRows = await db.selectFrom('verbatim_themes').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(themeRows.n)).toBe(5 * 2);
  });
});

describe('on postgres, two transactions at once', () => {
  let opened: TestDatabase | undefined;
  const database = (): TestDatabase => {
    if (opened === undefined) throw new Error('the postgres test database did not open (see beforeAll)');
    return opened;
  };
  beforeAll(async () => {
    opened = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    await opened?.close();
  });

  it('the later batch writes while the earlier is open, and commits after it: versions in arrival order', async () => {
    const { db } = database();
    const early = [surveyAnswer(11), surveyAnswer(12)].map((item) => enriched(item));
    const late = [surveyAnswer(13)].map((item) => enriched(item));
    const earlyMayCommit = deferred();
    const begun: string[] = [];
    const earlyTurn: CommitTurn = { mayBegin: Promise.resolve(), begun: () => begun.push('early'), mayCommit: earlyMayCommit.promise };
    const earlyStored = storeEnrichedBatch(db, { enriched: early, failed: [] }, { now, turn: earlyTurn });
    const lateTurn: CommitTurn = { mayBegin: Promise.resolve(), begun: () => begun.push('late'), mayCommit: earlyStored.then(() => undefined) };
    const lateStored = storeEnrichedBatch(db, { enriched: late, failed: [] }, { now, turn: lateTurn });
    // Both transactions hold a transaction id (they wrote rows) at once: the early one is held before its bump, the late one waits for it.
    await expect
      .poll(async () => {
        const { rows } = await sql<{ n: string }>`
          select count(distinct l.pid)::text as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where a.datname = current_database() and l.locktype = 'transactionid'`.execute(db);
        return Number(rows[0]?.n);
      })
      .toBe(2);
    expect(begun.sort()).toEqual(['early', 'late']);
    expect(await storedTexts(database)).toEqual({}); // nothing committed yet
    earlyMayCommit.resolve();
    await Promise.all([earlyStored, lateStored]);
    expect(await changeLog(database)).toEqual([early.map((v) => v.id).sort(), late.map((v) => v.id)]);
    expect(Object.keys(await storedTexts(database))).toHaveLength(3);
  });
});

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
  });

  it('a store whose turn to commit is refused (an earlier batch failed) rolls back', async () => {
    const { db } = database();
    const batch = [surveyAnswer(21)].map((item) => enriched(item));
    const refused = Promise.reject(new Error('the batch before failed'));
    refused.catch(() => undefined);
    const turn: CommitTurn = { mayBegin: Promise.resolve(), begun: () => undefined, mayCommit: refused };
    await expect(storeEnrichedBatch(db, { enriched: batch, failed: [] }, { now, turn })).rejects.toThrow('the batch before failed');
    expect(await storedTexts(database)).toEqual({});
    expect(await changeLog(database)).toEqual([]);
  });
});
