import type { Kysely } from 'kysely';

/**
 * `alert_deliveries`: how each alert went to each channel (a webhook, e-mail). A failed
 * channel is tried again by later runs and a delivered one never again, so a run where
 * the webhook answered and the mail server did not re-sends only the mail.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alert_deliveries')
    .addColumn('alert_id', 'integer', (col) => col.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull())
    .addColumn('last_attempt_at', 'timestamptz', (col) => col.notNull())
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addPrimaryKeyConstraint('alert_deliveries_pkey', ['alert_id', 'channel'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alert_deliveries').ifExists().execute();
}
