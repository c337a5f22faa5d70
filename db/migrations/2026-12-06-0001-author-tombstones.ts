import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * `author_tombstones`: the keyed hash (never the e-mail) of every forgotten author,
 * so re-importing a file does not bring them back. `installation_settings`: small
 * facts about the installation, such as the fingerprint of the author-key secret,
 * so a command run with another secret.key is refused instead of keying people twice.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('author_tombstones')
    .addColumn('author_key', 'text', (col) => col.primaryKey())
    .addColumn('forgotten_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('installation_settings')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('installation_settings').ifExists().execute();
  await db.schema.dropTable('author_tombstones').ifExists().execute();
}
