import type { Kysely } from 'kysely';
import type { Browser } from 'playwright-core';
import type { Database } from '../../db/schema.js';
import { buildServer, type ServerOptions } from '../../web/server.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { launchChromium } from './browser.js';

/** A dashboard served on the loopback over a seeded embedded database, and a headless Chromium to visit it. */
export interface BrowserDashboard {
  readonly database: TestDatabase;
  /** `http://127.0.0.1:PORT`. */
  readonly base: string;
  readonly browser: Browser;
  close(): Promise<void>;
}

/**
 * Opens a fresh PGlite database, lets `setup` seed it (and create tokens), serves it with
 * the server options `setup` returns, and launches Chromium. `close()` undoes it all.
 *
 * @example const dashboard = await openBrowserDashboard(async (db) => { await seed(db); return { now: () => NOW }; });
 */
export async function openBrowserDashboard(setup: (db: Kysely<Database>) => Promise<Omit<ServerOptions, 'db'>>): Promise<BrowserDashboard> {
  const database = await openTestDatabase('pglite');
  const app = await buildServer({ ...(await setup(database.db)), db: database.db });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  return {
    database,
    base,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}
