import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAlertRules } from '../../analysis/alerts-rules.js';
import { runAlerts } from '../../analysis/alerts-run.js';
import { createSession } from '../../db/sessions.table.js';
import { createToken } from '../../db/tokens.table.js';
import { SESSION_COOKIE } from '../../web/auth.js';
import { CSRF_COOKIE } from '../../web/security.js';
import { buildServer } from '../../web/server.js';
import { ALERTS_NOW, ALERTS_YAML, seedAlertsData } from '../analysis/alerts-fixture.js';
import { forEachDatabase } from '../support/databases.js';

forEachDatabase((database) => {
  let app: FastifyInstance;
  let base: string;
  const session = { analyst: '', viewer: '', lyon: '' };
  const bearer = { ...session };

  beforeAll(async () => {
    const { db } = database();
    await seedAlertsData(db);
    await runAlerts(db, parseAlertRules(ALERTS_YAML, 'alerts.yaml'), { now: ALERTS_NOW });
    const tokens = [
      ['analyst', { role: 'analyst', label: 'insight team' }],
      ['viewer', { role: 'viewer' }],
      ['lyon', { role: 'analyst', scope: { branch: 'Lyon' }, label: 'Lyon lead' }],
    ] as const;
    for (const [name, options] of tokens) {
      const created = await createToken(db, options);
      bearer[name] = created.token;
      session[name] = await createSession(db, created.id, ALERTS_NOW);
    }
    app = await buildServer({ db, now: () => ALERTS_NOW });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await app?.close();
  });

  async function get(who: keyof typeof session, path: string): Promise<{ status: number; body: string; csrfCookie: string }> {
    const response = await fetch(`${base}${path}`, { headers: { cookie: `${SESSION_COOKIE}=${session[who]}` }, redirect: 'manual' });
    const csrfCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${CSRF_COOKIE}=`))?.split(';')[0] ?? '';
    return { status: response.status, body: await response.text(), csrfCookie };
  }

  /** The acknowledge form's POST, with the CSRF token of the page (or none). */
  async function acknowledge(who: keyof typeof session, id: number, withCsrf = true): Promise<Response> {
    const page = await get(who, '/alerts?show=all');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    return fetch(`${base}/alerts/${id}/acknowledge`, {
      method: 'POST',
      headers: { cookie: `${SESSION_COOKIE}=${session[who]}; ${page.csrfCookie}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: withCsrf ? new URLSearchParams({ _csrf: csrf }).toString() : '',
      redirect: 'manual',
    });
  }

  const alertIds = (body: string): number[] => [...body.matchAll(/data-alert-id="(\d+)"/g)].map((match) => Number(match[1]));
  const row = (id: number) => database().db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  describe('the alerts inbox', () => {
    it('lists the alerts with a link to their verbatims', async () => {
      const page = await get('analyst', '/alerts');
      expect(page.status).toBe(200);
      expect(alertIds(page.body)).toEqual([2, 1]);
      expect(page.body).toContain('Spike: volume of theme fees_pricing 30 in 2026-W24');
      expect(page.body).toContain('<a href="/alerts" aria-current="page">Alerts</a>');
      const link = /<a class="verbatims" href="([^"]+)">/.exec(page.body.slice(page.body.indexOf('data-alert-id="1"')))?.[1]?.replaceAll('&amp;', '&');
      expect(link).toBe('/search?theme=fees_pricing&from=2026-06-08&to=2026-06-15');
      const search = await get('analyst', link ?? '');
      expect(search.body).toContain('<strong class="total">30 verbatims</strong>');
    });

    it('answers the same list as JSON on /api/alerts', async () => {
      const response = await fetch(`${base}/api/alerts`, { headers: { authorization: `Bearer ${bearer.lyon}` } });
      expect(response.status).toBe(200);
      const { alerts } = (await response.json()) as { alerts: { id: number; rule_id: string; verbatims: string }[] };
      expect(alerts.map((alert) => [alert.id, alert.rule_id, alert.verbatims])).toEqual([[2, 'lyon-nps', '/search?from=2026-06-08&to=2026-06-15&segment=branch%3ALyon']]);
    });

    it('shows a scoped token only the alerts inside its scope', async () => {
      const page = await get('lyon', '/alerts');
      expect(alertIds(page.body)).toEqual([2]);
      expect((await acknowledge('lyon', 1)).status).toBe(404);
    });

    it('refuses a viewer (403) and a form without its CSRF token', async () => {
      expect((await get('viewer', '/alerts')).body).not.toContain('/acknowledge');
      expect((await acknowledge('viewer', 1)).status).toBe(403);
      expect((await acknowledge('analyst', 1, false)).status).toBe(403);
      expect((await row(1)).acknowledged_at).toBeNull();
    });

    it('acknowledges an alert once, for an analyst', async () => {
      const response = await acknowledge('analyst', 1);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/alerts');
      expect(await row(1)).toMatchObject({ acknowledged_by: 'insight team', acknowledged_at: ALERTS_NOW });
      expect(alertIds((await get('analyst', '/alerts')).body)).toEqual([2]);
      expect((await get('analyst', '/alerts?show=all')).body).toContain('acknowledged</span> by insight team, 2026-06-15 12:00');
      expect((await acknowledge('analyst', 1)).status).toBe(404);
    });
  });
});
