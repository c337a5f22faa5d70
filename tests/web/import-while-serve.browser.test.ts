import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { CLI, runCli, runVerbatim } from '../cli/run-cli.js';
import { createPgliteDir } from '../support/databases.js';
import { injectionReport, launchChromium, screenshot, watchForInjection } from './browser.js';

const CSV = ['id,text,nps,created_at', '1,Great service at the branch,10,2026-11-01', '2,Hidden fees again,2,2026-11-02', '3,Waited too long,6,2026-11-03', ''].join('\n');
const MORE = ['id,text,nps,created_at', '4,The new app is fast,9,2026-11-04', '5,Card blocked abroad,0,2026-11-05', ''].join('\n');

let dataDir: string;
let remove: () => Promise<void>;
let env: Record<string, string>;
let serve: ChildProcess | undefined;
let browser: Browser;

beforeAll(async () => {
  ({ dataDir, remove } = await createPgliteDir());
  env = { VERBATIM_DATA_DIR: dataDir };
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (serve !== undefined && serve.exitCode === null && serve.signalCode === null) {
    serve.kill('SIGKILL');
    await once(serve, 'close');
  }
  await remove();
});

/** Starts the built `verbatim serve --port 0` on the embedded database; resolves with its base URL once it listens. */
function startServe(): Promise<string> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { env: { ...process.env, DATABASE_URL: '', ...env }, cwd: PACKAGE_ROOT });
  serve = child;
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const base = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
      if (base !== undefined) resolve(base);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => reject(new Error(`serve exited with ${String(code)}: ${output}`)));
  });
}

/** `verbatim import FILE` in this process while serve holds the embedded database: it goes through serve's socket. */
async function importWhileServing(name: string, csv: string): Promise<void> {
  const file = path.join(dataDir, name);
  await writeFile(file, csv);
  const run = await runCli(['import', file, '--map', 'external_id=id'], { env });
  expect(run.stderr).toContain('the embedded database is open in `verbatim serve` (process');
  expect(run.code).toBe(0);
}

describe('importing and enriching while the dashboard is open (issue 15 item 7) in Chromium', () => {
  // Two PGlite starts in child processes (token, serve) and the browser: slow on a busy machine.
  it('shows the new verbatims and their scores on reload after `verbatim import` and `enrich`', { timeout: 180_000 }, async () => {
    const token = await runVerbatim(['token', 'create', '--role', 'admin'], { env });
    expect(token.code).toBe(0);
    const base = await startServe();
    const context = await browser.newContext({ viewport: { width: 1366, height: 850 } });
    try {
      const page = await context.newPage();
      await watchForInjection(page);
      await page.goto(`${base}/login`);
      await page.fill('input[name="token"]', token.stdout.trim());
      await Promise.all([page.waitForURL(`${base}/`), page.click('button[type="submit"]')]);
      const verbatims = page.locator('#card-verbatims .value');
      await expect(verbatims.getAttribute('data-value')).resolves.toBe('0');

      await importWhileServing('answers.csv', CSV);
      await vi.waitFor(
        async () => {
          await page.reload();
          expect(await verbatims.getAttribute('data-value')).toBe('3');
        },
        { timeout: 15_000, interval: 250 },
      );
      // NPS counts enriched answers: `verbatim enrich` goes through serve too.
      const enrich = await runCli(['enrich'], { env });
      expect(enrich.code).toBe(0);
      await vi.waitFor(
        async () => {
          await page.reload();
          expect(await page.locator('#card-n .value').getAttribute('data-value')).toBe('3');
        },
        { timeout: 15_000, interval: 250 },
      );
      await screenshot(page, 'import-while-serve');

      await importWhileServing('more.csv', MORE);
      await vi.waitFor(
        async () => {
          await page.reload();
          expect(await verbatims.getAttribute('data-value')).toBe('5');
        },
        { timeout: 15_000, interval: 250 },
      );
      expect(await injectionReport(page)).toEqual({ xss: undefined, csp: [] });
    } finally {
      await context.close();
    }
  });
});
