import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeriodComparison } from '../../analysis/period-compare.js';
import { createToken } from '../../db/tokens.table.js';
import { injectionReport, screenshot, watchForInjection } from './browser.js';
import { openBrowserDashboard, type BrowserDashboard } from './browser-dashboard.js';
import { COMPARE_NOW, seedCompareWebData } from './compare-fixture.js';

let dashboard: BrowserDashboard;
let base: string;
let browser: Browser;
const tokens = { analyst: '', lyon: '' };
const JUNE = 'from=2026-06-01&to=2026-07-01';

beforeAll(async () => {
  dashboard = await openBrowserDashboard(async (db) => {
    await seedCompareWebData(db);
    tokens.analyst = (await createToken(db, { role: 'analyst', label: 'insight team' })).token;
    tokens.lyon = (await createToken(db, { role: 'viewer', scope: { branch: 'Lyon' }, label: 'Lyon branch' })).token;
    return { now: () => COMPARE_NOW };
  });
  ({ base, browser } = dashboard);
});

afterAll(async () => {
  await dashboard?.close();
});

async function apiCompare(query: string, token: string): Promise<PeriodComparison> {
  const response = await fetch(`${base}/api/compare?${query}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { comparison: PeriodComparison }).comparison;
}

async function signedIn(token: string, viewport = { width: 1366, height: 850 }): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await watchForInjection(page);
  await page.goto(`${base}/login`);
  await page.fill('input[name="token"]', token);
  await Promise.all([page.waitForURL(`${base}/`), page.click('button[type="submit"]')]);
  return page;
}

/** The change card and the contribution cells of the page, as numbers. */
async function pageFigures(page: Page): Promise<{ change: number; totals: number[]; arrows: string[] }> {
  const change = Number(await page.locator('#card-change .value').getAttribute('data-value'));
  const cells = await page.locator('#table-contributions td[data-key="total"]').all();
  const totals = await Promise.all(cells.map(async (cell) => (await cell.getAttribute('data-value')) ?? ''));
  const arrows = await page.locator('#table-contributions td[data-key="direction"]').allInnerTexts();
  return { change, totals: totals.filter((value) => value !== '').map(Number), arrows: arrows.map((text) => text.trim()).filter((text) => text !== '') };
}

describe('the compare page in Chromium', () => {
  it('is in the navigation; its contributions add up to the change shown, as the API gives them', async () => {
    const page = await signedIn(tokens.analyst);
    await Promise.all([page.waitForURL(/\/compare/), page.click('nav a:has-text("Compare")')]);
    await page.fill('input[name="from"]', '2026-06-01');
    await page.fill('input[name="to"]', '2026-07-01');
    await Promise.all([page.waitForURL(/from=2026-06-01/), page.click('form.filters:not(.compare) button[type="submit"]')]);

    const figures = await pageFigures(page);
    const api = await apiCompare(`${JUNE}`, tokens.analyst);
    expect(figures.change).toBe(api.change);
    expect(figures.totals).toEqual(api.contributions.map((row) => row.total));
    const sum = figures.totals.reduce((total, value) => total + value, 0);
    expect(Math.abs(sum - figures.change)).toBeLessThan(0.05 + 1e-9);
    // The story of the fixture: fees grew and hurt, significantly.
    const fees = api.contributions.find((row) => row.theme === 'fees_pricing');
    expect(fees?.direction).toBe('down');
    expect(figures.arrows).toContain('▼');
    expect(await page.locator('#card-previous .label').innerText()).toContain('2026-05-02 to 2026-05-31');
    await screenshot(page, 'compare');
    expect(await injectionReport(page)).toEqual({ xss: undefined, csp: [] });
    await page.context().close();
  });

  it('a chosen reference period, and a viewer scoped to Lyon sees Lyon only', async () => {
    const page = await signedIn(tokens.lyon);
    await page.goto(`${base}/compare?${JUNE}`);
    await page.fill('input[name="against"]', '2026-05-01..2026-06-01');
    await Promise.all([page.waitForURL(/against=2026-05-01/), page.click('form.compare button[type="submit"]')]);
    const figures = await pageFigures(page);
    const lyon = await apiCompare(`${JUNE}&against=2026-05-01..2026-06-01`, tokens.lyon);
    const everyone = await apiCompare(`${JUNE}&against=2026-05-01..2026-06-01`, tokens.analyst);
    expect(figures.change).toBe(lyon.change);
    expect(lyon.current.n).toBe(240);
    expect(everyone.current.n).toBe(480);
    expect(Math.abs(figures.totals.reduce((total, value) => total + value, 0) - figures.change)).toBeLessThan(0.05 + 1e-9);
    await page.context().close();
  });

  it('fits a phone screen: the body never scrolls sideways, the tables scroll in their box', async () => {
    const page = await signedIn(tokens.analyst, { width: 390, height: 844 });
    await page.goto(`${base}/compare?${JUNE}`);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await screenshot(page, 'compare-phone');
    await page.context().close();
  });
});
