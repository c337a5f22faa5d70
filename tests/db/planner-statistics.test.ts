import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { openDetractorFollowups } from '../../db/followups.table.js';
import { refreshPlannerStatistics } from '../../db/planner-statistics.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { enriched, surveyAnswer } from './verbatim-fixtures.js';

/** The planner's row estimate of each written table (−1: never analysed since it was emptied). */
async function estimates(db: Parameters<typeof refreshPlannerStatistics>[0]): Promise<Record<string, number>> {
  const rows = await sql<{ relname: string; reltuples: number }>`
    select relname, reltuples::int as reltuples from pg_class
    where relname in ('verbatims', 'verbatim_themes', 'followups') and relkind = 'r'`.execute(db);
  return Object.fromEntries(rows.rows.map((row) => [row.relname, row.reltuples]));
}

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
  });

  it('gives the planner the row counts of the tables a bulk write changed', async () => {
    const { db } = database();
    const answers = [1, 2, 3, 4, 5, 6, 7].map((n) => surveyAnswer(n, { nps: n }));
    await insertVerbatims(db, answers);
    await saveEnrichments(db, answers.map((v) => enriched(v)));
    await openDetractorFollowups(db, new Date('2026-04-01T00:00:00Z'));
    // Emptied, then written: no statistics yet (PGlite never runs autovacuum; PostgreSQL's waits for 50 rows).
    expect(await estimates(db)).toEqual({ verbatims: -1, verbatim_themes: -1, followups: -1 });
    await refreshPlannerStatistics(db);
    const themes = await sql<{ n: number }>`select count(*)::int as n from verbatim_themes`.execute(db);
    expect(await estimates(db)).toEqual({ verbatims: 7, verbatim_themes: themes.rows[0]?.n, followups: 6 });
  });
});
