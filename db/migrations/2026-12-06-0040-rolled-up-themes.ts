import { sql, type Kysely } from 'kysely';
import { insertRolledUpThemes } from '../theme-rollup.js';

/**
 * Parent themes are stored at save time (`verbatim_themes.rolled_up`), instead of
 * being derived from the sub-theme tags by every report query: this adds the column
 * and writes the rolled-up rows of the tags already stored.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('verbatim_themes').addColumn('rolled_up', 'boolean', (col) => col.notNull().defaultTo(false)).execute();
  await insertRolledUpThemes(db, 'all');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from verbatim_themes where rolled_up`.execute(db);
  await db.schema.alterTable('verbatim_themes').dropColumn('rolled_up').execute();
}
