import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { whereFilters, type ReportFilters } from './report-filters.js';
import { themeTags } from './theme-tags.js';

/**
 * The sums a regression of NPS points on theme indicators needs, over the scored,
 * commented verbatims in scope: y = +100 (promoter), 0 (passive), −100 (detractor),
 * x_j = 1 when the verbatim carries theme j (sub-themes rolled up, `themeTags`). Aggregated in SQL; no row leaves the database.
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

/** Above this many themes the bitmask of a verbatim's themes no longer fits a bigint. */
export const MAX_MASK_THEMES = 62;

export async function queryThemeMoments(db: Kysely<Database>, filters: ReportFilters, themes: readonly string[]): Promise<ThemeMoments> {
  return themes.length <= MAX_MASK_THEMES ? momentsFromMasks(db, filters, themes) : momentsFromJoins(db, filters, themes);
}

/**
 * One pass: each verbatim's themes as a bitmask (bit j = theme j), then a histogram
 * of masks with Σy and Σy²; every sum the regression needs follows from it.
 */
async function momentsFromMasks(db: Kysely<Database>, filters: ReportFilters, themes: readonly string[]): Promise<ThemeMoments> {
  const bit = themes.length === 0 ? sql<string>`0` : sql<string>`case t.theme ${sql.join(themes.map((theme, j) => sql`when ${theme} then ${String(2n ** BigInt(j))}::bigint`), sql` `)} end`;
  const masks = db
    .selectFrom(themeTags('t'))
    .where('t.theme', 'in', themes.length === 0 ? [''] : themes)
    .groupBy('t.verbatim_id')
    .select(['t.verbatim_id', sql<string>`bit_or(${bit})`.as('mask')]);
  const rows = await db
    .selectFrom('verbatims as v')
    .leftJoin(masks.as('m'), 'm.verbatim_id', 'v.id')
    .where(whereFilters(filters))
    .where('v.nps_category', 'is not', null)
    .where('v.text', '<>', '')
    .groupBy(sql`coalesce(m.mask, 0)`)
    .select([sql<string>`coalesce(m.mask, 0)`.as('mask'), sql<string>`count(*)`.as('n'), sql<string>`sum(${Y})`.as('sum_y'), sql<string>`sum(${Y} * ${Y})`.as('sum_y2')])
    .execute();
  return momentsFromHistogram(
    rows.map((row) => ({ mask: BigInt(row.mask), n: Number(row.n), sumY: Number(row.sum_y), sumY2: Number(row.sum_y2) })),
    themes,
  );
}

/** One bar of the histogram of theme bitmasks: the verbatims with exactly these themes (bit j = `themes[j]`). */
export interface MaskBar {
  readonly mask: bigint;
  readonly n: number;
  readonly sumY: number;
  readonly sumY2: number;
}

/** Every sum the regression needs, from the histogram of theme bitmasks (whichever engine counted it). */
export function momentsFromHistogram(bars: readonly MaskBar[], themes: readonly string[]): ThemeMoments {
  let n = 0;
  let sumY = 0;
  let sumY2 = 0;
  const perTheme = new Map<string, { count: number; sumY: number }>();
  const pairCounts = new Map<string, number>();
  for (const bar of bars) {
    const { mask, n: count, sumY: rowSumY } = bar;
    n += count;
    sumY += rowSumY;
    sumY2 += bar.sumY2;
    const present = themes.filter((_, j) => (mask >> BigInt(j)) & 1n);
    for (const theme of present) {
      const entry = perTheme.get(theme) ?? { count: 0, sumY: 0 };
      perTheme.set(theme, { count: entry.count + count, sumY: entry.sumY + rowSumY });
    }
    for (const a of present) for (const b of present) if (a < b) pairCounts.set(`${a}\u0000${b}`, (pairCounts.get(`${a}\u0000${b}`) ?? 0) + count);
  }
  return {
    n,
    sumY,
    sumY2,
    themes: perTheme,
    pairs: [...pairCounts].map(([key, count]) => {
      const [a = '', b = ''] = key.split('\u0000');
      return { a, b, count };
    }),
  };
}

/** Three GROUP BYs (totals, per theme, per pair of themes through a self-join), for very large taxonomies. */
async function momentsFromJoins(db: Kysely<Database>, filters: ReportFilters, themes: readonly string[]): Promise<ThemeMoments> {

  const base = db.selectFrom('verbatims as v').where(whereFilters(filters)).where('v.nps_category', 'is not', null).where('v.text', '<>', '');
  const [totals, perTheme, pairs] = await Promise.all([
    base.select([sql<string>`count(*)`.as('n'), sql<string>`coalesce(sum(${Y}), 0)`.as('sum_y'), sql<string>`coalesce(sum(${Y} * ${Y}), 0)`.as('sum_y2')]).executeTakeFirst(),
    themes.length === 0
      ? Promise.resolve([])
      : base
          .innerJoin(themeTags('t'), 't.verbatim_id', 'v.id')
          .where('t.theme', 'in', themes)
          .groupBy('t.theme')
          .select(['t.theme', sql<string>`count(*)`.as('count'), sql<string>`sum(${Y})`.as('sum_y')])
          .execute(),
    themes.length < 2
      ? Promise.resolve([])
      : base
          .innerJoin(themeTags('a'), 'a.verbatim_id', 'v.id')
          .innerJoin(themeTags('b'), (join) => join.onRef('b.verbatim_id', '=', 'a.verbatim_id').onRef('a.theme', '<', 'b.theme'))
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
