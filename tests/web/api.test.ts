import type { FastifyInstance } from 'fastify';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../analysis/report.js';
import { openDetractorFollowups } from '../../db/followups.table.js';
import { createToken, revokeToken } from '../../db/tokens.table.js';
import { buildServer } from '../../web/server.js';
import { forEachDatabase } from '../support/databases.js';
import { NOW, seedWebData } from './fixtures.js';

interface Records {
  records: { id: string; text: string; created_at: string | null; branch?: string; themes: { theme: string }[]; respondent: string }[];
  next_cursor: string | null;
}

forEachDatabase((database) => {
  let app: FastifyInstance;
  const tokens: Record<'admin' | 'analyst' | 'viewer' | 'lyon' | 'revoked', string> = { admin: '', analyst: '', viewer: '', lyon: '', revoked: '' };

  beforeAll(async () => {
    const { db } = database();
    await seedWebData(db);
    await openDetractorFollowups(db, NOW);
    tokens.admin = (await createToken(db, { role: 'admin' })).token;
    tokens.analyst = (await createToken(db, { role: 'analyst' })).token;
    tokens.viewer = (await createToken(db, { role: 'viewer' })).token;
    tokens.lyon = (await createToken(db, { role: 'viewer', scope: { branch: 'Lyon' } })).token;
    const revoked = await createToken(db, { role: 'admin' });
    await revokeToken(db, revoked.id, NOW);
    tokens.revoked = revoked.token;
    app = await buildServer({ db, now: () => NOW });
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (url: string, token?: string) =>
    app.inject({ method: 'GET', url, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

  describe('auth', () => {
    it.each([
      ['no token', undefined, 401, 'unauthorized'],
      ['an unknown token', 'vbt_not-a-real-token', 401, 'unauthorized'],
      ['a revoked token', 'revoked', 401, 'unauthorized'],
    ] as const)('answers %s with %i and the contract error body', async (_name, token, status, code) => {
      const response = await get('/api/report', token === 'revoked' ? tokens.revoked : token);
      expect(response.statusCode).toBe(status);
      expect(response.json()).toEqual({ error: { code, message: expect.any(String) } });
    });

    it('refuses a session cookie on the API (Bearer only)', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/report', cookies: { verbatim_session: 'whatever' } });
      expect(response.statusCode).toBe(401);
    });

    it('answers 403 to a token without the right, 200 to an admin', async () => {
      for (const role of ['viewer', 'analyst'] as const) {
        const response = await get('/api/tokens', tokens[role]);
        expect(response.statusCode).toBe(403);
        expect(response.json()).toMatchObject({ error: { code: 'forbidden' } });
      }
      const admin = await get('/api/tokens', tokens.admin);
      expect(admin.statusCode).toBe(200);
      expect(admin.body).not.toContain('token_hash');
      expect(admin.body).not.toContain(tokens.admin);
    });
  });

  describe('GET /api/report', () => {
    it('is the report buildReport makes for the same filters', async () => {
      const { db } = database();
      const response = await get('/api/report?from=2026-02-01&to=2026-05-01&segment=branch:Paris', tokens.analyst);
      expect(response.statusCode).toBe(200);
      const expected = await buildReport(db, { from: '2026-02-01', to: '2026-05-01', segments: { branch: 'Paris' } }, NOW);
      expect(response.json()).toEqual(JSON.parse(JSON.stringify(expected)));
    });

    it('filters on language, journey step and NPS category', async () => {
      const { db } = database();
      const response = await get('/api/report?lang=fr&journey=onboarding&nps_category=detractor', tokens.analyst);
      const expected = await buildReport(db, { lang: 'fr', journey: 'onboarding', npsCategory: 'detractor' }, NOW);
      expect(response.json()).toMatchObject({ nps: JSON.parse(JSON.stringify(expected.nps)) });
      expect(expected.nps.n).toBeGreaterThan(0);
      expect(expected.nps.score).toBe(-100);
    });

    it('adds a root-cause summary with theme=', async () => {
      const response = await get('/api/report?theme=fees_pricing', tokens.analyst);
      const body = response.json() as { nps: unknown; root_cause: { theme: string; driver: { count: number }; summary: { text: string }[]; cooccurring: { theme: string }[] } };
      expect(body.nps).toBeDefined();
      expect(body.root_cause.theme).toBe('fees_pricing');
      expect(body.root_cause.driver.count).toBeGreaterThan(0);
      expect(body.root_cause.summary.length).toBeGreaterThan(0);
      expect(body.root_cause.cooccurring.map((row) => row.theme)).toContain('advisor_quality');
    });

    it('answers 404 for a theme nobody mentions', async () => {
      const response = await get('/api/report?theme=no_such_theme', tokens.analyst);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
    });

    it.each([
      ['from=yesterday', 'from'],
      ['nps_category=angry', 'nps_category'],
      ['segment=branch', 'segment'],
      ['from=2026-01-01&from=2026-02-01', 'from'],
    ])('answers 400 naming the parameter for %s', async (query, name) => {
      const response = await get(`/api/report?${query}`, tokens.analyst);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'bad_request', message: expect.stringContaining(`\`${name}\``) } });
    });
  });

  describe('a scoped viewer (branch=Lyon)', () => {
    it('gets the Lyon numbers as its whole report, aggregates included', async () => {
      const { db } = database();
      const scoped = (await get('/api/report', tokens.lyon)).json() as { nps: unknown; drivers: unknown; journey: unknown; verbatims: number };
      const lyon = JSON.parse(JSON.stringify(await buildReport(db, { segments: { branch: 'Lyon' } }, NOW))) as typeof scoped;
      const all = (await get('/api/report', tokens.viewer)).json() as typeof scoped;
      expect(scoped.nps).toEqual(lyon.nps);
      expect(scoped.drivers).toEqual(lyon.drivers);
      expect(scoped.journey).toEqual(lyon.journey);
      expect(scoped.verbatims).toBeLessThan(all.verbatims);
    });

    it('gets a root cause built on Lyon rows only', async () => {
      const response = await get('/api/report?theme=fees_pricing', tokens.lyon);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('Lyon');
      expect(response.body).not.toMatch(/Paris|Bordeaux/);
    });

    it('is refused another branch, and cannot widen its scope', async () => {
      const response = await get('/api/report?segment=branch:Paris', tokens.lyon);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'out_of_scope' } });
      const verbatims = await get('/api/verbatims?segment=branch:Paris', tokens.lyon);
      expect(verbatims.statusCode).toBe(403);
    });

    it('lists only Lyon verbatims, its 4 employee answers left out (anonymity floor 5), and only Lyon follow-ups', async () => {
      let cursor: string | null = null;
      const seen: Records['records'] = [];
      do {
        const body: Records = (await get(`/api/verbatims?limit=50${cursor === null ? '' : `&cursor=${cursor}`}`, tokens.lyon)).json();
        seen.push(...body.records);
        cursor = body.next_cursor;
      } while (cursor !== null);
      expect(seen.length).toBe(60 + 4); // 60 survey answers and the 4 hostile texts; the 4 employees are fewer than 5
      expect(seen.some((record) => record.respondent === 'employee')).toBe(false);
      expect(new Set(seen.map((record) => record.branch))).toEqual(new Set(['Lyon']));
      const followups = (await get('/api/followups', tokens.lyon)).json() as { followups: { segments: { branch: string } }[] };
      expect(followups.followups.length).toBeGreaterThan(0);
      expect(followups.followups.every((row) => row.segments.branch === 'Lyon')).toBe(true);
    });
  });

  describe('GET /api/verbatims', () => {
    // 37: pages end among dated rows; 197: the first page ends on an undated row.
    it.each([37, 197, 500])('pages newest first (undated last) %i at a time, every row once', async (limit) => {
      const pages: Records[] = [];
      let cursor: string | null = null;
      do {
        const body: Records = (await get(`/api/verbatims?limit=${limit}${cursor === null ? '' : `&cursor=${cursor}`}`, tokens.analyst)).json();
        pages.push(body);
        cursor = body.next_cursor;
      } while (cursor !== null);
      const records = pages.flatMap((page) => page.records);
      expect(records.length).toBe(3 * 60 + 12 + 2 + 4);
      expect(new Set(records.map((record) => record.id)).size).toBe(records.length);
      const dates = records.map((record) => record.created_at ?? '');
      expect(dates).toEqual([...dates].sort().reverse());
      expect(dates.slice(-2)).toEqual(['', '']);
    });

    it('filters by theme, journey, NPS category and words of the text', async () => {
      const body = (await get('/api/verbatims?theme=advisor_quality&journey=onboarding&nps_category=promoter&q=AIMABLE&limit=500', tokens.analyst)).json() as Records;
      expect(body.records.length).toBeGreaterThan(0);
      for (const record of body.records) {
        expect(record.themes.map((theme) => theme.theme)).toContain('advisor_quality');
        expect(record).toMatchObject({ journey: 'onboarding', nps_category: 'promoter' });
        expect(record.text).toContain('aimable');
      }
    });

    it('treats % and _ in q as plain characters', async () => {
      const body = (await get('/api/verbatims?q=%25', tokens.analyst)).json() as Records;
      expect(body.records).toEqual([]);
    });

    it('rejects a forged cursor and a limit out of range', async () => {
      expect((await get('/api/verbatims?cursor=bm90LWEtY3Vyc29y', tokens.analyst)).statusCode).toBe(400);
      expect((await get('/api/verbatims?limit=0', tokens.analyst)).statusCode).toBe(400);
      expect((await get('/api/verbatims?limit=100000', tokens.analyst)).statusCode).toBe(400);
    });
  });

  it('sends a strict Content-Security-Policy and no caching of data', async () => {
    const response = await get('/api/report', tokens.analyst);
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  it.each([
    ['an unknown API route', 'GET', '/api/nope', {}, undefined, 404, 'not_found', undefined],
    ['a method an API route does not answer', 'DELETE', '/api/report', {}, undefined, 405, 'method_not_allowed', 'GET, HEAD'],
    ['a POST to a read route', 'POST', '/api/verbatims?limit=5', { 'content-type': 'application/json' }, '{}', 405, 'method_not_allowed', 'GET, HEAD'],
    ['a method a page does not answer', 'PUT', '/login', form, 'token=x', 405, 'method_not_allowed', 'GET, HEAD, POST'],
    ['a route with a parameter', 'DELETE', '/themes/fees_pricing', {}, undefined, 405, 'method_not_allowed', 'GET, HEAD'],
    ['a body over the limit', 'POST', '/login', form, `token=${'x'.repeat(70_000)}`, 413, 'payload_too_large', undefined],
    ['a body of a type no route reads', 'POST', '/login', { 'content-type': 'text/xml' }, '<token/>', 415, 'unsupported_media_type', undefined],
    ['a malformed JSON body', 'POST', '/login', { 'content-type': 'application/json' }, '{"token":', 400, 'bad_request', undefined],
  ] as const)('answers %s with its status and code, not 500', async (_name, method, url, headers, payload, status, code, allow) => {
    const response = await app.inject({ method, url, headers: { ...headers, authorization: `Bearer ${tokens.analyst}` }, ...(payload === undefined ? {} : { payload }) });
    expect(response.statusCode).toBe(status);
    expect(response.headers['allow']).toBe(allow);
    if (url.startsWith('/api/')) expect(response.json()).toEqual({ error: { code, message: expect.any(String) } });
    else expect(response.body).toContain(`Error ${status}`);
  });
});
