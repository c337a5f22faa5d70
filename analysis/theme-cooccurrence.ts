import { sql, type Kysely } from 'kysely';
import { withinTheme } from '../db/theme-hierarchy.js';
import type { Database } from '../db/schema.js';
import { whereFilters, type ReportFilters } from './report-filters.js';
import { themeTags } from './theme-tags.js';

/** A theme tagged on the same verbatims as the one studied, and on how many of them. */
export interface ThemePair {
  readonly theme: string;
  readonly count: number;
}

/**
 * The themes tagged together with `theme` in scope (root cause's co-occurrence), its own
 * sub-themes and parents left out: they go with it by definition.
 *
 * @example await queryCooccurrence(db, {}, 'fees') // [{ theme: 'digital_app', count: 12 }, …]
 */
export async function queryCooccurrence(db: Kysely<Database>, filters: ReportFilters, theme: string): Promise<ThemePair[]> {
  const rows = await db
    .selectFrom(themeTags('a'))
    .innerJoin(themeTags('b'), (join) => join.onRef('b.verbatim_id', '=', 'a.verbatim_id').onRef('b.theme', '<>', 'a.theme'))
    .innerJoin('verbatims as v', 'v.id', 'a.verbatim_id')
    .where(whereFilters(filters))
    .where('a.theme', '=', theme)
    .where((eb) => eb.not(eb.or([withinTheme(sql.ref('b.theme'), theme), withinTheme(sql<string>`${theme}::text`, sql.ref('b.theme'))])))
    .groupBy('b.theme')
    .select(['b.theme', sql<string>`count(*)`.as('count')])
    .execute();
  return rows.map((row) => ({ theme: row.theme, count: Number(row.count) }));
}
