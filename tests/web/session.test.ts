import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDetractorFollowups } from '../../db/followups.table.js';
import { createToken } from '../../db/tokens.table.js';
import { SESSION_COOKIE } from '../../web/auth.js';
import { CSRF_COOKIE } from '../../web/security.js';
import { buildServer } from '../../web/server.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { NOW, seedWebData } from './fixtures.js';

let database: TestDatabase;
let app: FastifyInstance;
let analyst: string;
let viewer: string;
let admin: string;

beforeAll(async () => {
  database = await openTestDatabase('postgres');
  await seedWebData(database.db);
  // As `enrich` does after storing enrichments.
  await openDetractorFollowups(database.db, NOW);
  analyst = (await createToken(database.db, { role: 'analyst' })).token;
  viewer = (await createToken(database.db, { role: 'viewer', scope: { branch: 'Lyon' } })).token;
  admin = (await createToken(database.db, { role: 'admin' })).token;
  app = await buildServer({ db: database.db, now: () => NOW, loginRateLimit: { max: 5, timeWindow: 60_000 } });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** The sign-in form's CSRF token and its cookie, as a browser would get them. */
async function loginForm(): Promise<{ csrf: string; cookie: string }> {
  const page = await app.inject({ method: 'GET', url: '/login' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const cookie = page.cookies.find((c) => c.name === CSRF_COOKIE)?.value ?? '';
  return { csrf, cookie };
}

async function signIn(token: string, remoteAddress = '10.0.0.1'): Promise<LightMyRequestResponse> {
  const { csrf, cookie } = await loginForm();
  return app.inject({
    method: 'POST',
    url: '/login',
    remoteAddress,
    cookies: { [CSRF_COOKIE]: cookie },
    payload: new URLSearchParams({ _csrf: csrf, token, next: '/themes?from=2026-01-01' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

function sessionOf(response: LightMyRequestResponse): string {
  return response.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
}

describe('sign-in', () => {
  it('sends pages to the sign-in form when there is no session', async () => {
    const response = await app.inject({ method: 'GET', url: '/themes?from=2026-01-01' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/login?next=${encodeURIComponent('/themes?from=2026-01-01')}`);
  });

  it('sets an HttpOnly, SameSite=Strict session cookie and goes back where the user was', async () => {
    const response = await signIn(analyst, '10.0.0.2');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/themes?from=2026-01-01');
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const page = await app.inject({ method: 'GET', url: '/themes', cookies: { [SESSION_COOKIE]: sessionOf(response) } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('fees_pricing');
  });

  it('stores neither the token nor the session id in clear', async () => {
    const response = await signIn(analyst, '10.0.0.3');
    const session = sessionOf(response);
    const dump = JSON.stringify([
      await database.db.selectFrom('tokens').selectAll().execute(),
      await database.db.selectFrom('sessions').selectAll().execute(),
    ]);
    expect(dump).not.toContain(analyst);
    expect(dump).not.toContain(session);
  });

  it('refuses a wrong token with 401 and no session', async () => {
    const response = await signIn('vbt_wrong', '10.0.0.4');
    expect(response.statusCode).toBe(401);
    expect(sessionOf(response)).toBe('');
    expect(response.body).toContain('not valid');
  });

  it('refuses a sign-in without its CSRF token', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/login',
      remoteAddress: '10.0.0.5',
      payload: `token=${analyst}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.statusCode).toBe(403);
    expect(sessionOf(response)).toBe('');
  });

  it.each([
    ['//evil.example/', '/'],
    ['/\t/evil.example', '/'],
    ['/%09/evil.example', '/'],
    ['/\u20ac', '/%E2%82%AC'],
    ['/search?q=\u20ac', '/search?q=%E2%82%AC'],
  ])('after sign-in with next=%j, redirects to %s on this site', async (next, location) => {
    const { csrf, cookie } = await loginForm();
    const response = await app.inject({
      method: 'POST',
      url: '/login',
      remoteAddress: '10.0.0.6',
      cookies: { [CSRF_COOKIE]: cookie },
      payload: new URLSearchParams({ _csrf: csrf, token: analyst, next }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(location);
  });

  it('rate-limits sign-in attempts per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await signIn('vbt_guess', '10.0.0.66')).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // Another address is not affected.
    expect((await signIn(analyst, '10.0.0.67')).statusCode).toBe(303);
  });

  it('signs out: the session no longer opens pages', async () => {
    const session = sessionOf(await signIn(analyst, '10.0.0.7'));
    const page = await app.inject({ method: 'GET', url: '/', cookies: { [SESSION_COOKIE]: session } });
    const csrf = /action="\/logout"[^>]*><input type="hidden" name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const csrfCookie = page.cookies.find((c) => c.name === CSRF_COOKIE)?.value ?? '';
    const out = await app.inject({
      method: 'POST',
      url: '/logout',
      cookies: { [SESSION_COOKIE]: session, [CSRF_COOKIE]: csrfCookie },
      payload: `_csrf=${encodeURIComponent(csrf)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(out.statusCode).toBe(303);
    expect((await app.inject({ method: 'GET', url: '/', cookies: { [SESSION_COOKIE]: session } })).statusCode).toBe(303);
  });
});

describe('follow-up forms', () => {
  async function followupsPage(token: string, address: string) {
    const session = sessionOf(await signIn(token, address));
    const page = await app.inject({ method: 'GET', url: '/followups', cookies: { [SESSION_COOKIE]: session } });
    return { session, page, csrfCookie: page.cookies.find((c) => c.name === CSRF_COOKIE)?.value ?? '' };
  }

  it('lets an analyst assign a follow-up with the page CSRF token, not without', async () => {
    const { session, page, csrfCookie } = await followupsPage(analyst, '10.0.1.1');
    const match = /action="\/followups\/(\d+)\/assign" class="inline"><input type="hidden" name="_csrf" value="([^"]+)"/.exec(page.body);
    expect(match).not.toBeNull();
    const [, id, csrf] = match as RegExpExecArray;
    const post = (payload: string) =>
      app.inject({
        method: 'POST',
        url: `/followups/${id}/assign`,
        cookies: { [SESSION_COOKIE]: session, [CSRF_COOKIE]: csrfCookie },
        payload,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect((await post('assignee=Marie')).statusCode).toBe(403);
    expect((await post(`assignee=Marie&_csrf=${encodeURIComponent(csrf ?? '')}`)).statusCode).toBe(303);
    const row = await database.db.selectFrom('followups').select(['assignee', 'status']).where('id', '=', Number(id)).executeTakeFirstOrThrow();
    expect(row).toEqual({ assignee: 'Marie', status: 'assigned' });
  });

  it('shows a viewer no forms and answers 403 if it posts one anyway', async () => {
    const { session, page, csrfCookie } = await followupsPage(viewer, '10.0.1.2');
    expect(page.body).not.toContain('/assign"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const response = await app.inject({
      method: 'POST',
      url: '/followups/1/assign',
      cookies: { [SESSION_COOKIE]: session, [CSRF_COOKIE]: csrfCookie },
      payload: `assignee=Me&_csrf=${encodeURIComponent(csrf)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('token admin page', () => {
  it('lets an admin create a scoped token, shown once, that works on the API at once', async () => {
    const session = sessionOf(await signIn(admin, '10.0.2.1'));
    const page = await app.inject({ method: 'GET', url: '/admin/tokens', cookies: { [SESSION_COOKIE]: session } });
    expect(page.statusCode).toBe(200);
    const csrf = /action="\/admin\/tokens" class="filters" aria-label="New token">\s*<input type="hidden" name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const csrfCookie = page.cookies.find((c) => c.name === CSRF_COOKIE)?.value ?? '';
    const created = await app.inject({
      method: 'POST',
      url: '/admin/tokens',
      cookies: { [SESSION_COOKIE]: session, [CSRF_COOKIE]: csrfCookie },
      payload: new URLSearchParams({ _csrf: csrf, role: 'viewer', scope: 'branch=Paris', label: 'Paris <b>team</b>' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(created.statusCode).toBe(200);
    const token = /<code id="new-token">(vbt_[^<]+)<\/code>/.exec(created.body)?.[1] ?? '';
    expect(token).not.toBe('');
    expect(created.body).toContain('Paris &lt;b&gt;team&lt;/b&gt;');
    const report = await app.inject({ method: 'GET', url: '/api/report', headers: { authorization: `Bearer ${token}` } });
    expect(report.json()).toMatchObject({ filters: { segments: { branch: 'Paris' } } });
    const again = await app.inject({ method: 'GET', url: '/admin/tokens', cookies: { [SESSION_COOKIE]: session } });
    expect(again.body).not.toContain(token);
  });

  it('is closed to analysts and viewers', async () => {
    for (const [token, address] of [[analyst, '10.0.2.2'], [viewer, '10.0.2.3']] as const) {
      const session = sessionOf(await signIn(token, address));
      expect((await app.inject({ method: 'GET', url: '/admin/tokens', cookies: { [SESSION_COOKIE]: session } })).statusCode).toBe(403);
    }
  });
});
