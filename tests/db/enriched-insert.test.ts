import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import type { EnrichedVerbatim } from '../../core/verbatim.js';
import { insertEnrichedVerbatims } from '../../db/enriched-insert.js';
import { recordEnrichFailures } from '../../db/enrich-failures.js';
import { countPending, insertVerbatims, pendingVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { forEachDatabase, truncateAll, type TestDatabase } from '../support/databases.js';
import { storedVerbatimsAndThemes } from './stored-rows.js';
import { collect, enriched, mention, surveyAnswer } from './verbatim-fixtures.js';


const answers = [1, 2, 3, 4].map((n) => surveyAnswer(n, { nps: n * 2, text: `Answer ${n} with a NUL\u0000 and "quotes"`, segments: { country: 'FR', 'branch\u0000': `Lyon ${n}` } }));
const [first, second, third, fourth] = answers as [(typeof answers)[0], (typeof answers)[0], (typeof answers)[0], (typeof answers)[0]];
const now = new Date('2026-12-01T10:00:00.000Z');

/** Sub-themes (rolled up into parents), a theme given twice (the most confident kept), none at all. */
const batch: readonly EnrichedVerbatim[] = [
  enriched(first, { themes: [mention('fees.card', -0.6, 0.7), mention('fees.card.atm', 0.2, 0.95)] }),
  enriched(second, { themes: [mention('staff', 0.5, 0.6), mention('staff', 0.4, 0.8), mention('digital.app', -0.3)] }),
  enriched(third, { themes: [], journey: null, npsCategory: null, sentimentSupported: false }),
];

/** Every column of every verbatim but `imported_at`, and every theme row, in a stable order. */
async function stored(database: () => TestDatabase): Promise<{ verbatims: unknown[]; themes: unknown[] }> {
  return storedVerbatimsAndThemes(database().db);
}

async function dataVersion(database: () => TestDatabase): Promise<{ changes: string; logged: string[] }> {
  const { rows } = await sql<{ changes: string }>`select changes::text from data_version`.execute(database().db);
  const { rows: logged } = await sql<{ id: string }>`select unnest(verbatim_ids) as id from data_changes order by seq, 1`.execute(database().db);
  return { changes: rows[0]?.changes ?? '', logged: logged.map((row) => row.id) };
}

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
  });

  it('stores rows, theme rows and roll-up exactly as an insert then a first enrichment do', async () => {
    await insertVerbatims(database().db, answers.slice(0, 3));
    await saveEnrichments(database().db, batch, { now, onlyPending: true });
    const twoStep = await stored(database);

    await truncateAll(database().db);
    const result = await insertEnrichedVerbatims(database().db, { enriched: batch, failed: [] }, { now });
    expect(result).toEqual({ inserted: 3, duplicates: 0, enriched: 3, failed: 0, themes: 4 });
    const onePass = await stored(database);
    expect(onePass).toEqual(twoStep);
    expect(onePass.themes).toContainEqual(expect.objectContaining({ verbatim_id: first.id, theme: 'fees', rolled_up: true }));
  });

  it('adds nothing twice: the ids it holds are duplicates, their rows untouched, the version unmoved', async () => {
    await insertEnrichedVerbatims(database().db, { enriched: batch, failed: [] }, { now });
    const before = await stored(database);
    const version = await dataVersion(database);
    expect(version.logged).toEqual([first.id, second.id, third.id].sort());

    const later = new Date('2026-12-02T10:00:00.000Z');
    const again = await insertEnrichedVerbatims(database().db, { enriched: [enriched(first, { themes: [mention('other', 0.1)] })], failed: [] }, { now: later });
    expect(again).toEqual({ inserted: 0, duplicates: 1, enriched: 0, failed: 0, themes: 0 });
    expect(await stored(database)).toEqual(before);
    expect(await dataVersion(database)).toEqual(version);
  });

  it('stores the new ones of a batch that holds some already there, and the first copy of an id given twice', async () => {
    await insertEnrichedVerbatims(database().db, { enriched: batch.slice(0, 1), failed: [] }, { now });
    const copy = enriched(second, { sentiment: 'negative', themes: [mention('copy', -0.5)] });
    const result = await insertEnrichedVerbatims(database().db, { enriched: [...batch, copy], failed: [] }, { now });
    expect(result).toEqual({ inserted: 2, duplicates: 2, enriched: 2, failed: 0, themes: 2 });
    const themes = (await stored(database)).themes.map((row) => (row as { theme: string }).theme);
    expect(themes).not.toContain('copy');
  });

  it('stores a verbatim the pipeline failed on pending, its failure counted as an enrich run counts it', async () => {
    const result = await insertEnrichedVerbatims(database().db, { enriched: batch.slice(0, 1), failed: [{ verbatim: fourth, reason: 'the sentiment model crashed' }] }, { now });
    expect(result).toEqual({ inserted: 2, duplicates: 0, enriched: 1, failed: 1, themes: 2 });
    const onePass = (await stored(database)).verbatims.find((row) => (row as { id: string }).id === fourth.id);

    await truncateAll(database().db);
    await insertVerbatims(database().db, [fourth]);
    await recordEnrichFailures(database().db, [{ id: fourth.id, reason: 'the sentiment model crashed' }]);
    const twoStep = (await stored(database)).verbatims.find((row) => (row as { id: string }).id === fourth.id);
    expect(onePass).toEqual(twoStep);
    expect(onePass).toMatchObject({ enriched_at: null, enrich_failures: 1, enrich_error: 'the sentiment model crashed' });

    // `verbatim enrich` picks it up.
    await truncateAll(database().db);
    await insertEnrichedVerbatims(database().db, { enriched: batch.slice(0, 1), failed: [{ verbatim: fourth, reason: 'the sentiment model crashed' }] }, { now });
    expect(await countPending(database().db)).toBe(1);
    expect((await collect(pendingVerbatims(database().db, { batchSize: 10 }))).map((verbatim) => verbatim.id)).toEqual([fourth.id]);
  });

  it('stores each verbatim the model versions it was enriched with, when a batch holds several', async () => {
    const older = enriched(fourth, { modelVersions: { sentiment: 'lexicon-0', language: 'eld-1' } });
    await insertEnrichedVerbatims(database().db, { enriched: [batch[0] as EnrichedVerbatim, older, batch[1] as EnrichedVerbatim], failed: [] }, { now });
    const versions = Object.fromEntries((await stored(database)).verbatims.map((row) => [(row as { id: string }).id, (row as { model_version: string }).model_version]));
    expect(versions).toEqual({
      [first.id]: '{"language":"eld-2","sentiment":"lexicon-1"}',
      [second.id]: '{"language":"eld-2","sentiment":"lexicon-1"}',
      [fourth.id]: '{"language":"eld-1","sentiment":"lexicon-0"}',
    });
  });

  it('refuses a score the table would refuse, naming the field, before writing anything', async () => {
    const bad = enriched(surveyAnswer(9, { nps: 11 }));
    await expect(insertEnrichedVerbatims(database().db, { enriched: [...batch, bad], failed: [] }, { now })).rejects.toMatchObject({ field: 'nps' });
    expect((await stored(database)).verbatims).toEqual([]);
  });
});
