import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * A cheap fingerprint of what reports are computed from: verbatims (imports add, `forget`
 * deletes, enrichment stamps `enriched_at`), the taxonomy (a version applied or undone, its
 * re-tag finished) and, for the dashboard, follow-ups (opened, assigned, closed). One scan of
 * `verbatims` without sorting, and of the small `followups` and `taxonomy_versions`. Read
 * inside a snapshot, it names exactly the rows that snapshot sees.
 *
 * - `replica`: what the analytics replica holds (db/analytics-replica.ts): no follow-ups.
 * - `dashboard`: what the dashboard's pages show (web/data-version.ts), follow-ups included.
 *
 * @example await readDataVersion(snapshot, 'replica') // '1200:2026-…:2026-…/3:2026-…'
 */
export async function readDataVersion(db: Kysely<Database>, of: 'replica' | 'dashboard'): Promise<string> {
  const followups =
    of === 'dashboard'
      ? sql`(select concat_ws(':', count(*), count(*) filter (where status = 'assigned'), count(*) filter (where status = 'closed'), max(closed_at)) from followups),`
      : sql``;
  const { rows } = await sql<{ version: string }>`
    select concat_ws('/',
      (select concat_ws(':', count(*), max(enriched_at), max(imported_at)) from verbatims),
      ${followups}
      (select concat_ws(':', max(version) filter (where active), max(retagged_at)) from taxonomy_versions)
    ) as version`.execute(db);
  return rows[0]?.version ?? '';
}
