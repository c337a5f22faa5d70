import { access, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { ConfigError } from '../core/errors.js';
import { acquireDirectoryLock } from './directory-lock.js';
import { migrateToLatest } from './migrate.js';
import type { Database } from './schema.js';

/** Where the database lives: a PostgreSQL server, or an embedded PGlite file database under `dataDir`. */
export interface DatabaseOptions {
  /** `postgres://…` (the CLI passes `DATABASE_URL`); wins over `dataDir`. */
  readonly databaseUrl?: string | undefined;
  /** Folder of the embedded database (the CLI passes `VERBATIM_DATA_DIR`, default `./.verbatim`). */
  readonly dataDir?: string | undefined;
}

/** An open, migrated database. Call `close()` when done (twice is harmless): it ends the pool or shuts PGlite down. */
export interface OpenedDatabase {
  readonly db: Kysely<Database>;
  readonly kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/** Default folder of the embedded database, relative to the working directory. */
export const DEFAULT_DATA_DIR = '.verbatim';

/** PGlite's own folder inside the data dir (which also holds models and reports). */
const PGLITE_SUBDIR = 'pglite';

/**
 * Reads `DATABASE_URL` and `VERBATIM_DATA_DIR` (empty counts as unset).
 *
 * @example resolveDatabaseOptions(process.env) // { databaseUrl: undefined, dataDir: '/home/me/project/.verbatim' }
 */
export function resolveDatabaseOptions(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): { databaseUrl: string | undefined; dataDir: string } {
  const databaseUrl = nonEmpty(env['DATABASE_URL']);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL: expected a postgres:// URL, got \`${redactUrl(databaseUrl)}\``);
  }
  return { databaseUrl, dataDir: path.resolve(cwd, nonEmpty(env['VERBATIM_DATA_DIR']) ?? DEFAULT_DATA_DIR) };
}

/**
 * Opens the database and applies any pending migration.
 * With `databaseUrl`: PostgreSQL through a `pg` pool. Otherwise: PGlite, a file
 * database in `<dataDir>/pglite` (folder created), locked against a second process.
 *
 * @example
 * const { db, close } = await openDatabase(resolveDatabaseOptions(process.env));
 * try { await countPending(db); } finally { await close(); }
 */
export async function openDatabase(options: DatabaseOptions): Promise<OpenedDatabase> {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') return openPostgres(options.databaseUrl);
  return openPglite(path.resolve(options.dataDir ?? DEFAULT_DATA_DIR));
}

async function openPostgres(databaseUrl: string): Promise<OpenedDatabase> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // A broken idle connection is dropped and replaced by the pool; the next query reports any real outage.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await pool.query('select 1');
  } catch (error) {
    await db.destroy();
    throw new ConfigError(`cannot open the PostgreSQL database ${redactUrl(databaseUrl)} (DATABASE_URL): ${messageOf(error)}`, {
      cause: error,
    });
  }
  await migrateOrClose(db);
  let closing: Promise<void> | undefined;
  return { db, kind: 'postgres', close: () => (closing ??= db.destroy()) };
}

async function openPglite(dataDir: string): Promise<OpenedDatabase> {
  await mkdir(dataDir, { recursive: true });
  const lock = await acquireDirectoryLock(path.join(dataDir, `${PGLITE_SUBDIR}.lock`), 'the embedded database');
  let db: Kysely<Database>;
  try {
    await refuseDamagedDataDir(path.join(dataDir, PGLITE_SUBDIR));
    const pglite = await PGlite.create({ dataDir: path.join(dataDir, PGLITE_SUBDIR) });
    db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  } catch (error) {
    await lock.release();
    throw error;
  }
  try {
    await migrateOrClose(db);
  } catch (error) {
    await lock.release();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return { db, kind: 'pglite', close: () => (closing ??= db.destroy().finally(() => lock.release())) };
}

/**
 * PGlite initialises a fresh cluster in any folder without `PG_VERSION`, over whatever
 * files are there: a damaged folder would be wiped silently. Only an absent or empty
 * folder may be initialised; anything else must look like a data dir.
 */
async function refuseDamagedDataDir(pgliteDir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(pgliteDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new ConfigError(`cannot read the embedded database folder ${pgliteDir}: ${messageOf(error)}`, { cause: error });
  }
  if (entries.length === 0) return;
  const missing: string[] = [];
  for (const required of ['PG_VERSION', 'base', 'global']) {
    await access(path.join(pgliteDir, required)).catch(() => missing.push(required));
  }
  if (missing.length > 0) {
    throw new ConfigError(
      `the embedded database folder ${pgliteDir} is damaged (missing ${missing.join(', ')}): restore it from a backup, ` +
        'or move it away to start an empty database; verbatim never re-initialises over existing files',
    );
  }
}

async function migrateOrClose(db: Kysely<Database>): Promise<void> {
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** The URL without its password, fit for an error message. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name;
  return String(error);
}
