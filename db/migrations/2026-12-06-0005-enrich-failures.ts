import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * `verbatims.enrich_failures` / `enrich_error`: how many runs a verbatim failed in, and why the last
 * did, so a verbatim that cannot be enriched is retried a few times and then left out of the pending
 * set instead of being read (and failing) at the start of every run.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('verbatims').addColumn('enrich_failures', 'integer', (column) => column.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('verbatims').addColumn('enrich_error', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table verbatims drop column if exists enrich_error, drop column if exists enrich_failures`.execute(db);
}
