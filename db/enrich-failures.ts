import { sql, type Kysely } from 'kysely';
import { jsonWithoutNul } from './jsonb.js';
import type { Database } from './schema.js';

/**
 * Runs a verbatim may fail in before it leaves the pending set: a poisonous row is tried again
 * (a model fix may cure it) but never blocks every future run. Its `enrich_error` says why.
 */
export const MAX_ENRICH_ATTEMPTS = 3;

/** The longest failure reason kept in `enrich_error`. */
export const ENRICH_ERROR_LENGTH = 1000;

/**
 * Counts one more failed run for each verbatim (still pending) and keeps the last reason.
 *
 * @example await recordEnrichFailures(db, [{ id: 'v_1', reason: 'sentiment model crashed' }])
 */
export async function recordEnrichFailures(db: Kysely<Database>, failures: ReadonlyArray<{ id: string; reason: string }>): Promise<number> {
  const latest = new Map(failures.map((failure) => [failure.id, failure.reason.slice(0, ENRICH_ERROR_LENGTH)]));
  if (latest.size === 0) return 0;
  const rows = [...latest].map(([id, reason]) => ({ id, reason }));
  const { rows: updated } = await sql<{ id: string }>`
    update verbatims as v set enrich_failures = v.enrich_failures + 1, enrich_error = x.reason
    from jsonb_to_recordset(${jsonWithoutNul(rows)}::text::jsonb) as x(id text, reason text)
    where v.id = x.id and v.enriched_at is null
    returning v.id`.execute(db);
  return updated.length;
}
