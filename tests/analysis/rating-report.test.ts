import { beforeAll, describe, expect, it } from 'vitest';
import { reportForScope } from '../../analysis/report-for-scope.js';
import { buildReport } from '../../analysis/report.js';
import { ratingImpact } from '../../analysis/rating-drivers.js';
import { studentT975 } from '../../analysis/rating-student-t.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { EXPECTED_DRIVERS, EXPECTED_RATING, RATING_NOW as NOW, seedRatingData } from './rating-fixture.js';

forEachDatabase((database) => {
  beforeAll(async () => {
    const { db } = database();
    await truncateAll(db);
    await seedRatingData(db);
  });

  it('reviews only: mean, t interval, distribution and Welch drivers as computed by hand', async () => {
    const report = await buildReport(database().db, { source: 'reviews' }, NOW, { minCount: 3 });
    expect(report.nps).toMatchObject({ n: 0, score: null });
    expect(report.rating).toEqual(EXPECTED_RATING);
    expect(report.rating_drivers).toEqual(EXPECTED_DRIVERS);
  });

  it('reviews and survey answers together: NPS from the answers, the rating from the reviews, unchanged', async () => {
    const report = await buildReport(database().db, {}, NOW, { minCount: 3 });
    expect(report.nps).toMatchObject({ n: 4, score: 25, promoters: 2, passives: 1, detractors: 1 });
    expect(report.rating).toEqual(EXPECTED_RATING);
    expect(report.rating_drivers).toEqual(EXPECTED_DRIVERS);
    // staff: 5 tagged verbatims, of which the 2 answers count for NPS (both promoters)
    expect(report.drivers.find((d) => d.theme === 'staff')).toMatchObject({ count: 5, nps_with: 100 });
  });

  it('a scope without ratings: rating null, no rating drivers', async () => {
    const report = await buildReport(database().db, { source: 'survey' }, NOW, { minCount: 1 });
    expect(report.nps.score).toBe(25);
    expect(report.rating).toBeNull();
    expect(report.rating_drivers).toEqual([]);
  });

  it('the summary section (dashboard) carries the same rating as the report (API)', async () => {
    const { summary, report } = await reportForScope(database().db, { role: {}, filters: { source: 'reviews' } }, ['summary', 'report'], NOW, { minCount: 3 });
    expect(summary.rating).toEqual(EXPECTED_RATING);
    expect(summary.rating_drivers).toEqual(EXPECTED_DRIVERS);
    expect(report.rating).toEqual(summary.rating);
  });

  it('employee ratings below the anonymity floor: n only, no mean, no distribution, no drivers', async () => {
    const report = await buildReport(database().db, { respondent: 'employee' }, NOW, { minCount: 1 });
    expect(report.rating).toEqual({ n: 2, mean: null, ci95: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, withheld: 'fewer than 5 answers' });
    expect(report.rating_drivers).toEqual([]);
  });
});

describe('ratingImpact edge cases', () => {
  const moments = (values: readonly number[]) => ({ n: values.length, sum: values.reduce((a, b) => a + b, 0), sumSquares: values.reduce((a, b) => a + b * b, 0) });
  const all = (withTheme: readonly number[], without: readonly number[]) => moments([...withTheme, ...without]);

  it.each([
    ['one rating with the theme: means, no interval', [5], [1, 2, 3], { rating_with: 5, rating_without: 2, impact: 3, ci95: null, significant: false }],
    ['no spread on either side: no interval, not significant', [5, 5], [1, 1], { rating_with: 5, rating_without: 1, impact: 4, ci95: null, significant: false }],
    ['every rated verbatim has the theme: nothing to compare', [4, 5], [], { rating_with: 4.5, rating_without: null, impact: null, ci95: null, significant: false }],
  ] as const)('%s', (_name, withTheme, without, expected) => {
    expect(ratingImpact(all(withTheme, without), moments(withTheme))).toEqual(expected);
  });

  it('an employee side below the floor withholds every figure', () => {
    expect(ratingImpact(all([5, 4], [1, 2, 3, 1, 2]), moments([5, 4]), 5)).toEqual({ rating_with: null, rating_without: null, impact: null, ci95: null, significant: false });
  });
});

describe('studentT975', () => {
  // scipy.stats.t.ppf(0.975, df)
  it.each([
    [1, 12.706204736174694],
    [2, 4.302652729749462],
    [2.97, 3.200709448446217],
    [5.969, 2.4499956160402157],
    [7, 2.364624251592784],
    [30, 2.0422724563012378],
    [1000, 1.9623390808264083],
  ])('df %d → %d', (df, expected) => {
    expect(studentT975(df)).toBeCloseTo(expected, 7);
  });

  it('refuses a df that is not above 0', () => {
    expect(() => studentT975(0)).toThrow(/Expected `df` to be a number above 0, got `0`/);
  });
});
