import type { Kysely } from 'kysely';

/**
 * Tokens expire: `expires_at` (null = never; tokens created before this migration
 * keep no expiry until revoked or replaced, so a running deployment is not locked
 * out). `verbatim token create` sets it (default 90 days).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tokens').addColumn('expires_at', 'timestamptz').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tokens').dropColumn('expires_at').execute();
}
