import { fileExists } from './file-exists.js';
import type { Kysely } from 'kysely';
import { replicaFor } from '../analysis/report-engine-choice.js';
import { inReportSnapshot } from '../analysis/report-snapshot.js';
import type { AnalyticsReplica } from '../db/analytics-replica.js';
import { replicaPathFor } from '../db/analytics-replica-path.js';
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
 *
 * @example await syncReplicaAfterWrite(context, db, 'counted-or-present')
 */
export async function syncReplicaAfterWrite(context: CliContext, db: Kysely<Database>, when: ReplicaSyncWhen = 'counted-or-present'): Promise<string | undefined> {
  const replicaPath = replicaPathFor(context.env.dataDir, context.env.databaseUrl);
  const wanted = (when === 'counted-or-present' && (await fileExists(replicaPath))) || (await replicaFor(db, context.env.reportEngine ?? 'auto', replicaPath)) !== undefined;
  if (!wanted) return undefined;
  const { syncReplica } = await import('../db/analytics-replica.js');
  const started = performance.now();
  try {
    const replica = await inReportSnapshot(db, (snapshot) => syncReplica(snapshot, replicaPath));
    replica.close();
    context.stderr.write(`analytics replica: ${whatSyncDid(replica)} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    return replicaPath;
  } catch (error) {
    context.stderr.write(`analytics replica: not synced (${error instanceof Error ? error.message : String(error)}); the next report syncs it\n`);
    return undefined;
  }
}

/** One phrase for the line: rebuilt, changes applied, or nothing to do. */
export function whatSyncDid(replica: Pick<AnalyticsReplica, 'rebuilt' | 'applied'>): string {
  const count = (n: number): string => n.toLocaleString('en-US');
  if (replica.rebuilt !== null) return `rebuilt, ${count(replica.rebuilt.verbatims)} verbatims and ${count(replica.rebuilt.themeRows)} theme rows`;
  if (replica.applied !== null) {
    const { changed, compacted } = replica.applied;
    return `applied ${count(changed)} changed verbatim${changed === 1 ? '' : 's'}${compacted ? ', file rewritten without the deleted rows' : ''}`;
  }
  return 'already at the data version';
}
