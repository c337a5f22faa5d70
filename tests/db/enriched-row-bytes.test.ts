import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import type { EnrichedVerbatim } from '../../core/verbatim.js';
import { insertEnrichedVerbatims, type EnrichedImportBatch } from '../../db/enriched-insert.js';
import { encodeBatch, encodeEnrichedRows } from '../../db/enriched-row-bytes.js';
import { forEachDatabase, truncateAll, type TestDatabase } from '../support/databases.js';
import { storedVerbatimsAndThemes } from './stored-rows.js';
import { enriched, mention, surveyAnswer } from './verbatim-fixtures.js';

const now = new Date('2026-12-01T10:00:00.000Z');
const [n2, n3, n4, n5, n6] = [2, 3, 4, 5, 6].map((n) => surveyAnswer(n));
const sub = (theme: string, confidence = 0.9) => mention(theme, -0.4, confidence);

/** Texts COPY must keep, nulls, sub-themes to roll up, a repeated mention, an id twice, one already stored (`n6`), one without themes. */
const batch: readonly EnrichedVerbatim[] = [
  enriched(surveyAnswer(1, { text: 'NUL\u0000 and 東京 🙂 \\N \t\n', segments: { 'clé\u0000': 'été' } }), { themes: [sub('fees.card.atm'), mention('fees.card', 0.3, 0.4)] }),
  enriched(n2 as EnrichedVerbatim, { themes: [mention('staff', 0.5), mention('staff', 0.2, 0.95)] }),
  enriched(n3 as EnrichedVerbatim, { themes: [], journey: null, npsCategory: null }),
  enriched(surveyAnswer(4, { createdAt: null, nps: null, rating: 4.5, authorKey: null, externalId: 'R-4' }), { themes: [sub('product.cards.fees')] }),
  enriched(n5 as EnrichedVerbatim, { themes: [mention('first_copy', 0.1)] }),
  enriched(n5 as EnrichedVerbatim, { themes: [mention('second_copy', 0.1)], sentiment: 'negative' }),
  enriched(n6 as EnrichedVerbatim, { themes: [mention('not_again', 0.1)] }),
];

/** Every column of every verbatim but `imported_at`, every theme row, the change log's ids. */
async function stored(database: () => TestDatabase) {
  const { db } = database();
  const { rows: logged } = await sql<{ id: string }>`select unnest(verbatim_ids) as id from data_changes order by seq, 1`.execute(db);
  return { ...(await storedVerbatimsAndThemes(db)), logged: logged.map((row) => row.id) };
}

/** `batch` stored over a database holding `n6`, with its rows encoded as a thread encodes them, or not. */
async function storeBatch(database: () => TestDatabase, encoded: boolean, failed: EnrichedImportBatch['failed'] = []) {
  await truncateAll(database().db);
  await insertEnrichedVerbatims(database().db, { enriched: [enriched(n6 as EnrichedVerbatim, { themes: [mention('held', 0.2)] })], failed: [] }, { now });
  const given: EnrichedImportBatch = encoded ? { enriched: batch, failed, encoded: encodeEnrichedRows(batch) } : { enriched: batch, failed };
  const result = await insertEnrichedVerbatims(database().db, given, { now });
  return { result, rows: await stored(database) };
}

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
  });

  it('stores the same rows, theme rows, roll-up and change log from rows encoded beforehand as from rows it builds', async () => {
    const built = await storeBatch(database, false);
    const copied = await storeBatch(database, true);
    expect(copied.result).toEqual({ inserted: 5, duplicates: 2, enriched: 5, failed: 0, themes: 5 });
    expect(copied.result).toEqual(built.result);
    expect(copied.rows).toEqual(built.rows);
    // The store's clock, not the encoder's placeholder; the first copy of an id; the parents rolled up.
    const { db } = database();
    const at = await db.selectFrom('verbatims').select('enriched_at').where('id', '=', n2?.id ?? '').executeTakeFirst();
    expect(at?.enriched_at).toEqual(now);
    const themes = await db.selectFrom('verbatim_themes').select(['verbatim_id', 'theme', 'rolled_up']).orderBy('theme').execute();
    expect(themes.filter((row) => row.verbatim_id === n5?.id).map((row) => row.theme)).toEqual(['first_copy']);
    expect(themes.filter((row) => row.verbatim_id === n4?.id && row.rolled_up).map((row) => row.theme)).toEqual(['product', 'product.cards']);
  });

  it('copies the encoded rows on the embedded database (a server takes the rows it builds)', async () => {
    const { db, kind } = database();
    const told = batch.map((item) => ({ ...item, enrichment: { ...item.enrichment, sentiment: 'positive' as const } }));
    await insertEnrichedVerbatims(db, { enriched: batch, failed: [], encoded: encodeEnrichedRows(told) }, { now });
    const sentiments = await db.selectFrom('verbatims').select('sentiment').distinct().execute();
    expect(sentiments.map((row) => row.sentiment)).toEqual([kind === 'pglite' ? 'positive' : 'mixed']);
  });

  it('builds the rows itself when a verbatim of the batch failed, the encoded rows left aside', async () => {
    const failed = [{ verbatim: surveyAnswer(9), reason: 'the sentiment model crashed' }];
    const built = await storeBatch(database, false, failed);
    const copied = await storeBatch(database, true, failed);
    expect(copied.result).toEqual({ inserted: 6, duplicates: 2, enriched: 5, failed: 1, themes: 5 });
    expect(copied.rows).toEqual(built.rows);
  });

  it('stores nothing new of a batch it holds already, encoded or not', async () => {
    await storeBatch(database, true);
    const again = await insertEnrichedVerbatims(database().db, { enriched: batch, failed: [], encoded: encodeEnrichedRows(batch) }, { now });
    expect(again).toEqual({ inserted: 0, duplicates: 7, enriched: 0, failed: 0, themes: 0 });
  });
});

it('gives the thread nothing to hand over for rows it cannot encode: the store builds them and meets the error itself', () => {
  const offset = enriched(surveyAnswer(20, { createdAt: '2026-03-10 09:30:00+02' }));
  const outOfRange = enriched(surveyAnswer(21, { nps: 11 }));
  expect(encodeBatch([enriched(surveyAnswer(22)), offset])).toBeUndefined();
  expect(encodeBatch([outOfRange])).toBeUndefined();
  const fine = encodeBatch([enriched(surveyAnswer(22)), enriched(surveyAnswer(23), { themes: [] })]);
  expect(fine?.value.rows.ends).toHaveLength(2);
  expect([...(fine?.value.themeCounts ?? [])]).toEqual([2, 0]);
  // Every buffer moved is one of its own, once.
  expect(new Set(fine?.transfer).size).toBe(7);
});
