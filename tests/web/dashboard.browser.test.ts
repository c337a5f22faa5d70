import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDetractorFollowups } from '../../db/followups.table.js';
import { createToken } from '../../db/tokens.table.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { buildServer } from '../../web/server.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { injectionReport, launchChromium, screenshot, watchForInjection } from './browser.js';
import { HOSTILE_NAMES, HOSTILE_TEXTS, hostileNamedRows, NOW, seedWebData } from './fixtures.js';

interface ApiReport {
  nps: { score: number; n: number; ci95: [number, number] };
  verbatims: number;
  drivers: { theme: string; count: number; impact: number; nps_with: number; nps_without: number; sentiment_score: number }[];
}

let database: TestDatabase;
let app: FastifyInstance;
let base: string;
let browser: Browser;
const tokens = { analyst: '', lyon: '' };

beforeAll(async () => {
  database = await openTestDatabase('pglite');
  await seedWebData(database.db);
  const hostile = hostileNamedRows();
  await insertVerbatims(database.db, hostile);
  await saveEnrichments(database.db, hostile, { now: NOW });
  // As `enrich` does: the follow-ups page has its detractors to show.
  await openDetractorFollowups(database.db, NOW);
  tokens.analyst = (await createToken(database.db, { role: 'analyst', label: 'insight team' })).token;
  tokens.lyon = (await createToken(database.db, { role: 'viewer', scope: { branch: 'Lyon' }, label: 'Lyon branch' })).token;
  // The lowest anonymity floor (3): Lyon's 4 employee answers stay listed, so the scope check below sees them.
  app = await buildServer({ db: database.db, now: () => NOW, minGroup: 3 });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function api<T>(path: string, token: string): Promise<T> {
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** A fresh browser profile signed in through the form. */
async function signedIn(token: string, viewport = { width: 1366, height: 850 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await watchForInjection(page);
  await page.goto(`${base}/`);
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.fill('input[name="token"]', token);
  await Promise.all([page.waitForURL(`${base}/`), page.click('button[type="submit"]')]);
  return { context, page };
}

const dataValue = (page: Page, selector: string) => page.locator(selector).first().getAttribute('data-value');

describe('the dashboard in Chromium', () => {
  it('signs in, filters, opens a theme, and shows the numbers the API gives', async () => {
    const { context, page } = await signedIn(tokens.analyst);
    try {
      const all = await api<ApiReport>('/api/report', tokens.analyst);
      expect(Number(await dataValue(page, '#card-nps .value'))).toBe(all.nps.score);
      expect(Number(await dataValue(page, '#card-n .value'))).toBe(all.nps.n);
      // Charts drawn by Chart.js, served from this origin.
      await page.waitForFunction('window.Chart && document.querySelectorAll("canvas[data-chart]").length === 2 && [...document.querySelectorAll("canvas[data-chart]")].every((c) => window.Chart.getChart(c))');
      await screenshot(page, '01-overview');

      // Apply a filter through the form: it lands in the URL.
      await page.selectOption('select[name="segment"]', 'branch:Paris');
      await page.fill('input[name="from"]', '2026-02-01');
      await Promise.all([page.waitForURL(/segment=branch%3AParis/), page.click('form.filters button[type="submit"]')]);
      expect(page.url()).toContain('from=2026-02-01');
      const paris = await api<ApiReport>('/api/report?segment=branch:Paris&from=2026-02-01', tokens.analyst);
      expect(Number(await dataValue(page, '#card-nps .value'))).toBe(paris.nps.score);
      expect(paris.nps.score).not.toBe(all.nps.score);

      // The menu keeps the filters; the theme table sorts by impact; a theme opens.
      await Promise.all([page.waitForURL(/\/themes\?/), page.click('header nav a:has-text("Themes")')]);
      expect(page.url()).toContain('segment=branch%3AParis');
      await Promise.all([page.waitForURL(/sort=impact/), page.click('th[data-key="impact"] a')]);
      const impacts = await page.locator('#table-drivers td[data-key="impact"]').evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-value'))));
      expect(impacts).toEqual([...impacts].sort((a, b) => b - a));
      await Promise.all([page.waitForURL(/\/themes\/fees_pricing\?/), page.click('#table-drivers a:text-is("fees_pricing")')]);
      const fees = paris.drivers.find((driver) => driver.theme === 'fees_pricing');
      expect(fees).toBeDefined();
      expect(Number(await dataValue(page, '#card-count .value'))).toBe(fees?.count);
      expect(Number(await dataValue(page, '#card-impact .value'))).toBe(fees?.impact);
      expect(Number(await dataValue(page, '#card-nps-with .value'))).toBe(fees?.nps_with);
      expect(Number(await dataValue(page, '[data-key="nps_without"]'))).toBe(fees?.nps_without);
      // Its verbatims are Paris ones with the evidence marked.
      const marks = await page.locator('ol.verbatims:not(.representative) mark').allTextContents();
      expect(marks.length).toBeGreaterThan(0);
      expect(new Set(marks)).toEqual(new Set(['les frais sont trop élevés']));
      await page.waitForFunction('window.Chart && window.Chart.getChart(document.querySelector("canvas[data-chart=trend]"))');
      await screenshot(page, '02-theme-fees-paris');

      // CSV of the theme table = the rows on the page.
      const csv = await page.request.get(`${base}/themes?segment=branch:Paris&from=2026-02-01&format=csv&table=drivers`);
      expect(csv.headers()['content-type']).toContain('text/csv');
      const lines = (await csv.text()).trim().split('\n');
      expect(lines[0]).toContain('theme,count,share');
      expect(lines.length - 1).toBe(paris.drivers.filter((d) => d.count >= 1).length);

      for (const [path, name] of [['/journey', '03-journey'], ['/moments', '04-moments'], ['/followups', '05-followups']] as const) {
        await page.goto(`${base}${path}`);
        expect(await page.locator('h1').textContent()).not.toContain('Error');
        await screenshot(page, name);
      }
      expect(await injectionReport(page)).toEqual({ xss: undefined, csp: [] });
    } finally {
      await context.close();
    }
  });

  it('shows hostile verbatims as text and never runs them', async () => {
    const { context, page } = await signedIn(tokens.analyst);
    try {
      await page.goto(`${base}/search?q=${encodeURIComponent('window.__xss')}`);
      const texts = await page.locator('ol.verbatims p.text').allTextContents();
      expect(texts.sort()).toEqual([...HOSTILE_TEXTS].sort());
      // The payload marked as evidence is text inside <mark>, not an element.
      expect(await page.locator('ol.verbatims mark').allTextContents()).toEqual(expect.arrayContaining(['<script>']));
      const injected = await page.evaluate<{ inlineScripts: number; handlers: number; svg: number; jsLinks: number }>(`({
        inlineScripts: [...document.scripts].filter((s) => !s.src && s.type !== 'application/json').length,
        handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
        svg: document.querySelectorAll('main svg, main img').length,
        jsLinks: [...document.querySelectorAll('a')].filter((a) => a.href.startsWith('javascript:')).length,
      })`);
      expect(injected).toEqual({ inlineScripts: 0, handlers: 0, svg: 0, jsLinks: 0 });
      await screenshot(page, '06-hostile-verbatims');
      await page.goto(`${base}/themes/fees_pricing?segment=branch:Lyon`);
      expect(await page.locator('main').textContent()).toContain('<img src=x onerror=');
      await screenshot(page, '06b-hostile-theme-page');
      expect(await injectionReport(page)).toEqual({ xss: undefined, csp: [] });
    } finally {
      await context.close();
    }
  });

  it('shows hostile branch and source names as text in the filters, cards and tables, and never runs them', async () => {
    const { context, page } = await signedIn(tokens.analyst);
    try {
      // In the filter selects: the option's text and value are the names as written.
      const options = async (name: string) => page.locator(`select[name="${name}"] option`).evaluateAll((all) => all.map((o) => [o.getAttribute('value'), o.textContent]));
      expect(await options('source')).toContainEqual([HOSTILE_NAMES.source, HOSTILE_NAMES.source]);
      const segment = `branch:${HOSTILE_NAMES.branch}`;
      expect(await options('segment')).toContainEqual([segment, segment]);

      // Chosen, they go through the URL and come back selected.
      await page.selectOption('select[name="segment"]', segment);
      await page.selectOption('select[name="source"]', HOSTILE_NAMES.source);
      await Promise.all([page.waitForURL(/segment=/), page.click('form.filters button[type="submit"]')]);
      expect(new URL(page.url()).searchParams.get('source')).toBe(HOSTILE_NAMES.source);
      expect(await page.locator('select[name="source"]').inputValue()).toBe(HOSTILE_NAMES.source);
      expect(Number(await dataValue(page, '#card-n .value'))).toBe(3);
      await screenshot(page, '06c-hostile-names-overview');

      const filters = new URL(page.url()).search;
      const visits = [
        ['/search', 'ol.verbatims .meta'],
        ['/followups', '#table-followups td[data-key="segments"]'],
        ['/themes/fees_pricing', 'ol.verbatims .meta'],
      ] as const;
      for (const [path, where] of visits) {
        await page.goto(`${base}${path}${filters}`);
        expect(await page.locator('h1').textContent(), path).not.toContain('Error');
        const shown = (await page.locator(where).allTextContents()).join('\n');
        expect(shown, path).toContain(HOSTILE_NAMES.branch);
        if (where.includes('meta')) expect(shown, path).toContain(HOSTILE_NAMES.source);
        const injected = await page.evaluate<{ inlineScripts: number; handlers: number; elements: number }>(`({
          inlineScripts: [...document.scripts].filter((s) => !s.src && s.type !== 'application/json').length,
          handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
          elements: document.querySelectorAll('main img, main b, main svg, main script').length,
        })`);
        expect(injected, path).toEqual({ inlineScripts: 0, handlers: 0, elements: 0 });
      }
      const csv = await page.request.get(`${base}/search${filters}&format=csv&table=verbatims`);
      expect(await csv.text()).toContain(HOSTILE_NAMES.branch.replaceAll('"', '\\""'));
      await screenshot(page, '06d-hostile-names-theme');
      expect(await injectionReport(page)).toEqual({ xss: undefined, csp: [] });
    } finally {
      await context.close();
    }
  });

  it('never shows a scoped viewer another scope', async () => {
    const { context, page } = await signedIn(tokens.lyon);
    try {
      const lyon = await api<ApiReport>('/api/report', tokens.lyon);
      expect(Number(await dataValue(page, '#card-nps .value'))).toBe(lyon.nps.score);
      expect(Number(await dataValue(page, '#card-verbatims .value'))).toBe(lyon.verbatims);
      expect(await page.locator('.who .scope').textContent()).toBe('branch=Lyon');
      const pages = ['/', '/themes', '/themes/fees_pricing', '/journey', '/moments', '/followups', '/search', '/search?respondent=employee'];
      for (const path of pages) {
        await page.goto(`${base}${path}`);
        const html = await page.content();
        expect(html, path).not.toMatch(/Paris|Bordeaux/);
      }
      const segments = await page.locator('ol.verbatims .seg').allTextContents();
      expect(segments.length).toBeGreaterThan(0);
      expect(new Set(segments.filter((s) => s.startsWith('branch')))).toEqual(new Set(['branch: Lyon']));
      await screenshot(page, '07-viewer-lyon-search');
      // Asking for another branch in the URL is refused, not widened.
      const refused = await page.goto(`${base}/?segment=branch:Paris`);
      expect(refused?.status()).toBe(403);
      const csv = await page.request.get(`${base}/search?format=csv&table=verbatims`);
      expect(await csv.text()).not.toMatch(/Paris|Bordeaux/);
      // The API refuses the viewer's session cookie: Bearer only.
      expect((await page.request.get(`${base}/api/report`)).status()).toBe(401);
    } finally {
      await context.close();
    }
  });

  it('fits a phone screen', async () => {
    const { context, page } = await signedIn(tokens.analyst, { width: 390, height: 844 });
    try {
      const pages = [
        ['/', '08-phone-overview'],
        ['/themes', '09-phone-themes'],
        ['/search', '10-phone-search'],
        ['/themes/fees_pricing', '11-phone-theme'],
        ['/journey', '12-phone-journey'],
        ['/followups', '13-phone-followups'],
      ] as const;
      for (const [path, name] of pages) {
        const response = await page.goto(`${base}${path}`);
        expect(response?.status(), path).toBe(200);
        // The body never scrolls sideways; a wide table scrolls inside its own box.
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
        expect(overflow, path).toBeLessThanOrEqual(0);
        const boxes = await page.evaluate<{ table: string; right: number }[]>(
          "[...document.querySelectorAll('main table')].map((t) => { const box = t.closest('.table-wrap') || t; return { table: t.id, right: box.getBoundingClientRect().right }; })",
        );
        for (const box of boxes) expect(box.right, `${path} #${box.table}`).toBeLessThanOrEqual(390);
        await screenshot(page, name);
      }
    } finally {
      await context.close();
    }
  });
});
