import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PACKAGE_ROOT } from '../../core/package-root.js';

/** Where the browser tests leave their screenshots (gitignored; CI keeps them as artifacts). */
export const ARTIFACTS_DIR = path.join(PACKAGE_ROOT, 'test-artifacts', 'web');

/** Debian's Chromium, headless, with nothing reaching outside the machine. */
export async function launchChromium(): Promise<Browser> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Saves a full-page screenshot under test-artifacts/web/NAME.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

/**
 * Records, from inside the page, every CSP violation and every sign of injected code
 * running (`window.__xss` is what the hostile fixtures try to set).
 */
export async function watchForInjection(page: Page): Promise<void> {
  // Browser-side code as text: the test project compiles without the DOM library.
  await page.addInitScript(
    "window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));",
  );
}

export async function injectionReport(page: Page): Promise<{ xss: unknown; csp: string[] }> {
  return page.evaluate<{ xss: unknown; csp: string[] }>('({ xss: window.__xss, csp: window.__csp || [] })');
}
