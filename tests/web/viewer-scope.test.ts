import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportForScope } from '../../analysis/report-for-scope.js';
import { openDetractorFollowups } from '../../db/followups.table.js';
import { createSession } from '../../db/sessions.table.js';
import { createToken } from '../../db/tokens.table.js';
import { SESSION_COOKIE } from '../../web/auth.js';
import { buildServer } from '../../web/server.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { NOW, seedWebData } from './fixtures.js';

/**
 * A viewer scoped to branch=Lyon gets its moment matrix, eNPS and trend from the one
 * analysis function (`reportForScope`, the role as the scope): the API, the pages and
 * a direct call give the same numbers, and the staff side keeps to Lyon's staff.
 */
let database: TestDatabase;
let app: FastifyInstance;
const lyon = { token: '', session: '' };
const LYON = { role: { branch: 'Lyon' }, filters: {} } as const;

beforeAll(async () => {
  database = await openTestDatabase('postgres');
  await seedWebData(database.db);
  await openDetractorFollowups(database.db, NOW);
  const { id, token } = await createToken(database.db, { role: 'viewer', scope: { branch: 'Lyon' } });
  Object.assign(lyon, { token, session: await createSession(database.db, id, NOW) });
  app = await buildServer({ db: database.db, now: () => NOW });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const api = async (url: string): Promise<unknown> => (await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${lyon.token}` } })).json();
const csv = async (url: string): Promise<Record<string, string>[]> =>
  parse((await app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: lyon.session } })).body, { columns: true, bom: true }) as Record<string, string>[];
const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('a viewer scoped to branch=Lyon', () => {
  it('gets in /api/report the moment matrix and eNPS of reportForScope for its role', async () => {
    const expected = await reportForScope(database.db, LYON, ['moments', 'enps'], NOW);
    const report = (await api('/api/report')) as { moments: unknown; enps: unknown };
    expect(report.moments).toEqual(json(expected.moments));
    expect(report.enps).toEqual(json(expected.enps));
    // The staff side is Lyon's: 4 of the 12 employee answers (all at support_contact).
    expect(expected.moments.steps.find((step) => step.step === 'support_contact')?.employee.n).toBe(4);
    expect(expected.enps?.nps.n).toBe(4);
  });

  it('keeps a page segment filter off the staff side, and the role on it', async () => {
    const withPage = await reportForScope(database.db, { role: { branch: 'Lyon' }, filters: { segments: { country: 'FR' }, lang: 'fr' } }, ['moments', 'enps'], NOW);
    const roleOnly = await reportForScope(database.db, LYON, ['moments', 'enps'], NOW);
    expect(withPage).toEqual(roleOnly);
    const everyone = await reportForScope(database.db, { filters: {} }, ['moments', 'enps'], NOW);
    expect(everyone.enps?.nps.n).toBe(12);
  });

  it('gets in /api/trend the trend of reportForScope, weekly and for a theme too', async () => {
    for (const [query, options, theme] of [
      ['', {}, undefined],
      ['?grain=week&theme=fees_pricing', { grain: 'week' }, 'fees_pricing'],
    ] as const) {
      const expected = await reportForScope(database.db, { ...LYON, ...(theme === undefined ? {} : { theme }) }, ['trend'], NOW, options);
      expect(await api(`/api/trend${query}`)).toEqual(json({ trend: expected.trend }));
      expect(expected.trend.length).toBeGreaterThan(0);
    }
  });

  it('sees on the moments and overview pages the numbers of the same function', async () => {
    const { moments, trend, summary } = await reportForScope(database.db, LYON, ['moments', 'trend', 'summary'], NOW);
    const rows = await csv('/moments?format=csv&table=moments');
    expect(rows.map((row) => [row['step'], Number(row['customer_n']), Number(row['employee_n'])])).toEqual(
      moments.steps.map((step) => [step.step, step.customer.n, step.employee.n]),
    );
    const trendRows = await csv('/?format=csv&table=trend');
    expect(trendRows.map((row) => [row['period'], Number(row['verbatims'])])).toEqual(trend.map((point) => [point.period, point.verbatims]));
    const drivers = await csv('/?format=csv&table=drivers');
    expect(drivers.map((row) => [row['theme'], Number(row['count'])])).toEqual(summary.drivers.map((driver) => [driver.theme, driver.count]));
  });

  it('answers the report section with the same numbers as the smaller sections', async () => {
    const all = await reportForScope(database.db, LYON, ['report', 'summary', 'journey', 'moments', 'enps', 'followups'], NOW);
    expect(all.report.nps).toEqual(all.summary.nps);
    expect(all.report.drivers).toEqual(all.summary.drivers);
    expect(all.report.journey).toEqual(all.journey);
    expect(all.report.moments).toEqual(all.moments);
    expect(all.report.enps).toEqual(all.enps);
    expect(all.report.followups).toEqual(all.followups);
  });
});
