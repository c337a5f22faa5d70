import { beforeEach, expect, it } from 'vitest';
import { driverImpact } from '../../analysis/driver-impact.js';
import { previewTaxonomy } from '../../analysis/taxonomy-preview.js';
import type { ThemeMention, Verbatim } from '../../core/verbatim.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

const mention = (theme: string): ThemeMention => ({ theme, sentiment: 'negative', score: -0.5, confidence: 0.9, evidence: theme });

/** Six customers (NPS 0, 2, 5, 7, 9, 10) all tagged `fees`; one employee. */
const answers = [0, 2, 5, 7, 9, 10].map((nps, index) => surveyAnswer(index + 1, { nps, text: `answer ${index + 1}` }));
const employee = surveyAnswer(7, { nps: 3, respondent: 'employee', text: 'answer 7' });

/** The proposed taxonomy, faked: `fees` only on the detractors, `charges` on every odd answer. */
const proposed = {
  tag: (batch: readonly Verbatim[]) =>
    Promise.resolve(
      batch.map((verbatim) => {
        const n = Number(verbatim.text.split(' ')[1]);
        return [...((verbatim.nps ?? 10) <= 6 ? [mention('fees')] : []), ...(n % 2 === 1 ? [mention('charges')] : [])];
      }),
    ),
};

forEachDatabase((database) => {
  beforeEach(async () => {
    const { db } = database();
    await truncateAll(db);
    await insertVerbatims(db, [...answers, employee]);
    await saveEnrichments(db, [...answers, employee].map((verbatim) => enriched(verbatim, { themes: [mention('fees')] })));
  });

  it('counts the verbatims that gain and lose each theme, with samples, and moves the driver rows with the report’s maths', async () => {
    const preview = await previewTaxonomy(database().db, proposed, { batchSize: 2, samples: 2 });
    expect(preview.scanned).toBe(7);
    // Every verbatim but the two promoters keeps fees; answers 1, 3, 5, 7 gain charges; 4 (passive) and 6 (promoter, even) lose fees only.
    expect(preview.changed).toBe(6);
    const fees = preview.themes.find((theme) => theme.theme === 'fees');
    const charges = preview.themes.find((theme) => theme.theme === 'charges');
    expect(fees).toMatchObject({ gained: 0, lost: 3, mentionsBefore: 6, mentionsAfter: 3 });
    expect(fees?.lostSamples).toHaveLength(2);
    expect(charges).toMatchObject({ gained: 4, lost: 0, mentionsBefore: 0, mentionsAfter: 3, impactBefore: null });
    expect(charges?.gainedSamples).toHaveLength(2);
    for (const sample of charges?.gainedSamples ?? []) expect(['answer 1', 'answer 3', 'answer 5', 'answer 7']).toContain(sample.text);
    // Customers only: 3 detractors, 1 passive, 2 promoters.
    const all = { promoters: 2, passives: 1, detractors: 3 };
    expect(fees?.impactBefore).toBe(driverImpact(all, all).impact);
    expect(fees?.impactAfter).toBe(driverImpact(all, { promoters: 0, passives: 0, detractors: 3 }).impact);
    // charges after: answers 1 (0), 3 (5), 5 (9) → 2 detractors, 1 promoter.
    expect(charges?.impactAfter).toBe(driverImpact(all, { promoters: 1, passives: 0, detractors: 2 }).impact);
    expect(preview.themes[0]?.theme).toBe('charges');
  });

  it('keeps to a scope', async () => {
    const preview = await previewTaxonomy(database().db, proposed, { scope: { country: 'FR' } });
    expect(preview.scanned).toBe([...answers, employee].filter((verbatim) => verbatim.segments['country'] === 'FR').length);
  });
});
