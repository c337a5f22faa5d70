import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { themeEditorServices } from '../../cli/taxonomy-retag.js';
import { listTaxonomyVersions } from '../../db/taxonomy-versions.table.js';
import { createSession } from '../../db/sessions.table.js';
import { createToken } from '../../db/tokens.table.js';
import { SESSION_COOKIE } from '../../web/auth.js';
import { CSRF_COOKIE } from '../../web/security.js';
import { buildServer } from '../../web/server.js';
import { forEachDatabase } from '../support/databases.js';
import { EDITOR_NOW, seedEditorData } from './theme-editor-fixture.js';

forEachDatabase((database) => {
  let app: FastifyInstance;
  let base: string;
  let cleanup: () => Promise<void>;
  const session = { analyst: '', viewer: '', lyon: '' };

  beforeAll(async () => {
    const { db } = database();
    const seeded = await seedEditorData(db);
    cleanup = seeded.cleanup;
    const tokens = [
      ['analyst', { role: 'analyst', label: 'insight team' }],
      ['viewer', { role: 'viewer' }],
      ['lyon', { role: 'analyst', scope: { branch: 'Lyon' }, label: 'Lyon lead' }],
    ] as const;
    for (const [name, options] of tokens) session[name] = await createSession(db, (await createToken(db, options)).id, EDITOR_NOW);
    app = await buildServer({ db, now: () => EDITOR_NOW, themeEditor: themeEditorServices(seeded.places, () => EDITOR_NOW, db) });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await cleanup?.();
  });

  /** A POST of a theme-editor form with the page's CSRF token (or none). */
  async function post(who: keyof typeof session, path: string, fields: Record<string, string>, withCsrf = true): Promise<{ status: number; body: string }> {
    const page = await fetch(`${base}/themes/edit`, { headers: { cookie: `${SESSION_COOKIE}=${session[who]}` } });
    const html = await page.text();
    const csrfCookie = page.headers.getSetCookie().find((cookie) => cookie.startsWith(`${CSRF_COOKIE}=`))?.split(';')[0] ?? '';
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { cookie: `${SESSION_COOKIE}=${session[who]}; ${csrfCookie}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...(withCsrf ? { _csrf: csrf } : {}), ...fields }).toString(),
      redirect: 'manual',
    });
    return { status: response.status, body: await response.text() };
  }

  const NEW_THEME = { op: 'create', id: 'mobile_app', label: 'Mobile app', lang: 'en', words: 'crashes, log in' };

  describe('the theme editor routes', () => {
    it('previews a new theme: the verbatims it gains, with examples, and stores nothing', async () => {
      const preview = await post('analyst', '/themes/edit/preview', NEW_THEME);
      expect(preview.status).toBe(200);
      expect(preview.body).toContain('new theme mobile_app “Mobile app”');
      const row = /<tr data-theme="mobile_app">([\s\S]*?)<\/tr>/.exec(preview.body)?.[1] ?? '';
      expect(/<td class="num gained">(\d+)<\/td>/.exec(row)?.[1]).toBe('1');
      expect(row).toContain('The app crashes when I log in');
      expect(row).toContain('0 → 1');
      expect(await listTaxonomyVersions(database().db)).toHaveLength(1);
    });

    it('previews within the token’s scope only', async () => {
      const all = await post('analyst', '/themes/edit/preview', NEW_THEME);
      const lyon = await post('lyon', '/themes/edit/preview', NEW_THEME);
      expect(/data-scanned="(\d+)"/.exec(all.body)?.[1]).toBe('18');
      expect(/data-scanned="(\d+)"/.exec(lyon.body)?.[1]).toBe('9');
    });

    it('offers the suggested themes; one fills the create form, whose preview gains its verbatims', async () => {
      const page = await fetch(`${base}/themes/edit`, { headers: { cookie: `${SESSION_COOKIE}=${session.analyst}` } });
      const body = await page.text();
      expect(body).toContain('<a href="/themes/edit?suggest=suggested_1#edit-heading">apple pay</a>');
      const filled = await (await fetch(`${base}/themes/edit?suggest=suggested_1`, { headers: { cookie: `${SESSION_COOKIE}=${session.analyst}` } })).text();
      const create = /<form[^>]*data-op="create"[\s\S]*?<\/form>/.exec(filled)?.[0] ?? '';
      expect(create).toContain('name="id" placeholder="mobile_payments" pattern="[a-z][a-z0-9_.]*" value="apple_pay"');
      expect(/name="words"[^>]*value="([^"]*)"/.exec(create)?.[1]?.split(', ')[0]).toBe('apple pay');
      const preview = await post('analyst', '/themes/edit/preview', { op: 'create', id: 'apple_pay', label: 'Apple pay', lang: 'en', words: 'apple pay' });
      expect(/<tr data-theme="apple_pay">[\s\S]*?<td class="num gained">(\d+)<\/td>/.exec(preview.body)?.[1]).toBe('3');
    });

    it.each([
      [{ op: 'merge', from: 'fees_pricing', into: 'fees_pricing' }, 'into itself'],
      [{ op: 'label', theme: 'nope', label: 'X' }, 'is not a theme of this taxonomy'],
      [{ op: 'create', id: 'Bad Id', label: 'X', lang: 'en', words: 'x' }, 'lower_snake_case'],
    ])('refuses a bad edit with the reason on the page (%o)', async (fields, message) => {
      const refused = await post('analyst', '/themes/edit/preview', fields);
      expect(refused.status).toBe(400);
      expect(refused.body).toContain('id="edit-error"');
      expect(refused.body).toContain(message);
    });

    it('refuses viewers (403) and forms without a CSRF token', async () => {
      expect((await fetch(`${base}/themes/edit/progress`, { headers: { cookie: `${SESSION_COOKIE}=${session.viewer}` } })).status).toBe(403);
      expect((await post('viewer', '/themes/edit/apply', NEW_THEME)).status).toBe(403);
      expect((await post('analyst', '/themes/edit/apply', { ...NEW_THEME, base: '1' }, false)).status).toBe(403);
      expect(await listTaxonomyVersions(database().db)).toHaveLength(1);
    });

    it('answers an apply whose preview was of another version as a conflict (409)', async () => {
      const stale = await post('analyst', '/themes/edit/apply', { ...NEW_THEME, base: '7' });
      expect(stale.status).toBe(409);
      expect(stale.body).toContain('the taxonomy changed since the preview');
      expect(await listTaxonomyVersions(database().db)).toHaveLength(1);
    });
  });
});
