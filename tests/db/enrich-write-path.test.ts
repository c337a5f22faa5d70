import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import type { EnrichedVerbatim } from '../../core/verbatim.js';
import { enrichStore } from '../../db/enrich-store.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { forEachDatabase, truncateAll, type TestDatabase } from '../support/databases.js';
import { enriched, mention, QueryCounter, surveyAnswer } from './verbatim-fixtures.js';


const answers = [1, 2, 3].map((n) => surveyAnswer(n, { nps: n * 3 }));
const [first, second, third] = answers as [(typeof answers)[0], (typeof answers)[0], (typeof answers)[0]];

/** Sub-themes (rolled up into parents), a theme given twice (the most confident kept), none at all. */
const firstEnrichment: readonly EnrichedVerbatim[] = [
  enriched(first, { themes: [mention('fees.card', -0.6, 0.7), mention('fees.card.atm', 0.2, 0.95)] }),
  enriched(second, { themes: [mention('staff', 0.5, 0.6), mention('staff', 0.4, 0.8), mention('digital.app', -0.3)] }),
  enriched(third, { themes: [] }),
];

async function themeRows(database: () => TestDatabase): Promise<string[]> {
  const { rows } = await sql<{ row: string }>`
    select concat_ws(' ', verbatim_id, theme, sentiment, round(score::numeric, 6)::float8, confidence, evidence, case when rolled_up then 'rolled-up' else 'own' end) as row
    from verbatim_themes order by verbatim_id, theme`.execute(database().db);
  return rows.map((row) => row.row);
}

async function enrichmentColumns(database: () => TestDatabase): Promise<unknown[]> {
  return database().db.selectFrom('verbatims').select(['id', 'sentiment', 'journey', 'nps_category', 'enriched_at']).orderBy('id').execute();
}

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
    await insertVerbatims(database().db, answers);
  });

  it('a first enrichment (the enrich run saves pending rows) stores exactly what the replacing save stores', async () => {
    const now = new Date('2026-12-01T10:00:00.000Z');
    await saveEnrichments(database().db, firstEnrichment, { now });
    const replaced = { themes: await themeRows(database), columns: await enrichmentColumns(database) };
    expect(replaced.themes).toContain(`${first.id} fees mixed -0.2 0.95 about fees.card.atm rolled-up`);
    expect(replaced.themes).toContain(`${second.id} staff positive 0.4 0.8 about staff own`);

    await truncateAll(database().db);
    await insertVerbatims(database().db, answers);
    await enrichStore(database().db).save(firstEnrichment, now);
    expect({ themes: await themeRows(database), columns: await enrichmentColumns(database) }).toEqual(replaced);
  });

  it('a first enrichment takes the update, the theme insert and the version bump: no delete', async () => {
    const counter = new QueryCounter();
    const result = await saveEnrichments(database().db.withPlugin(counter), firstEnrichment, { onlyPending: true });
    expect(result).toEqual({ updated: 3, themes: 4, missing: [] });
    // update, insert, roll-up (the batch has sub-themes), version bump
    expect(counter.count).toBe(4);
    const flat = new QueryCounter();
    await truncateAll(database().db);
    await insertVerbatims(database().db, answers);
    await saveEnrichments(database().db.withPlugin(flat), [enriched(first, { themes: [mention('fees', -0.2)] })], { onlyPending: true });
    expect(flat.count).toBe(3);
  });

  it('a re-enrich after a first enrichment still replaces every old theme row, rolled-up parents included', async () => {
    await enrichStore(database().db).save(firstEnrichment, new Date());
    await saveEnrichments(database().db, [enriched(first, { themes: [mention('staff.advisor', 0.4)] }), enriched(second, { themes: [] })]);
    const rows = await themeRows(database);
    expect(rows.filter((row) => row.startsWith(first.id))).toEqual([
      `${first.id} staff positive 0.4 0.9 about staff.advisor rolled-up`,
      `${first.id} staff.advisor positive 0.4 0.9 about staff.advisor own`,
    ]);
    expect(rows.filter((row) => row.startsWith(second.id))).toEqual([]);
  });

  it('leaves a verbatim another run enriched meanwhile alone, its themes included (the first writer wins)', async () => {
    await saveEnrichments(database().db, [enriched(first, { themes: [mention('fees', -0.5)], sentiment: 'negative' })]);
    const before = await themeRows(database);
    await enrichStore(database().db).save([enriched(first, { themes: [mention('staff', 0.5)], sentiment: 'positive' })], new Date());
    expect(await themeRows(database)).toEqual(before);
    const row = await database().db.selectFrom('verbatims').select('sentiment').where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(row.sentiment).toBe('negative');
  });

  it('replaces, not duplicates nor fails on, the theme rows of a verbatim set pending again by hand', async () => {
    await saveEnrichments(database().db, firstEnrichment);
    await sql`update verbatims set enriched_at = null where id = ${first.id}`.execute(database().db);
    const result = await saveEnrichments(database().db, [enriched(first, { themes: [mention('fees.card', 0.3)] })], { onlyPending: true });
    expect(result).toEqual({ updated: 1, themes: 1, missing: [] });
    expect((await themeRows(database)).filter((row) => row.startsWith(first.id))).toEqual([
      `${first.id} fees positive 0.3 0.9 about fees.card rolled-up`,
      `${first.id} fees.card positive 0.3 0.9 about fees.card own`,
    ]);
  });
});
