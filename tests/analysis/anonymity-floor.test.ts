import { beforeAll, describe, expect, it } from 'vitest';
import { validateMinGroup } from '../../analysis/anonymity-floor.js';
import { readEnvironment } from '../../cli/environment.js';
import { buildReport } from '../../analysis/report.js';
import { reportForScope } from '../../analysis/report-for-scope.js';
import type { ThemeMention } from '../../core/verbatim.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

const tools: ThemeMention = { theme: 'digital_app', sentiment: 'negative', score: -0.6, confidence: 1, evidence: 'outils lents' };
const NOW = new Date('2026-06-15T00:00:00Z');

describe('the anonymity floor setting (issue 14 item 4)', () => {
  it.each([
    [{}, 5],
    [{ VERBATIM_MIN_GROUP: '8' }, 8],
    [{ VERBATIM_MIN_GROUP: '3' }, 3],
  ])('%j → %i', (env, expected) => {
    expect(readEnvironment(env, '/tmp').minGroup).toBe(expected);
  });

  it.each([{ VERBATIM_MIN_GROUP: '2' }, { VERBATIM_MIN_GROUP: '1' }, { VERBATIM_MIN_GROUP: 'five' }, { VERBATIM_MIN_GROUP: '4.5' }])('refuses %j', (env) => {
    expect(() => readEnvironment(env, '/tmp')).toThrow(/VERBATIM_MIN_GROUP.*from 3 and up/);
  });

  it('refuses a floor below 3 as a report option', () => {
    expect(() => validateMinGroup(2)).toThrow(RangeError);
  });
});

forEachDatabase((database) => {
  beforeAll(async () => {
    const { db } = database();
    await truncateAll(db);
    // Two employees in Lyon (one detractor, one promoter), six in Paris; customers in both.
    const employees = [
      ...[2, 10].map((nps, i) => surveyAnswer(100 + i, { respondent: 'employee', nps, text: `Lyon ${i}: outils lents`, segments: { branch: 'Lyon' }, createdAt: '2026-05-02T10:00:00.000Z' })),
      ...[9, 9, 3, 10, 7, 9].map((nps, i) => surveyAnswer(200 + i, { respondent: 'employee', nps, text: `Paris ${i}: outils lents`, segments: { branch: 'Paris' }, createdAt: '2026-05-03T10:00:00.000Z' })),
    ];
    const customers = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => surveyAnswer(n, { nps: n + 2, segments: { branch: n % 2 === 0 ? 'Lyon' : 'Paris' }, createdAt: '2026-05-04T10:00:00.000Z' }));
    await insertVerbatims(db, [...employees, ...customers]);
    await saveEnrichments(db, [
      ...employees.map((row) => enriched(row, { themes: [tools], journey: 'support_contact', sentiment: 'negative', sentimentScore: -0.6 })),
      ...customers.map((row) => enriched(row, { journey: 'support_contact' })),
    ]);
  });

  it('shows the eNPS of the 8 employees, and withholds the Lyon eNPS of 2 answers', async () => {
    const { db } = database();
    const all = await reportForScope(db, { filters: {} }, ['enps'], NOW);
    expect(all.enps?.nps.score).not.toBeNull();
    const lyon = await reportForScope(db, { filters: {}, role: { branch: 'Lyon' } }, ['enps', 'moments', 'report'], NOW);
    expect(lyon.enps?.nps).toEqual({ promoters: 0, passives: 0, detractors: 0, n: 2, score: null, ci95: null, withheld: 'fewer than 5 answers' });
    expect(lyon.enps?.drivers.every((driver) => driver.nps_with === null && driver.impact === null)).toBe(true);
    expect(lyon.report.enps?.nps.withheld).toBe('fewer than 5 answers');
    const step = lyon.moments.steps.find((cell) => cell.step === 'support_contact');
    expect(step?.employee).toMatchObject({ n: 2, valence: null, signal: 'none', withheld: 'fewer than 5 answers' });
  });

  it('withholds every figure of a filtered employee view with 2 answers (headline, drivers, journey, trend, breakdowns)', async () => {
    const { db } = database();
    const scope = { filters: { respondent: 'employee' as const, segments: { branch: 'Lyon' } } };
    const { summary, journey, trend, report } = await reportForScope(db, scope, ['summary', 'journey', 'trend', 'report'], NOW, { minCount: 1 });
    expect(summary.nps).toMatchObject({ n: 2, score: null, withheld: 'fewer than 5 answers', promoters: 0, detractors: 0 });
    expect(summary.drivers.map((driver) => [driver.nps_with, driver.nps_without, driver.impact])).toEqual([[null, null, null]]);
    expect(journey.map((row) => row.nps)).toEqual([null]);
    expect(trend.map((point) => point.nps.withheld)).toEqual(['fewer than 5 answers']);
    expect(report.nps.withheld).toBe('fewer than 5 answers');
    expect(report.trends.periods.every((period) => period.nps.score === null)).toBe(true);
    expect(report.key_drivers.themes).toEqual([]);
    for (const breakdown of report.breakdowns) {
      for (const group of breakdown.groups) expect(group.nps.score, `${breakdown.dimension}=${group.value}`).toBeNull();
    }
  });

  it('shows the employee breakdown group of 6 and withholds the group of 2', async () => {
    const { db } = database();
    const report = await buildReport(db, { respondent: 'employee' }, NOW, { segmentKeys: ['branch'] });
    expect(report.nps.score).not.toBeNull();
    const branch = report.breakdowns.find((breakdown) => breakdown.dimension === 'branch');
    expect(branch?.groups.map((group) => [group.value, group.nps.withheld ?? group.nps.score])).toEqual([
      ['Paris', expect.any(Number)],
      ['Lyon', 'fewer than 5 answers'],
    ]);
  });

  it('takes a floor from 3, refuses 2, and leaves customer groups alone', async () => {
    const { db } = database();
    const report = await buildReport(db, { segments: { branch: 'Lyon' } }, NOW, { minGroup: 3 });
    expect(report.nps.n).toBe(4);
    expect(report.nps.score).not.toBeNull();
    expect(report.enps?.nps.n).toBe(8);
    await expect(buildReport(db, {}, NOW, { minGroup: 2 })).rejects.toThrow(RangeError);
  });
});
