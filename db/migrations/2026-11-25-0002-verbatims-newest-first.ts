import type { Kysely } from 'kysely';

/**
 * `(created_at, id)`: the newest-first listing of `GET /api/verbatims` and the
 * dashboard's search reads it backwards, by keyset, so a page costs the same on
 * a thousand or a million verbatims instead of sorting the whole table.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('verbatims_created_at_id_idx').on('verbatims').columns(['created_at', 'id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('verbatims_created_at_id_idx').ifExists().execute();
}
