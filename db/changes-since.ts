import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** What the change log holds after a version. */
export interface LoggedChanges {
  /** Every bump after `since` is still logged (none pruned, no wholesale change). */
  readonly complete: boolean;
  /** Verbatim ids logged since (an id logged twice counts twice): what applying them would cost. */
  readonly ids: number;
}

/**
 * How much the change log holds between version `since` and `upTo` (the version `source`
 * sees), from two index lookups and the version row: no log entry is read whole. Run it on
 * the same snapshot as the version was read in.
 *
 * @example await loggedChangesSince(snapshot, 1200, 1210) // { complete: true, ids: 1000 }
 */
export async function loggedChangesSince(source: Kysely<Database>, since: number, upTo: number): Promise<LoggedChanges> {
  const { rows } = await sql<{ bumps: number; before: number | null; logged: number }>`
    select (select count(*) from data_changes where seq > ${since})::int as bumps,
      (select ids_through - cardinality(verbatim_ids) from data_changes where seq = ${since + 1})::float8 as before,
      (select logged_ids from data_version)::float8 as logged`.execute(source);
  const row = rows[0];
  if (row === undefined) return { complete: false, ids: 0 };
  if (upTo === since) return { complete: row.bumps === 0, ids: 0 };
  const complete = row.bumps === upTo - since && row.before !== null;
  return { complete, ids: complete && row.before !== null ? Number(row.logged) - Number(row.before) : 0 };
}

/**
 * The distinct ids of the verbatims written after version `since` (inserted, changed or
 * deleted), sorted; one text value crosses from the source, not a row per id.
 */
export async function changedVerbatimIdsSince(source: Kysely<Database>, since: number): Promise<string[]> {
  const { rows } = await sql<{ ids: string }>`
    select coalesce(json_agg(c.id order by c.id), '[]')::text as ids
    from (select distinct unnest(verbatim_ids) as id from data_changes where seq > ${since}) c`.execute(source);
  return JSON.parse(rows[0]?.ids ?? '[]') as string[];
}
