import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../db/tokens.table.js';
import { ARTIFACTS_DIR, injectionReport, screenshot, watchForInjection } from './browser.js';
import { openBrowserDashboard, type BrowserDashboard } from './browser-dashboard.js';
import { NOW, seedWebData } from './fixtures.js';

let dashboard: BrowserDashboard;
let base: string;
let browser: Browser;
let token = '';

beforeAll(async () => {
  dashboard = await openBrowserDashboard(async (db) => {
    await seedWebData(db);
    token = (await createToken(db, { role: 'analyst', label: 'insight team' })).token;
    return { now: () => NOW };
  });
  ({ base, browser } = dashboard);
});

afterAll(async () => {
  await dashboard?.close();
});

async function signedIn(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 850 }, acceptDownloads: true });
  const page = await context.newPage();
  await watchForInjection(page);
  await page.goto(`${base}/login`);
  await page.fill('input[name="token"]', token);
  await Promise.all([page.waitForURL(`${base}/`), page.click('button[type="submit"]')]);
  return { context, page };
}

/** Where bar `index` of a chart is on the screen (Chart.js knows; the test project has no DOM types, so the code is text). */
async function barPoint(page: Page, chart: string, index: number): Promise<{ x: number; y: number }> {
  await page.waitForFunction(`window.Chart && window.Chart.getChart(document.querySelector('canvas[data-chart="${chart}"]'))`);
  return page.evaluate<{ x: number; y: number }>(`(() => {
    const canvas = document.querySelector('canvas[data-chart="${chart}"]');
    canvas.scrollIntoView({ block: 'center' });
    const bar = window.Chart.getChart(canvas).getDatasetMeta(0).data[${index}].getCenterPoint();
    const box = canvas.getBoundingClientRect();
    return { x: box.left + bar.x, y: box.top + bar.y };
  })()`);
}

async function chartData<T>(page: Page): Promise<T> {
  return JSON.parse((await page.locator('#chart-data').textContent()) ?? '{}') as T;
}

const total = async (page: Page) => Number(((await page.locator('strong.total').textContent()) ?? '').replace(/[^\d]/g, ''));

describe('click-through, chart export and saved views in Chromium', () => {
  it("clicking a driver bar lands on the search page listing that theme's verbatims", async () => {
    const { context, page } = await signedIn();
    try {
      const charts = await chartData<{ drivers: { labels: string[]; hrefs: string[] } }>(page);
      const href = charts.drivers.hrefs[0] ?? '';
      const theme = new URL(href, base).searchParams.get('theme') ?? '';
      // The bar's URL is the driver row's: the same verbatims, counted in the row.
      const count = Number(await page.locator(`#table-drivers a.drill[href="${href}"]`).getAttribute('data-count'));
      expect(count).toBeGreaterThan(0);
      const point = await barPoint(page, 'drivers', 0);
      await Promise.all([page.waitForURL(/\/search\?/), page.mouse.click(point.x, point.y)]);
      expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(href);
      expect(await page.locator('select[name="theme"]').inputValue()).toBe(theme);
      expect(await total(page)).toBe(count);
      await screenshot(page, 'click-through-search');
      expect(await injectionReport(page)).toEqual({ xss: undefined, csp: [] });
    } finally {
      await context.close();
    }
  });

  it('clicking a breakdown bar lands on the verbatims of that branch', async () => {
    const { context, page } = await signedIn();
    try {
      await Promise.all([page.waitForURL(/\/breakdowns/), page.click('header nav a[href="/breakdowns"]')]);
      await screenshot(page, 'breakdowns');
      const { breakdown_branch: branches } = await chartData<{ breakdown_branch: { labels: string[]; n: number[]; nps: number[] } }>(page);
      // The tallest bar: an NPS near 0 draws a bar too thin to aim at.
      const index = branches.nps.reduce((best, nps, at) => (Math.abs(nps) > Math.abs(branches.nps[best] ?? 0) ? at : best), 0);
      const point = await barPoint(page, 'breakdown_branch', index);
      await Promise.all([page.waitForURL(/\/search\?/), page.mouse.click(point.x, point.y)]);
      expect(new URL(page.url()).searchParams.get('segment')).toBe(`branch:${branches.labels[index] ?? ''}`);
      expect(await total(page)).toBe(branches.n[index]);
    } finally {
      await context.close();
    }
  });

  it('clicking a journey heatmap cell lands on the verbatims of its step and theme', async () => {
    const { context, page } = await signedIn();
    try {
      await Promise.all([page.waitForURL(/\/journey/), page.click('header nav a[href="/journey"]')]);
      const cell = page.locator('td.heat a.cell-link').first();
      const count = Number(await cell.getAttribute('data-count'));
      const theme = await page.locator('td.heat:has(a.cell-link)').first().getAttribute('data-theme');
      const step = await page.locator('tr[data-step]:has(a.cell-link)').first().getAttribute('data-step');
      await Promise.all([page.waitForURL(/\/search\?/), cell.click()]);
      const asked = new URL(page.url()).searchParams;
      expect([asked.get('journey'), asked.get('theme')]).toEqual([step, theme]);
      expect(await total(page)).toBe(count);
    } finally {
      await context.close();
    }
  });

  it('downloads a chart as a PNG', async () => {
    const { context, page } = await signedIn();
    try {
      await page.waitForFunction('window.Chart && window.Chart.getChart(document.querySelector("canvas[data-chart=drivers]"))');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('figure.chart:has(canvas[data-chart="drivers"]) button.chart-download[data-format="png"]')]);
      expect(download.suggestedFilename()).toBe('verbatim-drivers.png');
      const bytes = await readFile((await download.path()) ?? '');
      expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(bytes.length).toBeGreaterThan(2000);
    } finally {
      await context.close();
    }
  });

  it('downloads a chart as an SVG drawn from the same bars and labels', async () => {
    const { context, page } = await signedIn();
    try {
      await page.waitForFunction('window.Chart && window.Chart.getChart(document.querySelector("canvas[data-chart=drivers]"))');
      const { drivers } = await chartData<{ drivers: { labels: string[] } }>(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('figure.chart:has(canvas[data-chart="drivers"]) button.chart-download[data-format="svg"]')]);
      expect(download.suggestedFilename()).toBe('verbatim-drivers.svg');
      const svg = await readFile((await download.path()) ?? '', 'utf8');
      await writeFile(path.join(ARTIFACTS_DIR, 'drivers-chart.svg'), svg);
      expect(svg.startsWith('<?xml')).toBe(true);
      expect(svg).toContain('<svg');
      // One impact bar and one interval bar a theme, on a white background.
      expect([...svg.matchAll(/<rect /g)].length).toBe(1 + 2 * drivers.labels.length);
      for (const label of drivers.labels) expect(svg).toContain(`>${label}</text>`);
    } finally {
      await context.close();
    }
  });

  it('saves a view under a name and opens it again from another page', async () => {
    const { context, page } = await signedIn();
    try {
      await page.goto(`${base}/drivers`);
      await screenshot(page, 'drivers');
      await page.goto(`${base}/breakdowns?segment=branch:Paris&from=2026-02-01`);
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
      await page.click('.views button.copy-link');
      await page.locator('.views .status', { hasText: 'Link copied' }).waitFor();
      expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(page.url());
      await page.fill('.views input.view-name', 'Paris <b>since</b> February');
      await page.click('.views button.save-view');
      await page.goto(`${base}/themes`);
      const saved = page.locator('ul.saved-views a');
      expect(await saved.textContent()).toBe('Paris <b>since</b> February');
      await Promise.all([page.waitForURL(/\/breakdowns\?/), saved.click()]);
      expect(new URL(page.url()).searchParams.get('segment')).toBe('branch:Paris');
      expect(await page.locator('ul.saved-views b').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
