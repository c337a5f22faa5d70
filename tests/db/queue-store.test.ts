import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { databaseBatchStore, pendingIdBatches, stillPendingAmong } from '../../db/queue-store.js';
import { createPipeline } from '../../pipeline/create-pipeline.js';
import { createBatchProcessor } from '../../pipeline/queue/batch-processor.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { fakeModels } from '../pipeline/fake-models.js';
import { openTestDatabase, truncateAll, type TestDatabase } from '../support/databases.js';

// Workers share a PostgreSQL server; the embedded database serves one process only.
let database: TestDatabase;
const now = (): Date => new Date('2026-11-25T10:00:00Z');
const answers = Array.from({ length: 7 }, (_, n) => surveyAnswer(n));
const ids = answers.map((answer) => answer.id).sort();

beforeAll(async () => {
  database = await openTestDatabase('postgres');
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await truncateAll(database.db);
  await insertVerbatims(database.db, answers);
});

describe('pendingIdBatches', () => {
  it('yields the pending ids in order, in batches, leaving out what is enriched', async () => {
    await saveEnrichments(database.db, [enriched(answers[0]!)]);
    const batches: string[][] = [];
    for await (const batch of pendingIdBatches(database.db, 3)) batches.push(batch);
    const pending = ids.filter((id) => id !== answers[0]!.id);
    expect(batches).toEqual([pending.slice(0, 3), pending.slice(3, 6)]);
  });
});

describe('stillPendingAmong', () => {
  it('names the ids not enriched yet, leaving out the enriched and the unknown', async () => {
    await saveEnrichments(database.db, [enriched(answers[0]!)]);
    expect(await stillPendingAmong(database.db, [answers[0]!.id, answers[1]!.id, 'v_gone'])).toEqual([answers[1]!.id]);
    expect(await stillPendingAmong(database.db, [])).toEqual([]);
  });
});

describe('databaseBatchStore', () => {
  it('loads the pending verbatims of a batch, skips the enriched ones and names the missing ones', async () => {
    const store = databaseBatchStore(database.db, now);
    await saveEnrichments(database.db, [enriched(answers[1]!)]);
    const { pending, missing } = await store.load([answers[0]!.id, answers[1]!.id, 'v_gone']);
    expect(pending).toEqual([answers[0]]);
    expect(missing).toEqual(['v_gone']);
  });

  it('saves over pending rows only: the first writer wins, a second save writes nothing', async () => {
    const store = databaseBatchStore(database.db, now);
    expect(await store.save([enriched(answers[2]!)])).toEqual({ updated: 1 });
    expect(await store.save([enriched(answers[2]!, { sentiment: 'positive', themes: [] })])).toEqual({ updated: 0 });
    const row = await database.db.selectFrom('verbatims').select(['sentiment']).where('id', '=', answers[2]!.id).executeTakeFirstOrThrow();
    expect(row.sentiment).toBe('mixed');
    const themes = await database.db.selectFrom('verbatim_themes').select('theme').where('verbatim_id', '=', answers[2]!.id).execute();
    expect(themes).toHaveLength(2);
  });

  it('processes a batch job twice (re-delivered after a crash) with one write per verbatim', async () => {
    const processor = createBatchProcessor({ store: databaseBatchStore(database.db, now), pipeline: createPipeline(fakeModels()), now });
    const signal = new AbortController().signal;
    expect(await processor({ ids }, { signal })).toEqual({ enriched: 7, skipped: 0 });
    expect(await processor({ ids }, { signal })).toEqual({ enriched: 0, skipped: 7 });
    const themes = await database.db.selectFrom('verbatim_themes').select(['verbatim_id', 'theme']).execute();
    expect(themes).toHaveLength(7); // one fake 'fees_pricing' mention each, not two
  });
});
