import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * `data_version`: one row the writers bump in the transaction of every write that changes
 * what reports read (db/change-log.ts), so the data version is one tiny row instead of a
 * scan of `verbatims`. `epoch` tells two databases apart (a database dropped and created
 * again under the same name restarts its counters). `data_changes`: per bump, the verbatims
 * it touched, so a replica applies only what changed since the version it holds. A database
 * upgraded from an older version starts at 0 with an empty log: its replica is rebuilt once.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('data_version')
    .addColumn('singleton', 'boolean', (col) => col.primaryKey().defaultTo(true).check(sql`singleton`))
    .addColumn('epoch', 'text', (col) => col.notNull())
    .addColumn('changes', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('followups', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('logged_ids', 'bigint', (col) => col.notNull().defaultTo(0))
    .execute();
  await sql`insert into data_version (epoch) values (md5(random()::text || clock_timestamp()::text))`.execute(db);
  await db.schema
    .createTable('data_changes')
    .addColumn('seq', 'bigint', (col) => col.primaryKey())
    .addColumn('verbatim_ids', sql`text[]`, (col) => col.notNull())
    .addColumn('ids_through', 'bigint', (col) => col.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('data_changes').ifExists().execute();
  await db.schema.dropTable('data_version').ifExists().execute();
}
