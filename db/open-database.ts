import { access, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as nextTimersTurn } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { PoolConfig } from 'pg';
import { ConfigError } from '../core/errors.js';
import { awaitShareAddress } from './await-share-address.js';
import { ConnectionLease } from './connection-lease.js';
import { acquireDirectoryLock, DirectoryLockHeldError, type DirectoryLock } from './directory-lock.js';
import { LeasedDialect } from './leased-dialect.js';
import { migrateToLatest } from './migrate.js';
import { registerCopyTarget } from './pglite-copy.js';
import type { PgliteShare } from './pglite-share.js';
import type { Database } from './schema.js';
import { isPrivateSocketDir, readShareAddress, removeShareAddress, removeShareStarting, SOCKET_PORT, writeShareStarting, type ShareAddress } from './share-address.js';

/** Where the database lives: a PostgreSQL server, or an embedded PGlite file database under `dataDir`. */
export interface DatabaseOptions {
  /** `postgres://…` (the CLI passes `DATABASE_URL`); wins over `dataDir`. */
  readonly databaseUrl?: string | undefined;
  /** Folder of the embedded database (the CLI passes `VERBATIM_DATA_DIR`, default `./.verbatim`). */
  readonly dataDir?: string | undefined;
  /**
   * Embedded database only (`verbatim serve`): while open, let other verbatim
   * processes of this user work on it through a Unix socket instead of refusing them.
   */
  readonly share?: boolean | undefined;
  /**
   * Embedded database only: a command that reads a few rows and exits (`verbatim report`).
   * PGlite then starts with a 16 MB buffer pool instead of 128 MB: zeroing the larger pool
   * is about a third of PGlite's start (≈ 1.0–1.25 → 0.78–0.81 s), and such a command
   * reads each page once anyway.
   */
  readonly shortRead?: boolean | undefined;
}

/** PGlite's start parameters for a `shortRead` command (db/README.md, "The replica's categories as ENUMs, and a cold report that counts while the database opens"). */
const SHORT_READ_START = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

/**
 * An open, migrated database. Call `close()` when done (twice is harmless): it ends the pool or shuts PGlite down.
 * `shared-pglite`: the embedded database of a running `verbatim serve` (process `sharedBy`), reached through its socket.
 */
export interface OpenedDatabase {
  readonly db: Kysely<Database>;
  readonly kind: 'pglite' | 'shared-pglite' | 'postgres';
  readonly sharedBy?: number | undefined;
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
 * database in `<dataDir>/pglite` (folder created), locked against a second process;
 * when that process is a `verbatim serve` sharing it (`share`), through its socket.
 *
 * @example
 * const { db, close } = await openDatabase(resolveDatabaseOptions(process.env));
 * try { await countPending(db); } finally { await close(); }
 */
export async function openDatabase(options: DatabaseOptions): Promise<OpenedDatabase> {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') return openPostgres(options.databaseUrl);
  return openPglite(path.resolve(options.dataDir ?? DEFAULT_DATA_DIR), options.share === true, options.shortRead === true);
}

async function openPostgres(databaseUrl: string): Promise<OpenedDatabase> {
  const db = await openPool({ connectionString: databaseUrl, max: 10 }, (error) => `cannot open the PostgreSQL database ${redactUrl(databaseUrl)} (DATABASE_URL): ${messageOf(error)}`);
  let closing: Promise<void> | undefined;
  return { db, kind: 'postgres', close: () => (closing ??= db.destroy()) };
}

/**
 * A `pg` pool as a migrated Kysely handle: PostgreSQL, or a serve's shared PGlite. The
 * first query proves the server answers; if not, the pool is closed and `cannotOpen`
 * names what failed.
 */
async function openPool(config: PoolConfig, cannotOpen: (error: unknown) => string): Promise<Kysely<Database>> {
  // Loaded on use: the embedded database's commands (a cold `report`) do not need `pg`.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool(config);
  // A broken idle connection is dropped and replaced by the pool; the next query reports any real outage.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await pool.query('select 1');
  } catch (error) {
    await db.destroy();
    throw new ConfigError(cannotOpen(error), { cause: error });
  }
  await migrateOrClose(db);
  return db;
}

async function openPglite(dataDir: string, share: boolean, shortRead = false): Promise<OpenedDatabase> {
  await mkdir(dataDir, { recursive: true });
  let lock: DirectoryLock;
  try {
    lock = await acquireDirectoryLock(path.join(dataDir, `${PGLITE_SUBDIR}.lock`), 'the embedded database');
  } catch (error) {
    if (error instanceof DirectoryLockHeldError) return openSharedPglite(dataDir, error, share, shortRead);
    throw error;
  }
  let db: Kysely<Database>;
  let shared: PgliteShare | undefined;
  try {
    // An address or starting mark still here is a dead serve's (its lock was just taken over): stale.
    await removeShareAddress(dataDir, await readShareAddress(dataDir));
    await removeShareStarting(dataDir);
    // Node listens on a path only as a Unix socket; Windows has named pipes instead, not supported here.
    const lease = share && process.platform !== 'win32' ? new ConnectionLease() : undefined;
    // Tells a CLI started while this serve opens and migrates to wait for the share, not give up.
    if (lease !== undefined) await writeShareStarting(dataDir, process.pid);
    const fresh = await refuseDamagedDataDir(path.join(dataDir, PGLITE_SUBDIR));
    // A serve shares the database for hours: it keeps PGlite's default pool.
    const pglite = await PGlite.create({ dataDir: path.join(dataDir, PGLITE_SUBDIR), ...(shortRead && !share ? { startParams: SHORT_READ_START } : {}) });
    db = new Kysely<Database>({ dialect: lease === undefined ? new PGliteDialect(pglite) : new LeasedDialect(new PGliteDialect(pglite), lease) });
    // Writers `COPY` through PGlite itself, within the Kysely connection or transaction they hold (and so under the lease).
    registerCopyTarget(db, pglite);
    await migrateOrClose(db);
    if (fresh) await collectInitdbGarbage();
    if (lease !== undefined) {
      try {
        // Loaded on use: only `verbatim serve` shares the database (a socket server).
        const { sharePglite } = await import('./pglite-share.js');
        shared = await sharePglite(pglite, lease, dataDir);
      } catch (error) {
        await db.destroy();
        throw error;
      }
    }
  } catch (error) {
    await removeShareStarting(dataDir);
    await lock.release();
    throw error;
  }
  await removeShareStarting(dataDir);
  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    try {
      await shared?.stop();
      await db.destroy();
    } finally {
      await lock.release();
    }
  };
  return { db, kind: 'pglite', close: () => (closing ??= close()) };
}

/**
 * The lock is held: if the holder is a `verbatim serve` sharing the database, work
 * through its socket (`pg`, one connection: the serve lends PGlite to one user at a
 * time); otherwise the holder's refusal stands.
 */
async function openSharedPglite(dataDir: string, held: DirectoryLockHeldError, share: boolean, shortRead = false): Promise<OpenedDatabase> {
  if (held.holderPid === process.pid) throw held;
  const holder = await awaitShareAddress(dataDir, held.holderPid);
  if (holder.kind === 'gone') return openPglite(dataDir, share, shortRead);
  if (holder.kind === 'not-sharing') throw held;
  const { address } = holder;
  if (!(await isPrivateSocketDir(address.socketDir))) {
    throw new ConfigError(`${held.message} Its socket folder ${address.socketDir} is not a private folder of this user: not connecting to it.`);
  }
  const db = await openPool(
    { ...socketConnection(address), max: 1 },
    (error) => `the embedded database is open in \`verbatim serve\` (process ${address.pid}), whose socket in ${address.socketDir} does not answer: ${messageOf(error)}`,
  );
  let closing: Promise<void> | undefined;
  return { db, kind: 'shared-pglite', sharedBy: address.pid, close: () => (closing ??= db.destroy()) };
}

/** `pg` settings for the socket; explicit, so no PG* variable of the environment (PGSSLMODE, PGHOST …) applies. */
function socketConnection(address: ShareAddress): PoolConfig {
  return { host: address.socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres', password: '', ssl: false };
}

/**
 * PGlite initialises a fresh cluster in any folder without `PG_VERSION`, over whatever
 * files are there: a damaged folder would be wiped silently. Only an absent or empty
 * folder may be initialised; anything else must look like a data dir.
 *
 * @returns whether the folder is absent or empty (PGlite will run `initdb` in it).
 */
async function refuseDamagedDataDir(pgliteDir: string): Promise<boolean> {
  let entries: string[];
  try {
    entries = await readdir(pgliteDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw new ConfigError(`cannot read the embedded database folder ${pgliteDir}: ${messageOf(error)}`, { cause: error });
  }
  if (entries.length === 0) return true;
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
  return false;
}

/**
 * One full garbage collection after PGlite ran `initdb`: its temporary instances leave about
 * 450 MB of WebAssembly memory unreferenced (from the next timers turn on), freed only by a
 * major GC, which a writer making little garbage (the `COPY` store) puts off for a long while —
 * the process's peak RSS then carries them (db/README.md "One pass"). `gc` is reached as
 * jest's leak detector reaches it; a few milliseconds, once per new database.
 */
async function collectInitdbGarbage(): Promise<void> {
  await nextTimersTurn(0);
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
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
