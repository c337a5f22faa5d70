import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clusterUntagged } from '../../analysis/untagged-clusters.js';
import { themeEditorServices } from '../../cli/taxonomy-retag.js';
import { createSession } from '../../db/sessions.table.js';
import { listTaxonomyVersions } from '../../db/taxonomy-versions.table.js';
import { createToken } from '../../db/tokens.table.js';
import { insertVerbatims } from '../../db/verbatims.table.js';
import { SESSION_COOKIE } from '../../web/auth.js';
import { CSRF_COOKIE } from '../../web/security.js';
import { buildServer } from '../../web/server.js';
import { surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase } from '../support/databases.js';
import { EDITOR_NOW, seedEditorData } from './theme-editor-fixture.js';

forEachDatabase((database) => {
  let app: FastifyInstance;
  let base: string;
  let cookie: string;
  let cleanup: () => Promise<void>;
  /** The re-tag waits for this: a re-tag "runs" until the test lets it go. */
  let releaseRetag: () => void = () => undefined;
  const suggestCalls = vi.fn(clusterUntagged);

  beforeAll(async () => {
    const { db } = database();
    const seeded = await seedEditorData(db);
    cleanup = seeded.cleanup;
    cookie = `${SESSION_COOKIE}=${await createSession(db, (await createToken(db, { role: 'analyst', label: 'insight team' })).id, EDITOR_NOW)}`;
    const services = themeEditorServices(seeded.places, () => EDITOR_NOW, db);
    const held = new Promise<void>((resolve) => (releaseRetag = resolve));
    // Only whether a re-tag runs matters here, not what it writes.
    const tagging = { ...services.tagging, retag: async () => (await held, { done: 0, total: 0 }) };
    // The data version is read on every request, so a cache hit can only mean "same data", never "checked too recently".
    app = await buildServer({ db, now: () => EDITOR_NOW, versionCheckMs: 0, themeEditor: { ...services, tagging, suggest: suggestCalls } });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  }, 120_000);

  afterAll(async () => {
    releaseRetag();
    await app?.close();
    await cleanup?.();
  });

  const editorPage = async (): Promise<string> => (await fetch(`${base}/themes/edit`, { headers: { cookie } })).text();

  async function post(path: string, fields: Record<string, string>): Promise<{ status: number; body: string }> {
    const page = await fetch(`${base}/themes/edit`, { headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const csrfCookie = page.headers.getSetCookie().find((value) => value.startsWith(`${CSRF_COOKIE}=`))?.split(';')[0] ?? '';
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { cookie: `${cookie}; ${csrfCookie}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      redirect: 'manual',
    });
    return { status: response.status, body: await response.text() };
  }

  describe('the theme editor page', () => {
    it('computes the suggested themes once per data version, not on every load', async () => {
      expect(await editorPage()).toContain('>apple pay</a>');
      expect(await editorPage()).toContain('>apple pay</a>');
      expect(suggestCalls).toHaveBeenCalledTimes(1);
      // New data (an import): the suggestions are computed again.
      await insertVerbatims(database().db, [surveyAnswer(900, { text: 'Apple Pay never works' })]);
      expect(await editorPage()).toContain('>apple pay</a>');
      expect(suggestCalls).toHaveBeenCalledTimes(2);
    });
  });

  describe('conflicts answered as conflicts (409)', () => {
    it('refuses to apply, undo or re-tag while a re-tag runs, and stores nothing', async () => {
      const applied = await post('/themes/edit/apply', { op: 'merge', from: 'account_closure', into: 'complaint_handling', base: '1' });
      expect(applied.status).toBe(303);
      expect((await (await fetch(`${base}/themes/edit/progress`, { headers: { cookie } })).json()) as { state: string }).toMatchObject({ state: 'running', version: 2 });
      const again = await post('/themes/edit/apply', { op: 'label', theme: 'fees_pricing', label: 'Fees', base: '2' });
      expect(again.status).toBe(409);
      expect(again.body).toContain('a re-tag is running: apply again once it is done');
      expect((await post('/themes/edit/undo', {})).status).toBe(409);
      expect((await post('/themes/edit/retag', {})).status).toBe(409);
      expect((await listTaxonomyVersions(database().db)).map((version) => version.version)).toEqual([2, 1]);
    });

    it('refuses an apply previewed on a version no longer active, even when the edit no longer fits the new one', async () => {
      releaseRetag();
      await vi.waitFor(async () => expect(((await (await fetch(`${base}/themes/edit/progress`, { headers: { cookie } })).json()) as { state: string }).state).toBe('done'));
      // account_closure was merged away by version 2: against it, this edit alone would be a 400.
      const stale = await post('/themes/edit/apply', { op: 'label', theme: 'account_closure', label: 'Closing an account', base: '1' });
      expect(stale.status).toBe(409);
      expect(stale.body).toContain('the taxonomy changed since the preview (version 2 is active now): preview again');
      expect(await listTaxonomyVersions(database().db)).toHaveLength(2);
    });
  });
});
