import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Verbatim } from '../core/verbatim.js';
import { jsonWithoutNul } from './jsonb.js';
import type { Database } from './schema.js';

/**
 * Records forgotten authors by their keyed hash (never the e-mail): an import or
 * scrape of the same file later skips them. Recording twice keeps the first date.
 */
export async function recordTombstones(db: Kysely<Database>, authorKeys: readonly string[]): Promise<void> {
  if (authorKeys.length === 0) return;
  await db
    .insertInto('author_tombstones')
    .values([...new Set(authorKeys)].map((author_key) => ({ author_key })))
    .onConflict((conflict) => conflict.column('author_key').doNothing())
    .execute();
}

/**
 * The batch without the answers of forgotten authors, and how many were left out:
 * what an import hands to `insertVerbatims`, so a forgotten person does not come back.
 *
 * @example const { kept, forgotten } = await withoutForgotten(db, batch)
 */
export async function withoutForgotten(db: Kysely<Database>, batch: readonly Verbatim[]): Promise<{ kept: Verbatim[]; forgotten: number }> {
  const keys = [...new Set(batch.flatMap((verbatim) => (verbatim.authorKey === null ? [] : [verbatim.authorKey])))];
  if (keys.length === 0) return { kept: [...batch], forgotten: 0 };
  const { rows } = await sql<{ author_key: string }>`
    select t.author_key from author_tombstones t
    where t.author_key in (select jsonb_array_elements_text(${jsonWithoutNul(keys)}::text::jsonb))`.execute(db);
  const gone = new Set(rows.map((row) => row.author_key));
  const kept = batch.filter((verbatim) => verbatim.authorKey === null || !gone.has(verbatim.authorKey));
  return { kept, forgotten: batch.length - kept.length };
}

/**
 * After a forget: rewrites the tables the rows were deleted from (`VACUUM FULL`, so
 * the deleted text leaves the database files instead of waiting in dead tuples),
 * refreshes planner statistics (`ANALYZE`: their most-common values and histogram
 * bounds quote column values) and then rewrites `pg_statistic`, whose replaced rows
 * would otherwise still hold the old values. The same statements on PGlite and
 * PostgreSQL (the database owner may vacuum its catalogs); not in a transaction.
 * Write-ahead log segments keep the text until PostgreSQL recycles them.
 */
export async function compactAfterForget(db: Kysely<Database>): Promise<void> {
  const tables = sql.join(['verbatims', 'verbatim_themes', 'followups'].map((table) => sql.table(table)));
  await sql`vacuum (full, analyze) ${tables}`.execute(db);
  await sql`vacuum full pg_catalog.pg_statistic`.execute(db);
}
