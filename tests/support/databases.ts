import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { recordWholesaleChange } from '../../db/change-log.js';
import { openDatabase } from '../../db/open-database.js';
import type { OpenedDatabase } from '../../db/open-database.js';
import type { Database } from '../../db/schema.js';
import { seedMigratedPglite } from './pglite-template.js';

/** Both back ends: every database test runs on each. */
export const DATABASE_KINDS = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

/** An open test database; `close()` also removes it (temp folder or PostgreSQL database). */
export interface TestDatabase extends OpenedDatabase {
  /** The PGlite data dir, or the PostgreSQL URL of the fresh database. */
  readonly location: string;
}

/** The server the global setup provides (`TEST_DATABASE_URL` or a throwaway cluster). */
export function testServerUrl(): string {
  return inject('testDatabaseUrl');
}

/**
 * A fresh, uniquely named PostgreSQL database (`verbatim_t_<random>`) on the test
 * server, for tests that open it themselves (twice, through the CLI …).
 *
 * @example const { url, drop } = await createPostgresDatabase(); try { … } finally { await drop(); }
 */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = testServerUrl();
  const name = `verbatim_t_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(serverUrl, `drop database if exists ${name} with (force)`) };
}

/** A fresh PGlite folder under the system temp dir. */
export async function createPgliteDir(): Promise<{ dataDir: string; remove: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-pglite-'));
  return { dataDir, remove: () => rm(dataDir, { recursive: true, force: true }) };
}

/** Opens (and migrates) a fresh database of that kind. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const { dataDir, remove } = await createPgliteDir();
    await seedMigratedPglite(dataDir);
    const opened = await openDatabase({ dataDir });
    return { ...opened, location: dataDir, close: () => opened.close().finally(remove) };
  }
  const { url, drop } = await createPostgresDatabase();
  const opened = await openDatabase({ databaseUrl: url });
  return { ...opened, location: url, close: () => opened.close().finally(drop) };
}

/**
 * Runs a block of tests once per back end, with one database opened per block
 * (PGlite takes seconds to start) and removed after. Call `truncateAll` in a
 * `beforeEach` when tests must not see each other's rows.
 *
 * @example
 * forEachDatabase((database) => {
 *   it('stores', async () => { const { db } = database(); … });
 * });
 */
export function forEachDatabase(body: (database: () => TestDatabase) => void): void {
  describe.each(DATABASE_KINDS)('on %s', (kind) => {
    let opened: TestDatabase | undefined;
    beforeAll(async () => {
      opened = await openTestDatabase(kind);
    });
    afterAll(async () => {
      await opened?.close();
    });
    body(() => {
      if (opened === undefined) throw new Error(`the ${kind} test database did not open (see beforeAll)`);
      return opened;
    });
  });
}

/**
 * Empties every table of the schema and restarts the identity counters. The data version
 * moves on (a truncate logs no change): a replica synced before is rebuilt, not patched.
 */
export async function truncateAll(db: Kysely<Database>): Promise<void> {
  await sql`truncate table followups, verbatim_themes, verbatims, themes, runs, sources, author_tombstones, installation_settings, alerts, alert_deliveries, taxonomy_versions restart identity cascade`.execute(db);
  await recordWholesaleChange(db);
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
