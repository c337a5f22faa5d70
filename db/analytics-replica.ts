import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Kysely } from 'kysely';
import { applyChanges, type ReplicaChanges } from './analytics-replica-apply.js';
import { compactReplica } from './analytics-replica-compact.js';
import { rebuildReplica, type ReplicaRebuild } from './analytics-replica-rebuild.js';
import { REPLICA_LAYOUT } from './analytics-replica-schema.js';
import { formatDataVersion, readDataVersionState, type DataVersionState } from './data-version.js';
import { leaseReadOnlyInstance } from './replica-instances.js';
import type { IncrementalPolicy } from './replica-sync-policy.js';
import type { Database } from './schema.js';

/**
 * An open, read-only replica whose rows are those of `version` of the source. Close it
 * when the report is done.
 */
export interface AnalyticsReplica {
  readonly connection: DuckDBConnection;
  /** The source's data version the replica holds (`readDataVersion(…, 'replica')`). */
  readonly version: string;
  /** What this sync wrote by a full rebuild; null when it applied changes or found the file at the version. */
  readonly rebuilt: ReplicaRebuild | null;
  /** What this sync applied from the change log; null when it rebuilt or found the file at the version. */
  readonly applied: ReplicaChanges | null;
  close(): void;
}

/** How a sync may bring a stale file up to date (tests force one way or the other). */
export interface SyncOptions {
  /** When changes are applied rather than the file rebuilt (db/replica-sync-policy.ts). */
  readonly policy?: IncrementalPolicy;
}

/**
 * Brings the replica at `replicaPath` to the source's data version and opens it read-only.
 * The version is read on `source` (a report snapshot, `inReportSnapshot`), and a stale
 * replica is brought to it from that same handle, so what the caller reads is exactly that
 * snapshot: a copy of the file gets the changes logged since its version (db/change-log.ts),
 * or, when that is not possible or would cost more (db/replica-sync-policy.ts), a new file
 * is rebuilt from scratch. Either way the new file is renamed over the old one: a reader
 * holding the old file keeps reading it, and two processes syncing at once each write their
 * own file, the last rename winning — both at the version they read.
 *
 * @example const replica = await syncReplica(snapshot, replicaPathFor(dataDir)); try { … } finally { replica.close() }
 */
export async function syncReplica(source: Kysely<Database>, replicaPath: string, options: SyncOptions = {}): Promise<AnalyticsReplica> {
  const state = await readDataVersionState(source);
  const version = formatDataVersion(state, 'replica');
  const current = await openIfAtVersion(replicaPath, version);
  if (current !== undefined) return current;
  await mkdir(path.dirname(replicaPath), { recursive: true });
  const temporary = `${replicaPath}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    const written = await writeReplica(source, replicaPath, temporary, state, options);
    // Opened before the rename: this handle reads the file of our version whatever another process renames next.
    const opened = await openReadOnly(temporary, version, written);
    await rename(temporary, replicaPath);
    return opened;
  } catch (error) {
    await removeFile(temporary);
    throw error;
  }
}

/**
 * Runs `body` on the replica synced to `source`, and closes it after.
 *
 * @example const totals = await withReplica(snapshot, file, (replica) => readTotals(replica))
 */
export async function withReplica<T>(source: Kysely<Database>, replicaPath: string, body: (replica: AnalyticsReplica) => Promise<T>): Promise<T> {
  const replica = await syncReplica(source, replicaPath);
  try {
    return await body(replica);
  } finally {
    replica.close();
  }
}

type Written = { readonly rebuilt: ReplicaRebuild; readonly applied: null } | { readonly rebuilt: null; readonly applied: ReplicaChanges };

/** Writes `file` at `state`: the changes applied to a copy of `current` when possible (then rewritten if verbatims went), else a rebuild. */
async function writeReplica(source: Kysely<Database>, current: string, file: string, state: DataVersionState, options: SyncOptions): Promise<Written> {
  if (await copyIfPresent(current, file)) {
    let applied: ReplicaChanges | undefined;
    try {
      applied = await withWritable(file, (connection) => applyChanges(source, connection, state, { policy: options.policy }));
    } catch (error) {
      if (!(error instanceof NotAReplicaError)) throw error;
    }
    if (applied === undefined) {
      await removeFile(file);
    } else if (applied.changed > applied.verbatims) {
      // Verbatims went from the source (forget): their phrases must not stay in the file's deleted rows.
      await compactReplica(file);
      return { rebuilt: null, applied: { ...applied, compacted: true } };
    } else {
      return { rebuilt: null, applied };
    }
  }
  return { rebuilt: await withWritable(file, (connection) => rebuildReplica(source, connection, state)), applied: null };
}

/** A file DuckDB cannot open (not a database, or damaged): rebuilt, not patched. */
class NotAReplicaError extends Error {}

/** Copies the replica file (never written in place: readers' files stay as they are); false when there is none. */
async function copyIfPresent(from: string, to: string): Promise<boolean> {
  try {
    await copyFile(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

async function withWritable<T>(file: string, body: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(file);
  } catch (error) {
    throw new NotAReplicaError(`cannot open ${file}`, { cause: error });
  }
  try {
    const connection = await instance.connect();
    try {
      return await body(connection);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

async function removeFile(file: string): Promise<void> {
  await Promise.all([rm(file, { force: true }), rm(`${file}.wal`, { force: true })]);
}

/** The replica at `file` when it holds `version` in the current layout; undefined when missing, stale or unreadable. */
async function openIfAtVersion(file: string, version: string): Promise<AnalyticsReplica | undefined> {
  const held = await openHeldReplica(file);
  if (held?.version === version) return held;
  held?.close();
  return undefined;
}

/**
 * The replica at `file` as it is, read-only, with the source version it holds — before
 * anyone has read the source's: a report can start counting on it while the source opens,
 * and check the versions after (analysis/early-report.ts). Undefined when the file is
 * missing, unreadable or of another layout.
 */
export async function openHeldReplica(file: string): Promise<AnalyticsReplica | undefined> {
  let replica: AnalyticsReplica;
  try {
    replica = await openReadOnly(file, '', { rebuilt: null, applied: null });
  } catch {
    return undefined; // no file yet, or not a replica we can read: rebuilt
  }
  try {
    const state = await replica.connection.runAndReadAll('select layout, source_version from replica_state');
    const rows = state.getRowObjectsJS();
    const row = rows[0];
    if (rows.length === 1 && row !== undefined && row['layout'] === REPLICA_LAYOUT && typeof row['source_version'] === 'string') {
      return { ...replica, version: row['source_version'] };
    }
  } catch {
    // A file without our tables: rebuilt.
  }
  replica.close();
  return undefined;
}

async function openReadOnly(
  file: string,
  version: string,
  written: { readonly rebuilt: ReplicaRebuild | null; readonly applied: ReplicaChanges | null },
): Promise<AnalyticsReplica> {
  const lease = await leaseReadOnlyInstance(file);
  let connection: DuckDBConnection;
  try {
    connection = await lease.instance.connect();
  } catch (error) {
    lease.release();
    throw error;
  }
  return {
    connection,
    version,
    rebuilt: written.rebuilt,
    applied: written.applied,
    close: () => {
      connection.closeSync();
      lease.release();
    },
  };
}
