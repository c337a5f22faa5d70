/**
 * When a replica applies the change log instead of being rebuilt, shared by the sync
 * (db/analytics-replica.ts) and by the log's pruning (db/change-log.ts): a log entry
 * older than what any replica could still apply is deleted.
 *
 * Measured (db/README.md): a full rebuild reads about 30k verbatims a second; applying
 * changes costs a copy of the file plus about the same per changed verbatim, and leaves
 * deleted rows in the file until the next rebuild. So changes are applied while they are
 * at most a fifth of the replica (or fewer than the floor, where both are quick), counted
 * since its last full rebuild so the deleted rows stay bounded.
 */
export const INCREMENTAL_SYNC: IncrementalPolicy = Object.freeze({ maxShare: 0.2, floor: 5_000 });

/** At most `max(floor, maxShare × replica rows)` changed verbatims are applied; more, and the file is rebuilt. */
export interface IncrementalPolicy {
  readonly maxShare: number;
  readonly floor: number;
}

/** The most changed verbatims a replica of `verbatims` rows takes incrementally. */
export function maxIncrementalChanges(verbatims: number, policy: IncrementalPolicy = INCREMENTAL_SYNC): number {
  return Math.max(policy.floor, Math.floor(policy.maxShare * verbatims));
}
