import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import type { ThemeMention } from '../../core/verbatim.js';
import { insertRolledUpThemes } from '../../db/theme-rollup.js';
import { themesOf } from '../../db/verbatim-themes.table.js';
import { exportVerbatims, insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { enriched, surveyAnswer } from './verbatim-fixtures.js';

const mention = (theme: string, score: number, confidence = 0.9): ThemeMention => ({
  theme,
  sentiment: score < 0 ? 'negative' : score > 0 ? 'positive' : 'neutral',
  score,
  confidence,
  evidence: `about ${theme}`,
});

interface StoredRow {
  verbatim_id: string;
  theme: string;
  sentiment: string;
  score: number;
  confidence: number;
  evidence: string;
  rolled_up: boolean;
}

async function storedRows(database: () => { db: Parameters<typeof truncateAll>[0] }): Promise<StoredRow[]> {
  const { rows } = await sql<StoredRow>`
    select verbatim_id, theme, sentiment, round(score::numeric, 6)::float8 as score, confidence, evidence, rolled_up
    from verbatim_themes order by verbatim_id, theme`.execute(database().db);
  return rows;
}

forEachDatabase((database) => {
  const answers = [surveyAnswer(1, { nps: 2 }), surveyAnswer(2, { nps: 9 })];

  beforeEach(async () => {
    await truncateAll(database().db);
    await insertVerbatims(database().db, answers);
  });

  it('writes each ancestor of a sub-theme tag once per verbatim at save time, and leaves a parent stored directly alone', async () => {
    const [first, second] = answers as [(typeof answers)[0], (typeof answers)[0]];
    await saveEnrichments(database().db, [
      // Two sub-themes of fees that disagree, one of them two levels down: fees is mixed, their mean score, the evidence of the most confident.
      enriched(first, { themes: [mention('fees.card', -0.6, 0.7), mention('fees.card.atm', 0.2, 0.95)] }),
      // fees stored directly keeps its own tag; fees.card is rolled up from fees.card.atm.
      enriched(second, { themes: [mention('fees', 0.5), mention('fees.card.atm', -0.4)] }),
    ]);
    const rows = await storedRows(database);
    const id1 = first.id;
    const id2 = second.id;
    expect(rows).toEqual(
      [
        { verbatim_id: id1, theme: 'fees', sentiment: 'mixed', score: -0.2, confidence: 0.95, evidence: 'about fees.card.atm', rolled_up: true },
        { verbatim_id: id1, theme: 'fees.card', sentiment: 'negative', score: -0.6, confidence: 0.7, evidence: 'about fees.card', rolled_up: false },
        { verbatim_id: id1, theme: 'fees.card.atm', sentiment: 'positive', score: 0.2, confidence: 0.95, evidence: 'about fees.card.atm', rolled_up: false },
        { verbatim_id: id2, theme: 'fees', sentiment: 'positive', score: 0.5, confidence: 0.9, evidence: 'about fees', rolled_up: false },
        { verbatim_id: id2, theme: 'fees.card', sentiment: 'negative', score: -0.4, confidence: 0.9, evidence: 'about fees.card.atm', rolled_up: true },
        { verbatim_id: id2, theme: 'fees.card.atm', sentiment: 'negative', score: -0.4, confidence: 0.9, evidence: 'about fees.card.atm', rolled_up: false },
      ].sort((a, b) => a.verbatim_id.localeCompare(b.verbatim_id) || a.theme.localeCompare(b.theme)),
    );
  });

  it('re-enriching replaces the rolled-up parents with those of the new tags', async () => {
    const [first] = answers as [(typeof answers)[0]];
    await saveEnrichments(database().db, [enriched(first, { themes: [mention('fees.card', -0.6)] })]);
    await saveEnrichments(database().db, [enriched(first, { themes: [mention('staff.advisor', 0.4)] })]);
    expect((await storedRows(database)).map((row) => `${row.theme}${row.rolled_up ? ' (rolled up)' : ''}`)).toEqual(['staff (rolled up)', 'staff.advisor']);
  });

  it('shows users only the tags the pipeline gave: the listing, the export and the verbatim themes leave rolled-up parents out', async () => {
    const [first] = answers as [(typeof answers)[0]];
    await saveEnrichments(database().db, [enriched(first, { themes: [mention('fees.card', -0.6)] })]);
    expect((await themesOf(database().db, [first.id])).get(first.id)?.map((t) => t.theme)).toEqual(['fees.card']);
    const exported = [];
    for await (const page of exportVerbatims(database().db, { batchSize: 10, filter: { theme: 'fees' } })) exported.push(...page);
    // The export's --theme fees still finds the verbatim through its sub-theme.
    expect(exported.map((row) => [row.id, row.enrichment.themes.map((t) => t.theme)])).toEqual([[first.id, ['fees.card']]]);
  });

  it('the upgrade writes the rolled-up rows of tags stored before this version, the same as a save', async () => {
    const [first, second] = answers as [(typeof answers)[0], (typeof answers)[0]];
    await saveEnrichments(database().db, [
      enriched(first, { themes: [mention('fees.card', -0.6, 0.7), mention('fees.card.atm', 0.2, 0.95)] }),
      enriched(second, { themes: [mention('fees', 0.5), mention('fees.card.atm', -0.4)] }),
    ]);
    const saved = await storedRows(database);
    await sql`delete from verbatim_themes where rolled_up`.execute(database().db); // as stored by an older version
    expect(await insertRolledUpThemes(database().db, 'all')).toBe(2);
    expect(await storedRows(database)).toEqual(saved);
  });
});
