import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * `taxonomy_versions`: every taxonomy the team applied, whole (the validated document
 * as JSON), numbered 1, 2, 3 …, with its author, date and message. Exactly one is
 * active (a partial unique index keeps it so): the one `enrich` tags with. `retagged_at`:
 * when every stored verbatim was last re-tagged with it (null while a re-tag runs or failed).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('taxonomy_versions')
    .addColumn('version', 'integer', (col) => col.primaryKey())
    .addColumn('document', 'jsonb', (col) => col.notNull())
    .addColumn('author', 'text', (col) => col.notNull())
    .addColumn('message', 'text', (col) => col.notNull())
    .addColumn('id_map', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull())
    .addColumn('active', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('retagged_at', 'timestamptz')
    .execute();
  await sql`create unique index taxonomy_versions_one_active on taxonomy_versions (active) where active`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('taxonomy_versions').ifExists().execute();
}
