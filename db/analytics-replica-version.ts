import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The data version the replica is compared with: what its tables are computed from.
 * Changes on import (count, newest `imported_at`), enrich (newest `enriched_at`),
 * `forget` (count) and a taxonomy version applied, undone or re-tagged. The same
 * fingerprint as the dashboard's `readDataVersion` (web/data-version.ts) without the
 * follow-ups, which the replica does not hold. Read inside the report's snapshot, it
 * names exactly the rows that snapshot sees.
 *
 * @example const version = await readReplicaSourceVersion(snapshot) // '1200:2026-…:2026-…/3:2026-…'
 */
export async function readReplicaSourceVersion(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ version: string }>`
    select concat_ws('/',
      (select concat_ws(':', count(*), max(enriched_at), max(imported_at)) from verbatims),
      (select concat_ws(':', max(version) filter (where active), max(retagged_at)) from taxonomy_versions)
    ) as version`.execute(db);
  return rows[0]?.version ?? '';
}
