import { beforeEach, expect, it } from 'vitest';
import { ratingBreakdowns, type RatingBreakdown } from '../../analysis/rating-breakdowns.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { seedRatingData } from './rating-fixture.js';

/** Each group as [value, n, mean, ci95]. */
const figures = (breakdown: RatingBreakdown | undefined) => breakdown?.groups.map((group) => [group.value, group.rating.n, group.rating.mean, group.rating.ci95]);

/**
 * The eight reviews of the rating fixture (1–8 March; the survey answers have no stars,
 * the two employee reviews are not customers'). Even-numbered ones are FR (4, 2, 3, 2:
 * 2.75 [1.23, 4.27]), odd ones BE (5, 5, 1, 4: mean 3.75, s² 3.583, ± 3.1824 · 0.9465 →
 * [0.74, 6.76] kept within [1, 5]).
 */
forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
    await seedRatingData(database().db);
  });

  it('gives the rating by week, source and segment value', async () => {
    const views = await ratingBreakdowns(database().db, { filters: {} });
    expect(views.granularity).toBe('week');
    // Sunday 1 March is in ISO week 9; the seven reviews of 2–8 March (4, 5, 2, 1, 3, 4, 2) in week 10.
    expect(figures(views.trend)).toEqual([
      ['2026-W09', 1, 5, null],
      ['2026-W10', 7, 3, expect.any(Array)],
    ]);
    expect(views.groups.map((breakdown) => breakdown.dimension)).toEqual(['source', 'channel', 'country']);
    expect(figures(views.groups[0])).toEqual([['reviews', 8, 3.25, [2.01, 4.49]]]);
    expect(figures(views.groups[2])).toEqual([
      ['BE', 4, 3.75, [1, 5]],
      ['FR', 4, 2.75, [1.23, 4.27]],
    ]);
    expect(views.groups[2]?.groups[1]?.rating.distribution).toEqual({ 1: 0, 2: 2, 3: 1, 4: 1, 5: 0 });
  });

  it('keeps to the viewer’s role scope and withholds employee groups under the floor', async () => {
    const france = await ratingBreakdowns(database().db, { role: { country: 'FR' }, filters: {} }, { granularity: 'month' });
    expect(figures(france.trend)).toEqual([['2026-03', 4, 2.75, [1.23, 4.27]]]);
    const staff = await ratingBreakdowns(database().db, { filters: { respondent: 'employee' } }, { minGroup: 5 });
    expect(staff.trend.groups.map((group) => [group.rating.n, group.rating.mean, group.rating.withheld])).toEqual([[2, null, 'fewer than 5 answers']]);
  });
});
