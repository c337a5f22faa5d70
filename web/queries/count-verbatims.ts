import { sql, type Kysely } from 'kysely';
import { DEFAULT_MIN_GROUP } from '../../analysis/anonymity-floor.js';
import type { Database } from '../../db/schema.js';
import { employeeFloor } from './verbatims-page.js';
import { whereRows, type RowFilters } from './where-verbatims.js';

/**
 * How many verbatims `pageVerbatims` lists for these filters, every page together:
 * the same conditions and the same anonymity floor, so the total and the pages agree.
 *
 * @example await countVerbatims(db, { segments: {}, q: 'frais caches' }) // 54
 */
export async function countVerbatims(db: Kysely<Database>, asked: RowFilters, options: { minGroup?: number } = {}): Promise<number> {
  const filters = await employeeFloor(db, asked, options.minGroup ?? DEFAULT_MIN_GROUP);
  if (filters === null) return 0;
  const row = await db
    .selectFrom('verbatims as v')
    .select(sql<string>`count(*)`.as('n'))
    .where('v.enriched_at', 'is not', null)
    .where(whereRows(filters))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
