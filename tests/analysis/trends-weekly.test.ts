import { beforeAll, expect, it } from 'vitest';
import { buildReport, type Report } from '../../analysis/report.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import type { ThemeMention } from '../../core/verbatim.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

const fees: ThemeMention = { theme: 'fees_pricing', sentiment: 'negative', score: -0.5, confidence: 0.9, evidence: 'fees' };

/**
 * ISO weeks across the new year (1 Jan 2026 is a Thursday, so 2026 has 53 weeks; 1 Jan 2027 a Friday):
 * 1: Tue 29 Dec 2026 (2026-W53) P, fees · 2: Sun 3 Jan 2027 23:30 UTC (still 2026-W53) D ·
 * 3: Mon 4 Jan 2027 00:30 UTC (2027-W01) N, fees · 4: Wed 20 Jan 2027 (2027-W03) P. Nothing in 2027-W02.
 */
const ANSWERS = [
  { n: 1, nps: 10, date: '2026-12-29T10:00:00Z', themes: [fees] },
  { n: 2, nps: 0, date: '2027-01-03T23:30:00Z', themes: [] },
  { n: 3, nps: 8, date: '2027-01-04T00:30:00Z', themes: [fees] },
  { n: 4, nps: 9, date: '2027-01-20T12:00:00Z', themes: [] },
] as const;

forEachDatabase((database) => {
  let report: Report;
  beforeAll(async () => {
    const { db } = database();
    await truncateAll(db);
    const verbatims = ANSWERS.map((answer) => surveyAnswer(answer.n, { nps: answer.nps, createdAt: answer.date, text: `Answer ${answer.n} about fees` }));
    await insertVerbatims(db, verbatims);
    await saveEnrichments(db, verbatims.map((verbatim, index) => enriched(verbatim, { themes: [...(ANSWERS[index]?.themes ?? [])] })));
    report = await buildReport(db, {}, new Date('2027-02-01T00:00:00Z'), { minCount: 1, granularity: 'week' });
  });

  it('labels ISO weeks in SQL across the year boundary and fills the empty week', () => {
    // W53: 1 P 1 D → 0; W01: 1 N → 0; W02: nobody (null, no interval); W03: 1 P → 100
    expect(report.trends.granularity).toBe('week');
    expect(report.trends.periods.map((p) => [p.period, p.n, p.nps.score, p.nps.ci95 === null])).toEqual([
      ['2026-W53', 2, 0, false],
      ['2027-W01', 1, 0, false],
      ['2027-W02', 0, null, true],
      ['2027-W03', 1, 100, false],
    ]);
  });

  it('theme points line up with the filled periods', () => {
    // W53: fees on 1 (P) of 2: with 100, without (2, D) −100 → impact 0 − (−100) = +100. W01: fees on every answer → no impact.
    expect(report.trends.themes.find((t) => t.theme === 'fees_pricing')?.points.map((p) => [p.period, p.count, p.share, p.impact])).toEqual([
      ['2026-W53', 1, 0.5, 100],
      ['2027-W01', 1, 1, null],
      ['2027-W02', 0, 0, null],
      ['2027-W03', 0, 0, null],
    ]);
  });
});
