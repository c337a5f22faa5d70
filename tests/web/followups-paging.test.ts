import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assignFollowup, closeFollowup, listFollowups, openDetractorFollowups } from '../../db/followups.table.js';
import { createSession } from '../../db/sessions.table.js';
import { createToken } from '../../db/tokens.table.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { SESSION_COOKIE } from '../../web/auth.js';
import { CSRF_COOKIE } from '../../web/security.js';
import { buildServer } from '../../web/server.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase } from '../support/databases.js';
import { NOW } from './fixtures.js';

const DAY = 86_400_000;
const TOTAL = 120;

/**
 * 120 detractors, Lyon for odd numbers and Paris for even: 1–100 overdue (answered days
 * ago), 101–115 not yet due (answered minutes ago), 116–120 closed. Every tenth is
 * Claire's, every tenth-plus-five Marc's.
 */
function answers() {
  return Array.from({ length: TOTAL }, (_, index) => {
    const n = index + 1;
    const answeredAt = n <= 100 || n > 115 ? new Date(NOW.getTime() - (n + 3) * DAY) : new Date(NOW.getTime() - n * 60_000);
    return enriched(surveyAnswer(n, { nps: n % 7, createdAt: answeredAt.toISOString(), segments: { branch: n % 2 === 1 ? 'Lyon' : 'Paris' } }));
  });
}

forEachDatabase((database) => {
  let app: FastifyInstance;
  const session: Record<'viewer' | 'analyst' | 'lyonAnalyst', string> = { viewer: '', analyst: '', lyonAnalyst: '' };
  /** Follow-up id of answer n. */
  const ids = new Map<number, number>();

  beforeAll(async () => {
    const { db } = database();
    const rows = answers();
    await insertVerbatims(db, rows);
    await saveEnrichments(db, rows, { now: NOW });
    await openDetractorFollowups(db, NOW, { kind: 'all' });
    const byVerbatim = new Map((await listFollowups(db)).map((f) => [f.verbatim_id, f.id]));
    rows.forEach((row, index) => ids.set(index + 1, byVerbatim.get(row.id) ?? 0));
    for (const [n, id] of ids) {
      if (n % 10 === 0) await assignFollowup(db, id, 'claire');
      if (n % 10 === 5) await assignFollowup(db, id, 'marc');
      if (n > 115) await closeFollowup(db, id, 'called', NOW);
    }
    const tokens = [
      ['viewer', { role: 'viewer' }],
      ['analyst', { role: 'analyst' }],
      ['lyonAnalyst', { role: 'analyst', scope: { branch: 'Lyon' } }],
    ] as const;
    for (const [name, options] of tokens) {
      const { id } = await createToken(db, options);
      session[name] = await createSession(db, id, NOW);
    }
    app = await buildServer({ db, now: () => NOW });
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (who: keyof typeof session, url: string) => app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: session[who] } });
  const shownIds = (body: string): number[] => [...body.matchAll(/<td class="num" data-key="id" data-value="(\d+)">/g)].map((match) => Number(match[1]));
  const nextHref = (body: string): string | undefined => /<a class="more" href="([^"]+)">/.exec(body)?.[1]?.replaceAll('&amp;', '&');
  const numbers = (followupIds: readonly number[]): number[] => {
    const byId = new Map([...ids].map(([n, id]) => [id, n]));
    return followupIds.map((id) => byId.get(id) ?? 0);
  };

  it('shows 50 a page; page 2 holds the next 50 with no overlap, and the last page the rest, in the list order', async () => {
    const pages: number[][] = [];
    let url: string | undefined = '/followups';
    while (url !== undefined) {
      const page = await get('viewer', url);
      expect(page.statusCode, url).toBe(200);
      pages.push(shownIds(page.body));
      url = nextHref(page.body);
    }
    expect(pages.map((page) => page.length)).toEqual([50, 50, 20]);
    const all = pages.flat();
    expect(new Set(all).size).toBe(TOTAL);
    // Overdue first by due date (the oldest answer first), then those not yet due, closed last.
    const expected = [...Array.from({ length: 100 }, (_, i) => 100 - i), ...Array.from({ length: 15 }, (_, i) => 115 - i), ...[120, 119, 118, 117, 116]];
    expect(numbers(all)).toEqual(expected);
  });

  it('refuses a cursor it did not give out', async () => {
    expect((await get('viewer', '/followups?cursor=bm9wZQ')).statusCode).toBe(400);
  });

  it('filters by owner and by branch, together and across pages', async () => {
    const claire = await get('viewer', '/followups?owner=claire');
    expect(numbers(shownIds(claire.body)).sort((a, b) => a - b)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
    expect(claire.body).toMatch(/<option value="claire" selected>/);

    const lyon: number[] = [];
    let url: string | undefined = '/followups?segment=branch:Lyon';
    while (url !== undefined) {
      const page = await get('viewer', url);
      lyon.push(...numbers(shownIds(page.body)));
      url = nextHref(page.body);
      if (url !== undefined) expect(url).toContain('segment=branch');
    }
    expect(lyon).toHaveLength(TOTAL / 2);
    expect(lyon.every((n) => n % 2 === 1)).toBe(true);

    const marcInParis = await get('viewer', '/followups?owner=marc&segment=branch:Paris');
    expect(shownIds(marcInParis.body)).toEqual([]);
    const marcInLyon = await get('viewer', '/followups?owner=marc&segment=branch:Lyon');
    expect(numbers(shownIds(marcInLyon.body)).sort((a, b) => a - b)).toEqual([5, 15, 25, 35, 45, 55, 65, 75, 85, 95, 105, 115]);
  });

  /** A POST of the bulk form with the page's CSRF token. */
  async function postBulk(who: keyof typeof session, fields: readonly [string, string][]) {
    const page = await get(who, '/followups');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const csrfCookie = page.cookies.find((c) => c.name === CSRF_COOKIE)?.value ?? '';
    return app.inject({
      method: 'POST',
      url: '/followups/close',
      cookies: { [SESSION_COOKIE]: session[who], [CSRF_COOKIE]: csrfCookie },
      payload: new URLSearchParams([['_csrf', csrf], ...fields]).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  const statusOf = async (n: number) =>
    database().db.selectFrom('followups').select(['status', 'close_reason']).where('id', '=', ids.get(n) ?? 0).executeTakeFirstOrThrow();

  it('a viewer sees no bulk form and cannot bulk close (403)', async () => {
    expect((await get('viewer', '/followups')).body).not.toContain('action="/followups/close"');
    const response = await postBulk('viewer', [['which', 'checked'], ['ids', String(ids.get(1))], ['reason', 'no']]);
    expect(response.statusCode).toBe(403);
    expect(await statusOf(1)).toEqual({ status: 'open', close_reason: null });
  });

  it('an analyst closes the checked rows with the reason, and only those', async () => {
    const page = await get('analyst', '/followups');
    expect(page.body).toContain('action="/followups/close"');
    // The first row shown (the longest overdue) carries its checkbox, tied to the bulk form.
    expect(page.body).toContain(`name="ids" value="${String(ids.get(100))}" form="bulk-close"`);
    const response = await postBulk('analyst', [
      ['which', 'checked'],
      ['ids', String(ids.get(1))],
      ['ids', String(ids.get(3))],
      ['reason', 'history import: not called back'],
      ['back', '/followups?owner=claire'],
    ]);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/followups?owner=claire');
    expect(await statusOf(1)).toEqual({ status: 'closed', close_reason: 'history import: not called back' });
    expect(await statusOf(3)).toEqual({ status: 'closed', close_reason: 'history import: not called back' });
    expect(await statusOf(2)).toEqual({ status: 'open', close_reason: null });
  });

  it('refuses a bulk close without a reason, and never redirects off the page', async () => {
    expect((await postBulk('analyst', [['which', 'checked'], ['ids', String(ids.get(2))], ['reason', ' ']])).statusCode).toBe(400);
    expect(await statusOf(2)).toEqual({ status: 'open', close_reason: null });
    const response = await postBulk('analyst', [['which', 'checked'], ['ids', String(ids.get(2))], ['reason', 'r'], ['back', 'https://evil.example/']]);
    expect(response.headers.location).toBe('/followups');
  });

  it('a scoped analyst closes "all shown" within its branch only', async () => {
    const page = await get('lyonAnalyst', '/followups');
    const shown = /name="shown" value="([\d,]+)"/.exec(page.body)?.[1] ?? '';
    const lyonShown = shown.split(',').map(Number);
    expect(numbers(lyonShown).every((n) => n % 2 === 1)).toBe(true);
    // A Paris id slipped into the list is not closed: the scope is part of the UPDATE.
    const response = await postBulk('lyonAnalyst', [['which', 'shown'], ['shown', [...lyonShown, ids.get(4)].join(',')], ['reason', 'branch closed']]);
    expect(response.statusCode).toBe(303);
    for (const n of numbers(lyonShown)) expect((await statusOf(n)).status).toBe('closed');
    expect(await statusOf(4)).toEqual({ status: 'open', close_reason: null });
  });
});
