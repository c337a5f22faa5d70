import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PeriodComparison } from '../../analysis/period-compare.js';
import { createToken } from '../../db/tokens.table.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { buildServer } from '../../web/server.js';
import { COMPARE_PERIODS, EXPECTED_CONTRIBUTIONS, seedCompareData } from '../analysis/period-compare-fixture.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

const NOW = new Date('2026-04-02T00:00:00Z');

/**
 * `/api/compare` on the hand-computed fixture (all in branch Lyon) plus 3 Paris
 * promoters in March that only an unscoped token sees: a viewer scoped to Lyon gets
 * exactly the fixture's contributions.
 */
forEachDatabase((database) => {
  let app: FastifyInstance;
  const tokens = { lyon: '', analyst: '' };
  beforeAll(async () => {
    const { db } = database();
    await truncateAll(db);
    await seedCompareData(db);
    const paris = [21, 22, 23].map((n) => surveyAnswer(n, { nps: 10, text: `Paris ${n}`, createdAt: '2026-03-10T09:00:00.000Z', segments: { branch: 'Paris' } }));
    await insertVerbatims(db, paris);
    await saveEnrichments(db, paris.map((verbatim) => enriched(verbatim, { themes: [] })));
    tokens.lyon = (await createToken(db, { role: 'viewer', scope: { branch: 'Lyon' } })).token;
    tokens.analyst = (await createToken(db, { role: 'analyst' })).token;
    app = await buildServer({ db, now: () => NOW, cacheSeconds: 0 });
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = (url: string, token?: string) => app.inject({ method: 'GET', url, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  const current = `from=${COMPARE_PERIODS.current.from}&to=${COMPARE_PERIODS.current.to}&min_count=1`;

  it('a viewer scoped to Lyon: the fixture’s change and contributions, adding up', async () => {
    const response = await get(`/api/compare?${current}`, tokens.lyon);
    expect(response.statusCode).toBe(200);
    const { comparison } = response.json<{ comparison: PeriodComparison }>();
    expect([comparison.previous.from, comparison.previous.to]).toEqual(['2026-01-29', '2026-03-01']);
    expect([comparison.previous.score, comparison.current.score, comparison.change]).toEqual([16.7, -16.7, -33.3]);
    expect(comparison.contributions.map((row) => [row.theme, row.volume_effect, row.rate_effect, row.total])).toEqual(EXPECTED_CONTRIBUTIONS);
    expect(comparison.contributions.reduce((sum, row) => sum + row.total, 0)).toBeCloseTo(-33.3, 9);
  });

  it('an unscoped token also counts the Paris promoters', async () => {
    const { comparison } = (await get(`/api/compare?${current}&against=2026-02-01..2026-03-01`, tokens.analyst)).json<{ comparison: PeriodComparison }>();
    // March: 6 Lyon answers (Σy = −1) + 3 promoters → 2/9 = 22.2; change 22.2 − 16.7 = 5.6
    expect([comparison.current.n, comparison.current.score, comparison.change]).toEqual([9, 22.2, 5.6]);
    expect(comparison.contributions.reduce((sum, row) => sum + row.total, 0)).toBeCloseTo(5.6, 9);
  });

  it('/api/report?compare_from=&compare_to= adds the same "comparison" block (CONTRACT.md)', async () => {
    const report = (await get(`/api/report?${current}&compare_from=2026-02-01&compare_to=2026-03-01`, tokens.lyon)).json<{ nps: { score: number }; comparison: PeriodComparison }>();
    expect(report.comparison.current.score).toBe(report.nps.score);
    expect(report.comparison.contributions.map((row) => [row.theme, row.volume_effect, row.rate_effect, row.total])).toEqual(EXPECTED_CONTRIBUTIONS);
    expect((await get(`/api/report?${current}`, tokens.lyon)).json()).not.toHaveProperty('comparison');
  });

  it.each([
    ['compare_from alone', `/api/report?${current}&compare_from=2026-02-01`, 'lyon', 400, 'bad_request'],
    ['no token', `/api/compare?${current}`, undefined, 401, 'unauthorized'],
    ['another branch than the scope', `/api/compare?${current}&segment=branch:Paris`, 'lyon', 403, 'out_of_scope'],
    ['a bad period', `/api/compare?${current}&against=last-month`, 'lyon', 400, 'bad_request'],
  ] as const)('%s: %i', async (_name, url, who, status, code) => {
    const response = await get(url, who === undefined ? undefined : tokens[who]);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ error: { code } });
  });
});
