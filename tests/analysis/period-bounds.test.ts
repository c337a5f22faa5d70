import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_PERIODS, periodsBetween } from '../../analysis/periods.js';
import { buildReport } from '../../analysis/report.js';
import { npsTrend } from '../../analysis/nps-trend.js';
import { buildTrends } from '../../analysis/trends.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

const group = (value: string, n: number) => ({ dimension: 'period', value, n, commented: n, promoters: n, passives: 0, detractors: 0 });

describe('trend periods are bounded (issue 14 item 7: one date of 9999-12-31)', () => {
  it.each([
    ['month', '2026-01', '9999-12', ['2026-01'], '2100-12'],
    ['week', '2026-W01', '9999-W52', ['2026-W01'], '2100-W52'],
    ['month', '0001-01', '2026-03', ['1900-01'], '2026-03'],
  ] as const)('%s from %s to %s fills 1900–2100 only', (granularity, first, last, head, tail) => {
    const labels = periodsBetween(first, last, granularity);
    expect(labels.length).toBeLessThanOrEqual(MAX_PERIODS);
    expect(labels.slice(0, 1)).toEqual(head);
    if (granularity === 'month') expect(labels.at(-1)).toBe(tail);
  });

  it('keeps a far period as its own point without bridging to it', () => {
    const trends = buildTrends('month', [group('2026-01', 3), group('2026-03', 2), group('9999-12', 1)], [], []);
    expect(trends.periods.map((period) => period.period)).toEqual(['2026-01', '2026-02', '2026-03', '9999-12']);
  });
});

forEachDatabase((database) => {
  beforeAll(async () => {
    const { db } = database();
    await truncateAll(db);
    const verbatims = [
      surveyAnswer(1, { nps: 9, createdAt: '2026-01-10T09:00:00.000Z' }),
      surveyAnswer(2, { nps: 3, createdAt: '2026-03-10T09:00:00.000Z' }),
      surveyAnswer(3, { nps: 10, createdAt: '9999-12-31T00:00:00.000Z' }),
    ];
    await insertVerbatims(db, verbatims);
    await saveEnrichments(db, verbatims.map((verbatim) => enriched(verbatim)));
  });

  it.each(['week', 'month'] as const)('a report with a row dated 9999-12-31 lists a handful of %s periods', async (granularity) => {
    const { db } = database();
    const report = await buildReport(db, {}, new Date('2026-06-01T00:00:00Z'), { granularity });
    expect(report.trends.periods.length).toBeLessThan(20);
    expect(report.trends.periods.at(-1)?.period.startsWith('9999')).toBe(true);
    expect(report.nps.n).toBe(3);
    const trend = await npsTrend(db, {}, { grain: granularity });
    expect(trend.length).toBe(3);
  });
});
