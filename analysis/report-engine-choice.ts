import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ReportEngine } from './report-engines.js';

/**
 * From this many verbatims the `auto` engine counts on the DuckDB replica. Below it the
 * source answers a whole report in a second or two, and a first replica build would cost
 * about as much; above it the source grows with rows (≈ 7 s at 100k, 35 s at 1M) while the
 * replica, once built, syncs incrementally and answers in seconds (db/README.md).
 */
export const REPLICA_FROM_VERBATIMS = 50_000;

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
