import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * `alerts`: every event an alert rule raised, once. `event_key` (rule id, subject,
 * period) is unique, so a second evaluation of the same data inserts nothing and
 * nothing is delivered twice; `acknowledged_at/by` record who dealt with it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'serial', (col) => col.primaryKey())
    .addColumn('event_key', 'text', (col) => col.notNull().unique())
    .addColumn('rule_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('metric', 'text', (col) => col.notNull())
    .addColumn('theme', 'text')
    .addColumn('segments', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('source', 'text')
    .addColumn('period', 'text', (col) => col.notNull())
    .addColumn('period_from', 'timestamptz', (col) => col.notNull())
    .addColumn('period_to', 'timestamptz', (col) => col.notNull())
    .addColumn('value', 'double precision')
    .addColumn('baseline', 'double precision')
    .addColumn('z', 'double precision')
    .addColumn('n', 'integer', (col) => col.notNull())
    .addColumn('message', 'text', (col) => col.notNull())
    .addColumn('raised_at', 'timestamptz', (col) => col.notNull())
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('delivery_error', 'text')
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('acknowledged_by', 'text')
    .execute();
  await db.schema.createIndex('alerts_raised_at').on('alerts').columns(['raised_at desc', 'id desc']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alerts').ifExists().execute();
}
