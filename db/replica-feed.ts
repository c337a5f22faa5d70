import { randomBytes } from 'node:crypto';
import { access, copyFile, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { sql, type Kysely } from 'kysely';
import { appendPage, REPLICA_PAGE_SIZE, type PageFiles } from './analytics-replica-pages.js';
import { REPLICA_LAYOUT, REPLICA_TABLES_SQL } from './analytics-replica-schema.js';
import { SYNC_LAYOUT, SYNC_TABLES_SQL } from './analytics-replica-sync-schema.js';
import { formatDataVersion, readDataVersionState, type DataVersionState } from './data-version.js';
import type { EnrichedImportBatch } from './enriched-insert.js';
import { appendFeedLines, type FeedLines } from './replica-feed-lines.js';
import { PhraseThread } from './replica-feed-phrases.js';
import type { Database } from './schema.js';

/** What a sealed feed wrote: the replica file now holds `version`. */
export interface FedReplica {
  readonly verbatims: number;
  readonly themeRows: number;
  readonly version: string;
}

/** The feed cannot vouch for the file (another write, a value it cannot compute, a load that failed): sync from the database instead. */
export class ReplicaFeedMismatch extends Error {
  override readonly name = 'ReplicaFeedMismatch';
}

/**
 * DuckDB's share of the machine while the import runs beside it: one thread (the enrichment
 * threads and PGlite's main thread have the cores), a bounded buffer pool (its pages go to the file).
 */
const FEED_DUCKDB_OPTIONS = { threads: '1', memory_limit: '256MB' } as const;

/** Verbatims a page the feed hands DuckDB (a quarter of a rebuild's: the import's threads hold memory meanwhile). */
const FEED_PAGE_SIZE = REPLICA_PAGE_SIZE / 4;

/**
 * The analytics replica written by `verbatim import --enrich` as it stores (db/README.md, "The
 * import feeds the replica"): each stored batch's inserted rows go to a new replica file as a
 * rebuild would write them (db/replica-feed-lines.ts), the comments tokenised on a thread of its own
 * (db/replica-feed-phrases.ts) and DuckDB loading a page of them on its own thread while the import goes on, so no rebuild reads them back from the database at the end.
 * The file is a temporary one beside the replica, stamped with a data version and renamed over
 * the replica only by `seal`, and only when the version moved by exactly this import's own bumps:
 * a crash, a failure or another writer leaves the replica as it was (the writer's usual sync then
 * brings it up to date). A replica already at the data version when the import starts is copied
 * and fed on; one at another version is left to that sync (`openReplicaFeed` gives no feed).
 *
 * @example const feed = await openReplicaFeed(db, replicaPath); … await feed?.stored(batch, new Set(insertedIds)); … await feed?.seal(state)
 */
export class ReplicaFeed {
  readonly #file: string;
  readonly #start: DataVersionState;
  readonly #pageSize: number;
  #opened: { instance: DuckDBInstance; connection: DuckDBConnection } | undefined;
  /** True when the file was copied from a replica at the start version (its `replica_sync` row kept). */
  readonly #copied: boolean;
  #nextRowId: number;
  #bumps = 0;
  #buffer: FeedLines = emptyLines();
  #phraseThread: PhraseThread | undefined;
  #loading: Promise<void> = Promise.resolve();
  #scratch: string | undefined;
  #spoiled: string | undefined;
  #closed = false;
  #sealed = false;

  constructor(file: string, start: DataVersionState, options: { opened?: { instance: DuckDBInstance; connection: DuckDBConnection }; nextRowId: number; pageSize: number }) {
    this.#file = file;
    this.#start = start;
    this.#opened = options.opened;
    this.#copied = options.opened !== undefined;
    this.#nextRowId = options.nextRowId;
    this.#pageSize = options.pageSize;
  }

  /** The data version the feed started from. */
  get start(): DataVersionState {
    return this.#start;
  }

  /** Why the feed can no longer vouch for its file; undefined while it can. */
  get spoiled(): string | undefined {
    return this.#spoiled;
  }

  /**
   * Takes one stored batch whose INSERT inserted rows (and so bumped the data version once):
   * `inserted`, which of its ids. Lines are built here (this thread); DuckDB loads a full page
   * on its own while the import goes on.
   */
  async stored(batch: EnrichedImportBatch, inserted: ReadonlySet<string>): Promise<void> {
    this.#bumps += 1;
    if (this.#spoiled !== undefined) return;
    if (!appendFeedLines(this.#buffer, batch, inserted)) {
      this.spoil('a stored value the feed cannot compute (a date not in UTC ISO form, or an id with NUL)');
      return;
    }
    if (this.#buffer.verbatims.length >= this.#pageSize) await this.#flush();
  }

  /** Marks the feed unusable: `seal` will refuse, and the writer syncs from the database. */
  spoil(reason: string): void {
    this.#spoiled ??= reason;
    this.#buffer = emptyLines();
  }

  /**
   * Loads what is left, stamps the file with `end` (the version row read after the import) and
   * renames it over `replicaPath`, when `end` is the start version moved by exactly this import's
   * bumps; otherwise throws `ReplicaFeedMismatch`, the replica left as it was (call `discard` after
   * a throw). A write after `end` was read is the next sync's to apply, as after any sync.
   */
  async seal(end: DataVersionState, replicaPath: string): Promise<FedReplica> {
    const expected = this.#start.changes + this.#bumps;
    if (end.epoch !== this.#start.epoch || end.changes !== expected) {
      this.spoil(`the data version moved by ${end.epoch === this.#start.epoch ? end.changes - this.#start.changes : 'a new epoch'}, this import's writes by ${this.#bumps}: another write happened meanwhile`);
    }
    if (this.#spoiled === undefined && this.#buffer.verbatims.length > 0) await this.#flush();
    await this.#loading;
    if (this.#spoiled !== undefined) throw new ReplicaFeedMismatch(this.#spoiled);
    const { connection } = await this.#open();
    const version = formatDataVersion(end, 'replica');
    const counts = await connection.runAndReadAll('select (select count(*) from verbatims)::double, (select count(*) from verbatim_themes)::double');
    const [verbatims = 0, themeRows = 0] = (counts.getRows()[0] ?? []).map(Number);
    await connection.run('insert into replica_state values ($layout, $version, now()::timestamp, $verbatims, $themes)', { layout: REPLICA_LAYOUT, version, verbatims, themes: themeRows });
    if (this.#copied) await connection.run('update replica_sync set source_seq = $seq', { seq: end.changes });
    else await connection.run('insert into replica_sync values ($layout, $epoch, $seq, 0)', { layout: SYNC_LAYOUT, epoch: end.epoch, seq: end.changes });
    await connection.run('checkpoint');
    await this.#close();
    await rename(this.#file, replicaPath);
    this.#sealed = true;
    await this.#removeScratch();
    return { verbatims, themeRows, version };
  }

  /** Drops the feed and its file, the replica left as it was; nothing once sealed (call it in a `finally`). */
  async discard(): Promise<void> {
    if (this.#sealed) return;
    this.spoil('discarded');
    await this.#loading;
    await this.#close();
    await Promise.all([rm(this.#file, { force: true }), rm(`${this.#file}.wal`, { force: true }), this.#removeScratch()]);
  }

  /**
   * Starts loading the buffered page: its comments tokenised on the feed's thread, the three scratch
   * files written, DuckDB loading them — one page after the other (row ids in order), none of it
   * waited for here but the previous page's load (normally long done: a page is 20,000 verbatims).
   */
  async #flush(): Promise<void> {
    await this.#loading;
    if (this.#spoiled !== undefined) return;
    const { connection } = await this.#open();
    this.#scratch ??= await mkdtemp(path.join(tmpdir(), 'verbatim-replica-feed-'));
    const files: PageFiles = {
      verbatimsFile: path.join(this.#scratch, 'verbatims.jsonl'),
      themesFile: path.join(this.#scratch, 'themes.jsonl'),
      phrasesFile: path.join(this.#scratch, 'phrases.jsonl'),
    };
    const page = this.#buffer;
    this.#buffer = emptyLines();
    const offset = this.#nextRowId - 1;
    this.#nextRowId += page.verbatims.length;
    this.#phraseThread ??= new PhraseThread();
    const phrases = this.#phraseThread.lines(page.commentIds, page.commentTexts);
    phrases.catch(() => undefined); // read by the chain below, which reports a failure
    this.#loading = (async () => {
      const phraseLines = await phrases;
      await Promise.all([writeFile(files.verbatimsFile, page.verbatims.join('\n')), writeFile(files.themesFile, page.themes.join('\n')), writeFile(files.phrasesFile, phraseLines)]);
      await appendPage(connection, files, offset);
    })().then(
      () => undefined,
      (error: unknown) => this.spoil(`loading a page failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  /** The file's DuckDB connection, the file created with the replica's tables on first use (a feed that never fills a page opens nothing until sealed). */
  async #open(): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
    if (this.#opened !== undefined) return this.#opened;
    if (this.#closed) throw new Error('the replica feed is closed');
    await mkdir(path.dirname(this.#file), { recursive: true });
    this.#opened = await openWritable(this.#file);
    await this.#opened.connection.run(REPLICA_TABLES_SQL);
    await this.#opened.connection.run(SYNC_TABLES_SQL);
    return this.#opened;
  }

  async #close(): Promise<void> {
    this.#closed = true;
    await this.#phraseThread?.close();
    this.#phraseThread = undefined;
    if (this.#opened === undefined) return;
    this.#opened.connection.closeSync();
    this.#opened.instance.closeSync();
    this.#opened = undefined;
  }

  async #removeScratch(): Promise<void> {
    if (this.#scratch !== undefined) await rm(this.#scratch, { recursive: true, force: true });
    this.#scratch = undefined;
  }
}

/**
 * A feed for the import about to run on `db`, or undefined when the replica at `replicaPath`
 * exists at another data version than the database's now, or does not exist while the database
 * holds verbatims already (the writer's sync brings it up to date after the import, as before).
 * With no replica file and no verbatim, a new one is fed (created when the first page is full);
 * with one at the version, a copy of it.
 *
 * @example const feed = await openReplicaFeed(db, replicaPathFor(dataDir))
 */
export async function openReplicaFeed(db: Kysely<Database>, replicaPath: string, options: { readonly pageSize?: number } = {}): Promise<ReplicaFeed | undefined> {
  await removeStaleTemporaries(replicaPath);
  const start = await readDataVersionState(db);
  const file = `${replicaPath}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const pageSize = options.pageSize ?? FEED_PAGE_SIZE;
  // No file: fed from scratch when the database holds no verbatim yet (a write after the version read is caught by `seal`).
  const fresh = async (): Promise<ReplicaFeed | undefined> => ((await holdsVerbatims(db)) ? undefined : new ReplicaFeed(file, start, { nextRowId: 1, pageSize }));
  if (!(await exists(replicaPath))) return fresh();
  try {
    await copyFile(replicaPath, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fresh();
    throw error;
  }
  let opened: Awaited<ReturnType<typeof openWritable>> | undefined;
  try {
    opened = await openWritable(file);
    const nextRowId = await rowIdAfterVersion(opened.connection, start);
    if (nextRowId !== undefined) {
      // The copy claims no version until sealed: a crash leaves no file that says it holds one.
      await opened.connection.run('delete from replica_state');
      return new ReplicaFeed(file, start, { opened, nextRowId, pageSize });
    }
  } catch {
    // Not a replica DuckDB can open: the sync rebuilds it.
  }
  opened?.connection.closeSync();
  opened?.instance.closeSync();
  await Promise.all([rm(file, { force: true }), rm(`${file}.wal`, { force: true })]);
  return undefined;
}

/** The next row id of a replica file that holds exactly `version` in the current layouts; undefined otherwise. */
async function rowIdAfterVersion(connection: DuckDBConnection, version: DataVersionState): Promise<number | undefined> {
  const reader = await connection.runAndReadAll(`
    select r.layout, r.source_version, s.layout as sync_layout, s.source_epoch, s.source_seq::double as seq,
      (select coalesce(max(row_id), 0) from verbatim_ids)::double as last_row
    from replica_state r, replica_sync s`);
  const rows = reader.getRowObjectsJS();
  const row = rows[0];
  if (rows.length !== 1 || row === undefined) return undefined;
  const matches =
    row['layout'] === REPLICA_LAYOUT &&
    row['sync_layout'] === SYNC_LAYOUT &&
    row['source_version'] === formatDataVersion(version, 'replica') &&
    row['source_epoch'] === version.epoch &&
    Number(row['seq']) === version.changes;
  return matches ? Number(row['last_row']) + 1 : undefined;
}

async function openWritable(file: string): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(file, { ...FEED_DUCKDB_OPTIONS });
  try {
    return { instance, connection: await instance.connect() };
  } catch (error) {
    instance.closeSync();
    throw error;
  }
}

/**
 * Deletes the temporary files of this replica (`<replica>.<pid>-<hex>.tmp`, its `.wal`) whose
 * process is gone: what an import killed mid-way left (a rebuild killed mid-way leaves the same).
 * A live process's file is its own business.
 */
export async function removeStaleTemporaries(replicaPath: string): Promise<number> {
  const folder = path.dirname(replicaPath);
  const prefix = `${path.basename(replicaPath)}.`;
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return 0;
  }
  const stale = names.filter((name) => {
    const match = name.startsWith(prefix) ? /^(\d+)-[0-9a-f]+\.tmp(\.wal)?$/.exec(name.slice(prefix.length)) : null;
    return match !== null && !processAlive(Number(match[1]));
  });
  await Promise.all(stale.map((name) => rm(path.join(folder, name), { force: true })));
  return stale.length;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function emptyLines(): FeedLines {
  return { verbatims: [], themes: [], commentIds: [], commentTexts: [] };
}

async function holdsVerbatims(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ any: boolean }>`select exists (select 1 from verbatims) as any`.execute(db);
  return rows[0]?.any === true;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
