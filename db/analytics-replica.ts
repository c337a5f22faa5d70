import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Kysely } from 'kysely';
import { rebuildReplica, type ReplicaRebuild } from './analytics-replica-rebuild.js';
import { REPLICA_LAYOUT } from './analytics-replica-schema.js';
import { readDataVersion } from './data-version.js';
import type { Database } from './schema.js';

/**
 * An open, read-only replica whose rows are those of `version` of the source. Close it
 * when the report is done.
 */
export interface AnalyticsReplica {
  readonly connection: DuckDBConnection;
  /** The source's data version the replica holds (`readDataVersion(…, 'replica')`). */
  readonly version: string;
  /** What this sync wrote; null when the file on disk was already at the version. */
  readonly rebuilt: ReplicaRebuild | null;
  close(): void;
}

/**
 * Brings the replica at `replicaPath` to the source's data version and opens it read-only.
 * The version is read on `source` (a report snapshot, `inReportSnapshot`), and a stale
 * or missing replica is rebuilt from that same handle, so what the caller reads is
 * exactly that snapshot. A rebuild writes a temporary file and renames it over the old
 * one: a reader holding the old file keeps reading it, and two processes syncing at once
 * each write their own file, the last rename winning — both at the version they read.
 *
 * @example const replica = await syncReplica(snapshot, replicaPathFor(dataDir)); try { … } finally { replica.close() }
 */
export async function syncReplica(source: Kysely<Database>, replicaPath: string): Promise<AnalyticsReplica> {
  const version = await readDataVersion(source, 'replica');
  const current = await openIfAtVersion(replicaPath, version);
  if (current !== undefined) return current;
  await mkdir(path.dirname(replicaPath), { recursive: true });
  const temporary = `${replicaPath}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    const rebuilt = await writeReplica(source, temporary, version);
    // Opened before the rename: this handle reads the file of our version whatever another process renames next.
    const opened = await openReadOnly(temporary, version, rebuilt);
    await rename(temporary, replicaPath);
    return opened;
  } catch (error) {
    await Promise.all([rm(temporary, { force: true }), rm(`${temporary}.wal`, { force: true })]);
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

async function writeReplica(source: Kysely<Database>, file: string, version: string): Promise<ReplicaRebuild> {
  const instance = await DuckDBInstance.create(file);
  try {
    const connection = await instance.connect();
    try {
      return await rebuildReplica(source, connection, version);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** The replica at `file` when it holds `version` in the current layout; undefined when missing, stale or unreadable. */
async function openIfAtVersion(file: string, version: string): Promise<AnalyticsReplica | undefined> {
  let replica: AnalyticsReplica;
  try {
    replica = await openReadOnly(file, version, null);
  } catch {
    return undefined; // no file yet, or not a replica we can read: rebuilt
  }
  try {
    const state = await replica.connection.runAndReadAll('select layout, source_version from replica_state');
    const [row] = state.getRowObjectsJS();
    if (row !== undefined && row['layout'] === REPLICA_LAYOUT && row['source_version'] === version) return replica;
  } catch {
    // A file without our tables: rebuilt.
  }
  replica.close();
  return undefined;
}

async function openReadOnly(file: string, version: string, rebuilt: ReplicaRebuild | null): Promise<AnalyticsReplica> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  let connection: DuckDBConnection;
  try {
    connection = await instance.connect();
  } catch (error) {
    instance.closeSync();
    throw error;
  }
  return {
    connection,
    version,
    rebuilt,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
