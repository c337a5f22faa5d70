import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { themeEditorServices } from '../../cli/taxonomy-retag.js';
import { listTaxonomyVersions } from '../../db/taxonomy-versions.table.js';
import { createToken } from '../../db/tokens.table.js';
import { buildServer } from '../../web/server.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { ARTIFACTS_DIR, injectionReport, launchChromium, screenshot, watchForInjection } from './browser.js';
import { EDITOR_NOW, seedEditorData } from './theme-editor-fixture.js';

let database: TestDatabase;
let app: FastifyInstance;
let base: string;
let browser: Browser;
let cleanup: () => Promise<void>;
const tokens = { analyst: '', viewer: '' };

beforeAll(async () => {
  database = await openTestDatabase('pglite');
  const seeded = await seedEditorData(database.db);
  cleanup = seeded.cleanup;
  tokens.analyst = (await createToken(database.db, { role: 'analyst', label: 'insight team' })).token;
  tokens.viewer = (await createToken(database.db, { role: 'viewer', label: 'reader' })).token;
  app = await buildServer({ db: database.db, now: () => EDITOR_NOW, cacheSeconds: 0, themeEditor: themeEditorServices(seeded.places, () => EDITOR_NOW, database.db) });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
  await cleanup?.();
});

async function signedIn(token: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  await watchForInjection(page);
  await page.goto(`${base}/login`);
  await page.fill('input[name="token"]', token);
  await Promise.all([page.waitForURL(`${base}/`), page.click('button[type="submit"]')]);
  return page;
}

/** The labels the overview's driver chart shows. */
async function overviewText(page: Page): Promise<string> {
  await page.goto(`${base}/`);
  return (await page.locator('#chart-data').textContent()) ?? '';
}

describe('the theme editor in Chromium', () => {
  it('previews a suggested theme; renames a theme: preview with counts, apply, re-tag to done, the label on the overview, undo brings the old one back', async () => {
    const page = await signedIn(tokens.analyst);
    expect(await overviewText(page)).toContain('Fees and pricing');
    await Promise.all([page.waitForURL(/\/themes\/edit$/), page.click('header nav a[href="/themes/edit"]')]);
    expect(await page.locator('#table-taxonomy tr[data-theme="fees_pricing"] td.label').innerText()).toBe('Fees and pricing');

    // A suggested theme (untagged verbatims sharing a phrase) fills the create form; its preview gains them.
    await Promise.all([page.waitForURL(/suggest=suggested_1/), page.click('#suggested a:has-text("apple pay")')]);
    const create = page.locator('form[data-op="create"]');
    expect(await create.locator('input[name="id"]').inputValue()).toBe('apple_pay');
    await create.locator('select[name="lang"]').selectOption('en');
    await Promise.all([page.waitForURL(/\/themes\/edit\/preview$/), create.locator('button[type="submit"]').click()]);
    const gains = page.locator('#table-preview tr[data-theme="apple_pay"]');
    expect(await gains.locator('td.gained').innerText()).toBe('3');
    expect(await gains.locator('.sample').count()).toBe(2);
    expect(await page.locator('#preview-counts').getAttribute('data-changed')).toBe('3');
    // The first screen (docs/theme-editor.png): the preview above the edit forms.
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'theme-editor.png') });
    await Promise.all([page.waitForURL(/\/themes\/edit$/), page.click('#preview a:has-text("Cancel")')]);

    const rename = page.locator('form[data-op="label"]');
    await rename.locator('select[name="theme"]').selectOption('fees_pricing');
    await rename.locator('input[name="label"]').fill('Bank charges');
    await rename.locator('input[name="label_fr"]').fill('Frais bancaires');
    await Promise.all([page.waitForURL(/\/themes\/edit\/preview$/), rename.locator('button[type="submit"]').click()]);

    // A rename tags nothing differently: 18 verbatims re-tagged in memory, none changed; the fees row keeps its mentions.
    const counts = page.locator('#preview-counts');
    expect(await counts.getAttribute('data-scanned')).toBe('18');
    expect(await counts.getAttribute('data-changed')).toBe('0');
    expect(await page.locator('#preview ul.diff').innerText()).toContain('fees_pricing: “Fees and pricing” → “Bank charges (fr: Frais bancaires)”');
    const fees = page.locator('#table-preview tr[data-theme="fees_pricing"]');
    expect(await fees.locator('th').innerText()).toBe('Bank charges');
    expect(await fees.locator('td.gained').innerText()).toBe('0');
    expect(await fees.locator('td').nth(2).innerText()).toMatch(/^(\d+) → \1$/);

    await Promise.all([page.waitForURL(/\/themes\/edit$/), page.click('#apply')]);
    await page.waitForSelector('#retag[data-state="done"]', { timeout: 60_000 });
    expect(await page.locator('#retag-status').innerText()).toBe('Re-tag with version 2 done: 18 verbatims');
    expect(await page.evaluate("(() => { const bar = document.getElementById('retag-progress'); return [bar.value, bar.max]; })()")).toEqual([18, 18]);
    await page.reload();
    expect(await page.locator('#table-history tr[data-version="2"]').innerText()).toContain('insight team');
    expect(await page.locator('#table-taxonomy tr[data-theme="fees_pricing"] td.label').innerText()).toBe('Bank charges');
    await screenshot(page, 'theme-editor-applied');

    const overview = await overviewText(page);
    expect(overview).toContain('Bank charges');
    expect(overview).not.toContain('Fees and pricing');

    await page.goto(`${base}/themes/edit`);
    await Promise.all([page.waitForURL(/\/themes\/edit$/), page.click('#undo')]);
    await page.waitForSelector('#retag[data-state="done"]', { timeout: 60_000 });
    expect(await page.locator('#retag-status').innerText()).toBe('Re-tag with version 1 done: 18 verbatims');
    expect(await overviewText(page)).toContain('Fees and pricing');
    const versions = await listTaxonomyVersions(database.db);
    expect(versions.map((row) => [row.version, row.active])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(await injectionReport(page)).toEqual({ xss: undefined, csp: [] });
    await page.context().close();
  });

  it('is not for viewers: no menu entry, 403 on the page and on its forms', async () => {
    const page = await signedIn(tokens.viewer);
    expect(await page.locator('header nav a[href="/themes/edit"]').count()).toBe(0);
    const response = await page.goto(`${base}/themes/edit`);
    expect(response?.status()).toBe(403);
    await page.context().close();
  });
});
