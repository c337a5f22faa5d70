import { fileExists } from './file-exists.js';
import type { Kysely } from 'kysely';
import { replicaFor } from '../analysis/report-engine-choice.js';
import { inReportSnapshot } from '../analysis/report-snapshot.js';
import type { AnalyticsReplica } from '../db/analytics-replica.js';
import { replicaPathFor } from '../db/analytics-replica-path.js';
import type { ReplicaFeed } from '../db/replica-feed.js';
import type { Database } from '../db/schema.js';
import type { CliContext } from './context.js';

/** The help of `--no-replica-sync`, the same on every writer. */
export const NO_REPLICA_SYNC_HELP = 'leave the analytics replica as it is (scripts that chain writes: the last one, or the next report, syncs it)';

/** Which replica files a writer brings up to date. */
export type ReplicaSyncWhen =
  /** The one a report would count on (`replicaFor` under `VERBATIM_REPORT_ENGINE`, default `auto`), or one already there. */
  | 'counted-or-present'
  /** Only the one a report would count on (`forget` deletes the others rather than keep a forgotten person's rows). */
  | 'counted';

/**
 * Ends a writing command (`import`, `enrich`, `forget`, a taxonomy re-tag) by bringing the
 * analytics replica to the data it just wrote, in a report's snapshot as the readers do, so
 * the next report or dashboard page finds the file at the version and only opens it: the
 * first report after a bulk load no longer pays the rebuild (db/README.md, "The replica is
 * synced at write time"). One line on stderr says what it did. Returns the synced path, or
 * undefined when nothing would read a replica (small data on `auto`, `VERBATIM_REPORT_ENGINE=source`).
 * A failure is said, not thrown: the write is committed, and the next report syncs anyway.
 * `feed`: the replica an `import --enrich` fed as it stored (`openReplicaFeedForWrite`), sealed
 * instead of a sync when nothing else wrote meanwhile; else dropped, and the sync runs as usual.
 *
 * @example await syncReplicaAfterWrite(context, db, 'counted-or-present')
 */
export async function syncReplicaAfterWrite(context: CliContext, db: Kysely<Database>, when: ReplicaSyncWhen = 'counted-or-present', feed?: ReplicaFeed): Promise<string | undefined> {
  const replicaPath = replicaPathFor(context.env.dataDir, context.env.databaseUrl);
  const wanted = (when === 'counted-or-present' && (await fileExists(replicaPath))) || (await replicaFor(db, context.env.reportEngine ?? 'auto', replicaPath)) !== undefined;
  if (!wanted) {
    await feed?.discard();
    return undefined;
  }
  let started = performance.now();
  if (feed !== undefined) {
    const { readDataVersionState } = await import('../db/data-version.js');
    try {
      const fed = await feed.seal(await readDataVersionState(db), replicaPath);
      context.stderr.write(`analytics replica: fed by the import, ${count(fed.verbatims)} verbatims and ${count(fed.themeRows)} theme rows (${seconds(started)} s to seal)\n`);
      return replicaPath;
    } catch (error) {
      await feed.discard();
      context.stderr.write(`analytics replica: the import's feed not used (${error instanceof Error ? error.message : String(error)})\n`);
      started = performance.now();
    }
  }
  const { syncReplica } = await import('../db/analytics-replica.js');
  try {
    const replica = await inReportSnapshot(db, (snapshot) => syncReplica(snapshot, replicaPath));
    replica.close();
    context.stderr.write(`analytics replica: ${whatSyncDid(replica)} (${seconds(started)} s)\n`);
    return replicaPath;
  } catch (error) {
    context.stderr.write(`analytics replica: not synced (${error instanceof Error ? error.message : String(error)}); the next report syncs it\n`);
    return undefined;
  }
}

/**
 * The replica feed of an `import --enrich` about to store (db/replica-feed.ts), so the sync at its
 * end (`syncReplicaAfterWrite` with the feed) needs no rebuild; undefined when no report would read
 * a replica (`VERBATIM_REPORT_ENGINE=source`) or the replica there cannot be fed (another version).
 * Opened whatever the database's size on `auto`: the threshold is judged at the end, after the
 * import, and a feed not wanted then is dropped (it opens DuckDB only once a page is full).
 */
export async function openReplicaFeedForWrite(context: CliContext, db: Kysely<Database>): Promise<ReplicaFeed | undefined> {
  if ((context.env.reportEngine ?? 'auto') === 'source') return undefined;
  const { openReplicaFeed } = await import('../db/replica-feed.js');
  try {
    return await openReplicaFeed(db, replicaPathFor(context.env.dataDir, context.env.databaseUrl));
  } catch (error) {
    context.stderr.write(`analytics replica: not fed by the import (${error instanceof Error ? error.message : String(error)}); synced at its end\n`);
    return undefined;
  }
}

const count = (n: number): string => n.toLocaleString('en-US');
const seconds = (since: number): string => ((performance.now() - since) / 1000).toFixed(1);

/** One phrase for the line: rebuilt, changes applied, or nothing to do. */
export function whatSyncDid(replica: Pick<AnalyticsReplica, 'rebuilt' | 'applied'>): string {
  if (replica.rebuilt !== null) return `rebuilt, ${count(replica.rebuilt.verbatims)} verbatims and ${count(replica.rebuilt.themeRows)} theme rows`;
  if (replica.applied !== null) {
    const { changed, compacted } = replica.applied;
    return `applied ${count(changed)} changed verbatim${changed === 1 ? '' : 's'}${compacted ? ', file rewritten without the deleted rows' : ''}`;
  }
  return 'already at the data version';
}
