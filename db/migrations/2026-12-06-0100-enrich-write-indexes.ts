import type { Kysely } from 'kysely';

/**
 * Indexes that cost every enrichment and serve no reader. Saving an enrichment rewrites the
 * verbatim row (its `journey`, `nps_category` and `enriched_at` change, so it cannot be a
 * heap-only update), which adds an entry to every index of `verbatims`. These four paid that
 * and answered nothing: `created_at` is the first column of `verbatims_created_at_id_idx`,
 * which serves every date condition; no query looks a verbatim up by `(source, external_id)`
 * (the id already derives from them); `journey` and `nps_category` hold a dozen values,
 * so their filters read the table, not a tenth of it through an index. Measured with
 * `node dist/bench/enrich-store-phase.js` (db/README.md, "The enrich write path").
 */
const DROPPED = [
  { name: 'verbatims_created_at_idx', columns: ['created_at'] },
  { name: 'verbatims_source_external_id_idx', columns: ['source', 'external_id'] },
  { name: 'verbatims_journey_idx', columns: ['journey'] },
  { name: 'verbatims_nps_category_idx', columns: ['nps_category'] },
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const { name } of DROPPED) await db.schema.dropIndex(name).ifExists().execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const { name, columns } of DROPPED) await db.schema.createIndex(name).ifNotExists().on('verbatims').columns([...columns]).execute();
}
