import type { Kysely } from 'kysely';

/**
 * Why a follow-up was closed without a call, as a bulk close says it
 * (`verbatim followups close --all-overdue --reason …`, the dashboard's bulk form):
 * kept apart from `note`, which says what was done on a call.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('followups').addColumn('close_reason', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('followups').dropColumn('close_reason').execute();
}
