import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/** The replica's file name under the data dir (`VERBATIM_DATA_DIR`, default `.verbatim`). */
export const REPLICA_FILE = 'analytics.duckdb';

/**
 * Where the replica of a database lives: `<dataDir>/analytics.duckdb` for the embedded
 * database; for PostgreSQL a file per server and database under the data dir too, so two
 * databases never share one replica.
 *
 * @example replicaPathFor('/srv/app/.verbatim') // '/srv/app/.verbatim/analytics.duckdb'
 */
export function replicaPathFor(dataDir: string, databaseUrl?: string): string {
  if (databaseUrl === undefined) return path.join(dataDir, REPLICA_FILE);
  const url = new URL(databaseUrl);
  const name = `${url.hostname}-${url.port || '5432'}-${url.pathname.replace(/^\//, '')}`.replace(/[^A-Za-z0-9_.-]/g, '_');
  return path.join(dataDir, `analytics-${name}.duckdb`);
}

/** A replica file, its write-ahead log, or the temp file of a rebuild (`analytics….duckdb…`). */
const REPLICA_FILE_PATTERN = /^analytics(-[A-Za-z0-9_.-]+)?\.duckdb/;

/**
 * Deletes every replica under the data dir (and their logs and rebuild leftovers): after
 * `forget`, none may keep a forgotten person's rows; the next report rebuilds its replica.
 * `keep`: a replica file just synced past the forget (its forgotten rows compacted out), left in place.
 *
 * @example await removeReplicas('.verbatim') // 1
 */
export async function removeReplicas(dataDir: string, keep?: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  const kept = keep === undefined ? undefined : path.resolve(keep);
  const replicas = names.filter((name) => REPLICA_FILE_PATTERN.test(name) && path.resolve(dataDir, name) !== kept);
  await Promise.all(replicas.map((name) => rm(path.join(dataDir, name), { force: true, recursive: true })));
  return replicas.length;
}
