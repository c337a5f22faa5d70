import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAlertRules } from '../../analysis/alerts-rules.js';
import { runAlerts } from '../../analysis/alerts-run.js';
import { createToken } from '../../db/tokens.table.js';
import { ALERTS_NOW, ALERTS_YAML, seedAlertsData } from '../analysis/alerts-fixture.js';
import { injectionReport, screenshot, watchForInjection } from './browser.js';
import { openBrowserDashboard, type BrowserDashboard } from './browser-dashboard.js';

let dashboard: BrowserDashboard;
let base: string;
let browser: Browser;
let analyst = '';

beforeAll(async () => {
  dashboard = await openBrowserDashboard(async (db) => {
    await seedAlertsData(db);
    await runAlerts(db, parseAlertRules(ALERTS_YAML, 'alerts.yaml'), { now: ALERTS_NOW });
    analyst = (await createToken(db, { role: 'analyst', label: 'insight team' })).token;
    return { now: () => ALERTS_NOW };
  });
  ({ base, browser } = dashboard);
});

afterAll(async () => {
  await dashboard?.close();
});

describe('the alerts inbox in Chromium', () => {
  it('shows a raised alert, opens its verbatims, and acknowledges it', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 850 } });
    try {
      const page = await context.newPage();
      await watchForInjection(page);
      await page.goto(`${base}/alerts`);
      await page.fill('input[name="token"]', analyst);
      await Promise.all([page.waitForURL(`${base}/alerts`), page.click('button[type="submit"]')]);

      const spike = page.locator('tr[data-rule="theme-spike"]');
      await expect(spike.locator('.message').textContent()).resolves.toContain('Spike: volume of theme fees_pricing 30 in 2026-W24');
      await screenshot(page, 'alerts-inbox');

      await Promise.all([page.waitForURL(/\/search\?/), spike.locator('a.verbatims').click()]);
      await expect(page.locator('strong.total').textContent()).resolves.toBe('30 verbatims');
      await page.goBack();

      await Promise.all([page.waitForURL(`${base}/alerts`), page.locator('tr[data-rule="theme-spike"] button', { hasText: 'Acknowledge' }).click()]);
      await expect(page.locator('tr[data-rule="theme-spike"]').count()).resolves.toBe(0);
      await expect(page.locator('tr[data-rule="lyon-nps"]').count()).resolves.toBe(1);
      await page.goto(`${base}/alerts?show=all`);
      await expect(page.locator('tr[data-rule="theme-spike"] .state').textContent()).resolves.toContain('acknowledged by insight team');
      await screenshot(page, 'alerts-acknowledged');
      expect(await injectionReport(page)).toEqual({ xss: undefined, csp: [] });
    } finally {
      await context.close();
    }
  });
});
