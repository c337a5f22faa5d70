import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../db/sessions.table.js';
import { createToken } from '../../db/tokens.table.js';
import { SESSION_COOKIE } from '../../web/auth.js';
import { buildServer } from '../../web/server.js';
import { forEachDatabase } from '../support/databases.js';
import { NOW, seedWebData } from './fixtures.js';

const DAY = 86_400_000;
const cursor = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

forEachDatabase((database) => {
  let app: FastifyInstance;
  const errors: string[] = [];
  const tokens = { admin: '', lyon: '', expired: '', fresh: '', proto: '', ctor: '' };
  let lyonSession = '';
  let adminSession = '';

  beforeAll(async () => {
    const { db } = database();
    await seedWebData(db);
    const admin = await createToken(db, { role: 'admin', now: NOW });
    tokens.admin = admin.token;
    const lyon = await createToken(db, { role: 'viewer', scope: { branch: 'Lyon' }, now: NOW });
    tokens.lyon = lyon.token;
    tokens.expired = (await createToken(db, { role: 'admin', now: new Date(NOW.getTime() - 10 * DAY), expiresInDays: 5 })).token;
    tokens.fresh = (await createToken(db, { role: 'admin', now: new Date(NOW.getTime() - 10 * DAY), expiresInDays: 30 })).token;
    tokens.proto = (await createToken(db, { role: 'viewer', scope: { ['__proto__']: 'Lyon' }, now: NOW })).token;
    tokens.ctor = (await createToken(db, { role: 'viewer', scope: { constructor: 'Lyon' }, now: NOW })).token;
    lyonSession = await createSession(db, lyon.id, NOW);
    adminSession = await createSession(db, admin.id, NOW);
    app = await buildServer({ db, now: () => NOW, errorLog: (line) => errors.push(line) });
    app.get('/api/boom', async () => {
      throw new Error('kaboom in a handler');
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (url: string, token = tokens.admin) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  describe('anonymity floor through the API and the dashboard (issue 14 item 4)', () => {
    it('withholds the eNPS of a Lyon viewer (4 employees), and shows the eNPS of all 12 to an admin', async () => {
      const lyon = (await get('/api/report', tokens.lyon)).json<{ enps: { nps: { score: number | null; withheld?: string; promoters: number } } }>();
      expect(lyon.enps.nps).toMatchObject({ score: null, promoters: 0, withheld: 'fewer than 5 answers' });
      const all = (await get('/api/report')).json<{ enps: { nps: { score: number | null; n: number } } }>();
      expect(all.enps.nps.n).toBe(12);
      expect(all.enps.nps.score).not.toBeNull();
    });

    it('withholds a filtered employee view of 4 answers: report, trend and its drivers', async () => {
      const report = (await get('/api/report?respondent=employee&segment=branch:Lyon&min_count=1')).json<{
        nps: { score: number | null; withheld?: string };
        drivers: { nps_with: number | null; impact: number | null }[];
      }>();
      expect(report.nps).toMatchObject({ score: null, withheld: 'fewer than 5 answers' });
      expect(report.drivers.every((driver) => driver.nps_with === null && driver.impact === null)).toBe(true);
      const trend = (await get('/api/trend?respondent=employee&segment=branch:Lyon')).json<{ trend: { nps: { score: number | null } }[] }>();
      expect(trend.trend.every((point) => point.nps.score === null)).toBe(true);
    });

    it('lists employee answers only for groups of 5 or more (12 in all, not the 4 of Lyon)', async () => {
      type Listing = { records: { respondent: string }[] };
      expect((await get('/api/verbatims?respondent=employee&limit=500')).json<Listing>().records).toHaveLength(12);
      expect((await get('/api/verbatims?respondent=employee&segment=branch:Lyon')).json<Listing>().records).toEqual([]);
      const lyon = (await get('/api/verbatims?segment=branch:Lyon&limit=500')).json<Listing>().records;
      expect(lyon.length).toBeGreaterThan(0);
      expect(lyon.every((record) => record.respondent === 'customer')).toBe(true);
      const search = await app.inject({ method: 'GET', url: '/search?respondent=employee&segment=branch:Lyon', cookies: { [SESSION_COOKIE]: adminSession } });
      expect(search.body).toContain('0 verbatims shown');
    });

    it('shows "fewer than 5 answers" instead of a score on the dashboard', async () => {
      const page = await app.inject({ method: 'GET', url: '/?respondent=employee&segment=branch:Lyon', cookies: { [SESSION_COOKIE]: adminSession } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/id="card-nps">.*fewer than 5 answers/s);
      const lyon = await app.inject({ method: 'GET', url: '/?respondent=employee', cookies: { [SESSION_COOKIE]: lyonSession } });
      expect(lyon.body).toContain('fewer than 5 answers');
    });
  });

  describe('400, not 500, for hostile query values (issue 14, lower items)', () => {
    it.each([
      ['/api/verbatims?q=%00', 'control characters'],
      ['/api/verbatims?source=a%00b', 'control characters'],
      ['/api/report?segment=branch:Ly%00on', 'control characters'],
      ['/api/report?from=0000-01-01', 'from 1900 to 2100'],
      ['/api/trend?to=9999-12-31', 'from 1900 to 2100'],
      [`/api/verbatims?cursor=${cursor({ c: '1', i: 'v_1' })}`, 'not a cursor'],
      [`/api/verbatims?cursor=${cursor({ c: '0000-01-01T00:00:00.000000Z', i: 'v_1' })}`, 'not a cursor'],
      [`/api/verbatims?cursor=${cursor({ c: '2026-01-01T00:00:00.000000Z', i: 'v\u0000' })}`, 'not a cursor'],
      [`/api/verbatims?cursor=${cursor({ c: null, i: "x' or 1=1" })}`, 'not a cursor'],
    ])('%s', async (url, message) => {
      const response = await get(url);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ error: { code: 'bad_request', message: expect.stringContaining(message) } });
    });

    it('answers a NUL in a dashboard path with 400', async () => {
      const page = await app.inject({ method: 'GET', url: '/themes/fees%00', cookies: { [SESSION_COOKIE]: adminSession } });
      expect(page.statusCode).toBe(400);
    });
  });

  it('logs an internal error to the error log (stderr by default) without --log', async () => {
    const response = await get('/api/boom');
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: 'internal', message: 'internal error; the server log has the details' } });
    expect(errors.some((line) => line.includes('GET /api/boom') && line.includes('kaboom in a handler'))).toBe(true);
  });

  it('answers 404 for a missing asset, 405 for a wrong method on an asset', async () => {
    expect((await app.inject({ method: 'GET', url: '/assets/nope.css' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/assets/dashboard.css' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/assets/dashboard.css' })).statusCode).toBe(405);
  });

  it('refuses an expired token with 401 and takes one still in its term', async () => {
    const expired = await get('/api/report', tokens.expired);
    expect(expired.statusCode).toBe(401);
    expect(expired.json<{ error: { message: string } }>().error.message).toContain('expired');
    expect((await get('/api/tokens', tokens.fresh)).statusCode).toBe(200);
  });

  it.each(['proto', 'ctor'] as const)('serves a token scoped to a segment named like object machinery (%s) its own rows only', async (name) => {
    const report = await get('/api/report', tokens[name]);
    expect(report.statusCode).toBe(200);
    expect(report.json<{ verbatims: number }>().verbatims).toBe(0);
    const rows = await get('/api/verbatims', tokens[name]);
    expect(rows.json<{ records: unknown[] }>().records).toEqual([]);
  });

  it.each(['__proto__', 'constructor'])('applies a segment filter named %s instead of dropping it', async (key) => {
    const rows = await get(`/api/verbatims?segment=${key}:x`);
    expect(rows.statusCode).toBe(200);
    expect(rows.json<{ records: unknown[] }>().records).toEqual([]);
  });
});
