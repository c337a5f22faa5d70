import { beforeAll, expect, it } from 'vitest';
import { buildRootCause, type RootCause } from '../../analysis/root-cause.js';
import { InputError } from '../../core/errors.js';
import { forEachDatabase } from '../support/databases.js';
import { CUSTOMER_ANSWERS, SLA_NOW, seedViews } from './views-fixture.js';

/** Root cause of fees_pricing (answers 6, 9, 10 of views-fixture.ts), figures by hand. */
forEachDatabase((database) => {
  let rootCause: RootCause;
  beforeAll(async () => {
    await seedViews(database().db);
    rootCause = await buildRootCause(database().db, {}, 'fees_pricing', SLA_NOW, { granularity: 'month' });
  });

  it('states the driver figures of the theme', () => {
    expect(rootCause).toMatchObject({ theme: 'fees_pricing', label: 'fees_pricing', commented: 10 });
    expect(rootCause.driver).toMatchObject({ count: 3, share: 0.3, nps_with: -66.7, nps_without: 71.4, impact: -41.4 });
  });

  it('co-occurring themes with their lift against the rest', () => {
    // advisor with fees: answer 10 only → 1 of 3; advisor elsewhere: 3 of the 7 others → lift (1/3)/(3/7) = 0.78
    expect(rootCause.cooccurring).toEqual([{ theme: 'advisor_quality', count: 1, share: 0.3333, lift: 0.78, g2: 0.08, p_value: expect.any(Number), significant: false }]);
  });

  it('distinctive phrases by G² against the other verbatims', () => {
    // "fees" in 3 of 3 fee verbatims, 0 of the 7 others: E = 0.9, 2.1, 2.1, 4.9 → G² = 2(3 ln(3/0.9) + 7 ln(7/4.9)) = 12.22
    expect(rootCause.phrases).toEqual([
      { phrase: 'fees', target_docs: 3, target_share: 1, reference_docs: 0, reference_share: 0, ratio: null, g2: 12.22, p_value: expect.any(Number), significant: true },
    ]);
    expect(rootCause.phrases[0]?.p_value).toBeCloseTo(0.000473, 5);
  });

  it('journey steps and segments where the theme is over-represented', () => {
    // billing_statements holds all 3 fee verbatims and none of the 7 others: the same table as "fees" above
    expect(rootCause.journey).toEqual([
      { dimension: 'journey', value: 'billing_statements', theme_count: 3, theme_share: 1, others_share: 0, ratio: null, g2: 12.22, p_value: expect.any(Number), significant: true },
    ]);
    // Nice 1/3 vs 0/7 (G² 2.68), Paris 2/3 vs 2/7 (G² 1.27): over-represented, not significant on 10 answers
    expect(rootCause.segments.map((s) => [s.dimension, s.value, s.theme_count, s.theme_share, s.others_share, s.ratio, s.g2, s.significant])).toEqual([
      ['branch', 'Nice', 1, 0.3333, 0, null, 2.68, false],
      ['branch', 'Paris', 2, 0.6667, 0.2857, 2.33, 1.27, false],
    ]);
  });

  it('trend of the theme per period', () => {
    expect(rootCause.trend.themes[0]?.points.map((p) => [p.period, p.count, p.share])).toEqual([
      ['2026-02', 0, 0],
      ['2026-03', 3, 0.5],
    ]);
  });

  it('representative verbatims, each with its score and an evidence span inside its text', () => {
    const expected = CUSTOMER_ANSWERS.filter((answer) => answer.themes.some((theme) => theme.theme === 'fees_pricing'));
    expect(rootCause.verbatims.map((v) => v.text).sort()).toEqual(expected.map((answer) => answer.text).sort());
    for (const verbatim of rootCause.verbatims) {
      const answer = expected.find((candidate) => candidate.text === verbatim.text);
      const mention = answer?.themes.find((theme) => theme.theme === 'fees_pricing');
      expect(verbatim.score).toBe(mention?.score);
      expect(verbatim.nps).toBe(answer?.nps);
      expect(verbatim.evidence_span).not.toBeNull();
      const [start, end] = verbatim.evidence_span ?? [0, 0];
      expect(verbatim.text.slice(start, end)).toBe(mention?.evidence);
    }
  });

  it('every summary sentence comes from a section and repeats its figures', () => {
    expect(rootCause.summary.map((s) => s.source)).toEqual(['driver', 'driver', 'phrases', 'journey', 'trend', 'verbatims']);
    expect(rootCause.summary[0]?.text).toBe('fees_pricing is in 3 of 10 commented verbatims (30.0 %), mean sentiment -0.60.');
    expect(rootCause.summary[1]?.text).toBe('NPS is -66.7 with it and +71.4 without it: impact -41.4 points (95 % CI -51.6 to -8.0), significant.'); // as in nps.test.ts
    expect(rootCause.summary[2]?.text).toBe('Phrases distinctive of its verbatims: “fees” (100.0 % vs 0.0 %).');
    expect(rootCause.summary[3]?.text).toBe('Over-represented at billing_statements (100.0 % of its verbatims vs 0.0 % of the others).');
    expect(rootCause.summary[4]?.text).toBe('Its share of commented verbatims went from 0.0 % in 2026-02 to 50.0 % in 2026-03 (peak 50.0 % in 2026-03).');
  });

  it('names the themes it knows when asked for an unknown one', async () => {
    const error: unknown = await buildRootCause(database().db, {}, 'nope', SLA_NOW).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe('unknown theme `nope` (themes found: advisor_quality, fees_pricing, workload)');
  });
});
