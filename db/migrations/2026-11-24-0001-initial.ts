import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * The first schema: the six tables of `db/schema.ts` with their indexes.
 * Migrations take `Kysely<any>` on purpose: they must not follow later changes
 * of the `Database` type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('url', 'text')
    .addColumn('state', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('verbatims')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('external_id', 'text')
    .addColumn('content_hash', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz')
    .addColumn('nps', 'smallint', (col) => col.check(sql`nps between 0 and 10`))
    .addColumn('rating', 'real', (col) => col.check(sql`rating between 1 and 5`))
    .addColumn('respondent', 'text', (col) => col.notNull())
    .addColumn('author_key', 'text')
    .addColumn('segments', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('journey_hint', 'text')
    .addColumn('imported_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('lang', 'text')
    .addColumn('lang_confidence', 'double precision')
    .addColumn('sentiment_supported', 'boolean')
    .addColumn('sentiment', 'text')
    .addColumn('sentiment_score', 'double precision')
    .addColumn('journey', 'text')
    .addColumn('nps_category', 'text')
    .addColumn('model_version', 'text')
    .addColumn('enriched_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('verbatims_source_external_id_idx').on('verbatims').columns(['source', 'external_id']).execute();
  await db.schema.createIndex('verbatims_content_hash_idx').on('verbatims').column('content_hash').execute();
  await db.schema.createIndex('verbatims_author_key_idx').on('verbatims').column('author_key').execute();
  await db.schema.createIndex('verbatims_created_at_idx').on('verbatims').column('created_at').execute();
  await db.schema.createIndex('verbatims_journey_idx').on('verbatims').column('journey').execute();
  await db.schema.createIndex('verbatims_nps_category_idx').on('verbatims').column('nps_category').execute();
  // The work queue of `enrich`: only the rows still to do, in keyset (id) order.
  await db.schema
    .createIndex('verbatims_pending_idx')
    .on('verbatims')
    .column('id')
    .where(sql.ref('enriched_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('verbatim_themes')
    .addColumn('verbatim_id', 'text', (col) => col.notNull().references('verbatims.id').onDelete('cascade'))
    .addColumn('theme', 'text', (col) => col.notNull())
    .addColumn('sentiment', 'text', (col) => col.notNull())
    .addColumn('score', 'double precision', (col) => col.notNull())
    .addColumn('confidence', 'double precision', (col) => col.notNull())
    .addColumn('evidence', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('verbatim_themes_pkey', ['verbatim_id', 'theme'])
    .execute();
  await db.schema.createIndex('verbatim_themes_theme_idx').on('verbatim_themes').column('theme').execute();

  await db.schema
    .createTable('themes')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('parent_id', 'text')
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .execute();
  await db.schema.createIndex('themes_parent_id_idx').on('themes').column('parent_id').execute();

  await db.schema
    .createTable('runs')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('started_at', 'timestamptz', (col) => col.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('stats', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();

  await db.schema
    .createTable('followups')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('verbatim_id', 'text', (col) => col.notNull().unique().references('verbatims.id').onDelete('cascade'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('assignee', 'text')
    .addColumn('due_at', 'timestamptz', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('followups_status_due_at_idx').on('followups').columns(['status', 'due_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['followups', 'runs', 'themes', 'verbatim_themes', 'verbatims', 'sources']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
