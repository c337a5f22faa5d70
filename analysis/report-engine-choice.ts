import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ReportEngine } from './report-engines.js';

/**
 * From this many verbatims the `auto` engine counts on the DuckDB replica. The writers keep
 * the replica in step from then on, so a report only opens it: a cold `verbatim report` took
 * the same 1.3 s on either engine at 5,000 verbatims, and 1.3 s on the replica against 1.6 s
 * on the source at 10,000, 2.0 s at 20,000, 3.5 s at 40,000 (root cause 1.2 s against 1.8,
 * 2.5 and 3.8 s). Below it the source answers and no replica file is written (db/README.md,
 * "The replica from 10,000 verbatims").
 */
export const REPLICA_FROM_VERBATIMS = 10_000;

/**
 * Whether the database holds at least `count` verbatims: reads at most `count` rows
 * (a bounded scan, not a count of the table), so the answer costs the same at 1M as at 100k.
 */
export async function holdsAtLeast(db: Kysely<Database>, count: number): Promise<boolean> {
  const row = await sql<{ n: string | number }>`select count(*) as n from (select 1 from verbatims limit ${count}) as first_rows`.execute(db);
  return Number(row.rows[0]?.n ?? 0) >= count;
}

/**
 * Whether the planner's estimate of the table (`pg_class.reltuples`, which ANALYZE and VACUUM
 * keep; -1 before either) is at least twice `count`: one catalog row instead of reading
 * `count` rows (≈ 0.15 s of CPU of a cold report at 1M on PGlite). Only an estimate: a
 * database that lost over half its rows since its last ANALYZE may still pass, which costs
 * speed, not numbers (both engines count the same).
 */
async function estimatedWellAbove(db: Kysely<Database>, count: number): Promise<boolean> {
  const row = await sql<{ n: number | string | null }>`select reltuples::float8 as n from pg_class where oid = to_regclass('verbatims')`.execute(db);
  return Number(row.rows[0]?.n ?? -1) >= 2 * count;
}

/**
 * The replica file a report counts on under `engine`, or undefined for the source:
 * `duckdb` always, `source` never, `auto` from `fromVerbatims` verbatims (by the planner's
 * estimate when it is well above that, else by reading up to that many rows).
 *
 * @example const replicaPath = await replicaFor(db, 'auto', replicaPathFor(dataDir, databaseUrl))
 */
export async function replicaFor(db: Kysely<Database>, engine: ReportEngine, replicaPath: string, fromVerbatims = REPLICA_FROM_VERBATIMS): Promise<string | undefined> {
  if (engine === 'source') return undefined;
  if (engine === 'duckdb') return replicaPath;
  return (await estimatedWellAbove(db, fromVerbatims)) || (await holdsAtLeast(db, fromVerbatims)) ? replicaPath : undefined;
}
