import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../db/tokens.table.js';
import { buildServer } from '../../web/server.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { injectionReport, launchChromium, screenshot, watchForInjection } from './browser.js';
import { HOSTILE_TEXTS, NOW, seedWebData } from './fixtures.js';

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
  tokens.analyst = (await createToken(database.db, { role: 'analyst', label: 'insight team' })).token;
  tokens.lyon = (await createToken(database.db, { role: 'viewer', scope: { branch: 'Lyon' }, label: 'Lyon branch' })).token;
  app = await buildServer({ db: database.db, now: () => NOW });
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
      for (const [path, name] of [['/', '08-phone-overview'], ['/themes', '09-phone-themes'], ['/search', '10-phone-search']] as const) {
        await page.goto(`${base}${path}`);
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
        expect(overflow, path).toBeLessThanOrEqual(0);
        await screenshot(page, name);
      }
    } finally {
      await context.close();
    }
  });
});
