import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { whereFilters, type ReportFilters } from './report-filters.js';

/**
 * The sums a regression of NPS points on theme indicators needs, over the scored,
 * commented verbatims in scope: y = +100 (promoter), 0 (passive), −100 (detractor),
 * x_j = 1 when the verbatim carries theme j. Three GROUP BYs; no row leaves the database.
 */
export interface ThemeMoments {
  readonly n: number;
  readonly sumY: number;
  readonly sumY2: number;
  /** Σx_j (verbatims with the theme) and Σx_j·y, by theme. */
  readonly themes: ReadonlyMap<string, { readonly count: number; readonly sumY: number }>;
  /** Σx_j·x_k for j < k (verbatims with both themes). */
  readonly pairs: readonly { readonly a: string; readonly b: string; readonly count: number }[];
}

const Y = sql<number>`case v.nps_category when 'promoter' then 100 when 'detractor' then -100 else 0 end`;

export async function queryThemeMoments(db: Kysely<Database>, filters: ReportFilters, themes: readonly string[]): Promise<ThemeMoments> {
  const base = db.selectFrom('verbatims as v').where(whereFilters(filters)).where('v.nps_category', 'is not', null).where('v.text', '<>', '');
  const [totals, perTheme, pairs] = await Promise.all([
    base.select([sql<string>`count(*)`.as('n'), sql<string>`coalesce(sum(${Y}), 0)`.as('sum_y'), sql<string>`coalesce(sum(${Y} * ${Y}), 0)`.as('sum_y2')]).executeTakeFirst(),
    themes.length === 0
      ? Promise.resolve([])
      : base
          .innerJoin('verbatim_themes as t', 't.verbatim_id', 'v.id')
          .where('t.theme', 'in', themes)
          .groupBy('t.theme')
          .select(['t.theme', sql<string>`count(*)`.as('count'), sql<string>`sum(${Y})`.as('sum_y')])
          .execute(),
    themes.length < 2
      ? Promise.resolve([])
      : base
          .innerJoin('verbatim_themes as a', 'a.verbatim_id', 'v.id')
          .innerJoin('verbatim_themes as b', (join) => join.onRef('b.verbatim_id', '=', 'a.verbatim_id').onRef('a.theme', '<', 'b.theme'))
          .where('a.theme', 'in', themes)
          .where('b.theme', 'in', themes)
          .groupBy(['a.theme', 'b.theme'])
          .select(['a.theme as a', 'b.theme as b', sql<string>`count(*)`.as('count')])
          .execute(),
  ]);
  return {
    n: Number(totals?.n ?? 0),
    sumY: Number(totals?.sum_y ?? 0),
    sumY2: Number(totals?.sum_y2 ?? 0),
    themes: new Map(perTheme.map((row) => [row.theme, { count: Number(row.count), sumY: Number(row.sum_y) }])),
    pairs: pairs.map((row) => ({ a: row.a, b: row.b, count: Number(row.count) })),
  };
}
