import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../analysis/report.js';
import { createToken } from '../../db/tokens.table.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import type { ThemeMention } from '../../core/verbatim.js';
import { buildServer } from '../../web/server.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase } from '../support/databases.js';
import { NOW } from './fixtures.js';

const mention = (theme: string): ThemeMention => ({ theme, sentiment: 'negative', score: -0.5, confidence: 0.9, evidence: theme });

/**
 * `fees` stored on one verbatim, `fees.card` on two others (one of them in February),
 * an unrelated `feesx` (a prefix, not a sub-theme) and an untagged answer: the report
 * counts 3 verbatims for `fees`, and so must every route that filters on it.
 */
const ROWS = [
  { theme: ['fees'], nps: 2, month: '01' },
  { theme: ['fees.card'], nps: 3, month: '01' },
  { theme: ['fees.card'], nps: 9, month: '02' },
  { theme: ['feesx'], nps: 10, month: '02' },
  { theme: [], nps: 8, month: '02' },
].map((row, index) => {
  const verbatim = surveyAnswer(index + 1, { text: `Answer ${index + 1} about the fees`, nps: row.nps, createdAt: `2026-${row.month}-1${index}T10:00:00.000Z` });
  return enriched(verbatim, { themes: row.theme.map(mention) });
});

interface Trend {
  trend: { period: string; verbatims: number; nps: { n: number; score: number | null } }[];
}

forEachDatabase((database) => {
  let app: FastifyInstance;
  let token = '';

  beforeAll(async () => {
    const { db } = database();
    await insertVerbatims(db, ROWS);
    await saveEnrichments(db, ROWS, { now: NOW });
    token = (await createToken(db, { role: 'analyst' })).token;
    app = await buildServer({ db, now: () => NOW });
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  describe('a parent theme includes its sub-themes on every route', () => {
    it.each([
      // [theme, verbatims the report counts, trend by month]
      ['fees', 3, [['2026-01-01', 2], ['2026-02-01', 1]]],
      ['fees.card', 2, [['2026-01-01', 1], ['2026-02-01', 1]]],
      ['feesx', 1, [['2026-02-01', 1]]],
    ] as const)('/api/trend?theme=%s counts the verbatims the report counts (%i)', async (theme, count, months) => {
      const report = await buildReport(database().db, {}, NOW, { minCount: 1 });
      expect(report.drivers.find((driver) => driver.theme === theme)?.count).toBe(count);
      const body = (await get(`/api/trend?theme=${theme}`)).json() as Trend;
      expect(body.trend.map((point) => [point.period, point.verbatims])).toEqual(months);
      expect(body.trend.reduce((sum, point) => sum + point.verbatims, 0)).toBe(count);
      const listed = (await get(`/api/verbatims?theme=${theme}&limit=50`)).json() as { records: unknown[] };
      expect(listed.records).toHaveLength(count);
    });

    it('scores the parent trend on the sub-themes’ answers too', async () => {
      const body = (await get('/api/trend?theme=fees')).json() as Trend;
      // January: the `fees` detractor (2) and the `fees.card` detractor (3).
      expect(body.trend[0]?.nps).toMatchObject({ n: 2, score: -100 });
    });
  });

  describe('the date filter reads dates as the CLI does', () => {
    it.each(['/api/trend?from=2026-02-30', '/api/report?to=2026-02-30', '/api/verbatims?from=2026-13-01', '/api/trend?from=2026-02-29'])('refuses %s with a 400 naming the parameter', async (url) => {
      const response = await get(url);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ error: { code: 'bad_request', message: expect.stringMatching(/^query parameter `(from|to)`: expected a date like 2026-06-30, got `2026-/) } });
    });

    it('accepts the last day of February', async () => {
      const response = await get('/api/trend?from=2026-01-11&to=2026-02-28');
      expect(response.statusCode).toBe(200);
      expect((response.json() as Trend).trend.map((point) => [point.period, point.verbatims])).toEqual([['2026-01-01', 1], ['2026-02-01', 3]]);
    });
  });
});
