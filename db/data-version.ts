import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The version row (db/change-log.ts bumps it): what the data version strings are made of. */
export interface DataVersionState {
  /** Random per database. */
  readonly epoch: string;
  /** Bumps of what reports read: imports, enrichment, re-tags, forget, taxonomy versions. */
  readonly changes: number;
  /** Bumps of follow-ups. */
  readonly followups: number;
}

/**
 * The version row as `db` sees it: one row by primary key, whatever the table sizes. Read
 * inside a snapshot, `changes` names exactly the rows that snapshot sees (writers bump in
 * commit order, db/change-log.ts).
 */
export async function readDataVersionState(db: Kysely<Database>): Promise<DataVersionState> {
  const row = await db.selectFrom('data_version').select(['epoch', 'changes', 'followups']).executeTakeFirst();
  if (row === undefined) throw new Error('data_version has no row: the database was not migrated');
  return { epoch: row.epoch, changes: Number(row.changes), followups: Number(row.followups) };
}

/**
 * A fingerprint of what reports are computed from: the version row's counters, which every
 * writer bumps in its own transaction (imports add, `forget` deletes, enrichment and re-tags
 * rewrite, a taxonomy version is applied, undone or its re-tag finished; for the dashboard,
 * follow-ups opened, assigned or closed). One tiny row, not a scan.
 *
 * - `replica`: what the analytics replica holds (db/analytics-replica.ts): no follow-ups.
 * - `dashboard`: what the dashboard's pages show (web/data-version.ts), follow-ups included.
 *
 * @example await readDataVersion(snapshot, 'replica') // '3f2a…:1200'
 */
export async function readDataVersion(db: Kysely<Database>, of: 'replica' | 'dashboard'): Promise<string> {
  return formatDataVersion(await readDataVersionState(db), of);
}

/** The version string of a version row (`readDataVersion` without the read). */
export function formatDataVersion(state: DataVersionState, of: 'replica' | 'dashboard'): string {
  return of === 'replica' ? `${state.epoch}:${state.changes}` : `${state.epoch}:${state.changes}:${state.followups}`;
}
