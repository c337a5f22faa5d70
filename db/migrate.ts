import { Migrator, sql } from 'kysely';
import type { Kysely, Migration, MigrationProvider, MigrationResult } from 'kysely';
import type { Database } from './schema.js';
import * as initial from './migrations/2026-11-24-0001-initial.js';
import * as tokensSessions from './migrations/2026-11-25-0001-tokens-sessions.js';
import * as verbatimsNewestFirst from './migrations/2026-11-25-0002-verbatims-newest-first.js';
import * as authorTombstones from './migrations/2026-12-06-0001-author-tombstones.js';
import * as personalSegments from './migrations/2026-12-06-0002-personal-segments.js';
import * as enrichFailures from './migrations/2026-12-06-0005-enrich-failures.js';
import * as tokenExpiry from './migrations/2026-12-06-0010-token-expiry.js';
import * as followupCloseReason from './migrations/2026-12-06-0030-followup-close-reason.js';
import * as rolledUpThemes from './migrations/2026-12-06-0040-rolled-up-themes.js';
import * as alerts from './migrations/2026-12-06-0050-alerts.js';
import * as taxonomyVersions from './migrations/2026-12-06-0060-taxonomy-versions.js';
import * as alertDeliveries from './migrations/2026-12-06-0070-alert-deliveries.js';
import * as themeLabelsByLanguage from './migrations/2026-12-06-0080-theme-labels-by-language.js';
import * as dataVersion from './migrations/2026-12-06-0090-data-version.js';
import * as enrichWriteIndexes from './migrations/2026-12-06-0100-enrich-write-indexes.js';

/**
 * Every migration, by name. Names sort by time (`YYYY-MM-DD-NNNN-what`), which is
 * the order Kysely applies them in. Listed in code, not read from a folder, so
 * the compiled build and the TypeScript sources run the same set.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '2026-11-24-0001-initial': initial,
  '2026-11-25-0001-tokens-sessions': tokensSessions,
  '2026-11-25-0002-verbatims-newest-first': verbatimsNewestFirst,
  '2026-12-06-0001-author-tombstones': authorTombstones,
  '2026-12-06-0002-personal-segments': personalSegments,
  '2026-12-06-0005-enrich-failures': enrichFailures,
  '2026-12-06-0010-token-expiry': tokenExpiry,
  '2026-12-06-0030-followup-close-reason': followupCloseReason,
  '2026-12-06-0040-rolled-up-themes': rolledUpThemes,
  '2026-12-06-0050-alerts': alerts,
  '2026-12-06-0060-taxonomy-versions': taxonomyVersions,
  '2026-12-06-0070-alert-deliveries': alertDeliveries,
  '2026-12-06-0080-theme-labels-by-language': themeLabelsByLanguage,
  '2026-12-06-0090-data-version': dataVersion,
  '2026-12-06-0100-enrich-write-indexes': enrichWriteIndexes,
});

/** Kysely's provider over {@link MIGRATIONS}. */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};

/**
 * Brings the schema to the latest migration. On PostgreSQL, Kysely's migrator
 * runs them in one transaction under an advisory lock, so two processes opening
 * the same database at once apply each migration exactly once.
 *
 * @example await migrateToLatest(db) // ['2026-11-24-0001-initial'] on a new database, [] after
 * @returns the names of the migrations applied now.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  if (await holdsEveryMigration(db)) return [];
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result: MigrationResult) => result.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`database migration ${failed?.migrationName ?? '(setup)'} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/**
 * Whether the database already records exactly the migrations of this build: two reads of
 * the bookkeeping table. Kysely's migrator would find out the same with its introspection,
 * lock table and transaction — about a second of every command's start on a large PGlite
 * database. Any difference (a new database, a newer build, a database migrated by a newer
 * build) goes to the migrator, which applies or refuses as before.
 */
async function holdsEveryMigration(db: Kysely<Database>): Promise<boolean> {
  const table = await sql<{ present: boolean }>`select to_regclass('kysely_migration') is not null as present`.execute(db);
  if (table.rows[0]?.present !== true) return false;
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  const expected = Object.keys(MIGRATIONS).sort();
  return rows.length === expected.length && rows.every((row, index) => row.name === expected[index]);
}
