import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { NpsCounts } from './nps.js';
import { whereFilters, type ReportFilters } from './report-filters.js';
import { ratingTotalsColumns, toRatingTotals, type RatingTotals } from './rating-queries.js';
import { themeTags } from './theme-tags.js';

/** Category counts as SQL aggregates over `v` (only rows with a score count). */
export const countsColumns = [
  sql<string>`count(*) filter (where v.nps_category = 'promoter')`.as('promoters'),
  sql<string>`count(*) filter (where v.nps_category = 'passive')`.as('passives'),
  sql<string>`count(*) filter (where v.nps_category = 'detractor')`.as('detractors'),
] as const;

interface CountsRow {
  promoters: string | number;
  passives: string | number;
  detractors: string | number;
}

export function toCounts(row: CountsRow | undefined): NpsCounts {
  return { promoters: Number(row?.promoters ?? 0), passives: Number(row?.passives ?? 0), detractors: Number(row?.detractors ?? 0) };
}

export interface Totals extends NpsCounts {
  /** Every verbatim in scope, scored or not. */
  readonly verbatims: number;
  /** Verbatims with a comment (the base of theme shares). */
  readonly commented: number;
  readonly enriched: number;
  /** The star ratings in scope (`ratingSection` reads them; counted in the same scan). */
  readonly ratings: RatingTotals;
}

/** One row: category counts and volumes of everything in scope. */
export async function queryTotals(db: Kysely<Database>, filters: ReportFilters): Promise<Totals> {
  const row = await db
    .selectFrom('verbatims as v')
    .where(whereFilters(filters))
    .select([
      ...countsColumns,
      sql<string>`count(*)`.as('verbatims'),
      sql<string>`count(*) filter (where v.text <> '')`.as('commented'),
      sql<string>`count(*) filter (where v.enriched_at is not null)`.as('enriched'),
      ...ratingTotalsColumns,
    ])
    .executeTakeFirst();
  return {
    ...toCounts(row),
    verbatims: Number(row?.verbatims ?? 0),
    commented: Number(row?.commented ?? 0),
    enriched: Number(row?.enriched ?? 0),
    ratings: toRatingTotals(row),
  };
}

export interface ThemeAggregate extends NpsCounts {
  readonly theme: string;
  readonly count: number;
  readonly sentimentScore: number;
  readonly positive: number;
  readonly negative: number;
}

/** One GROUP BY over theme tags (sub-themes rolled up, `themeTags`): volume, mean sentiment and category counts per theme. */
export async function queryThemes(db: Kysely<Database>, filters: ReportFilters): Promise<ThemeAggregate[]> {
  const rows = await db
    .selectFrom(themeTags('t'))
    .innerJoin('verbatims as v', 'v.id', 't.verbatim_id')
    .where(whereFilters(filters))
    .groupBy('t.theme')
    .select([
      't.theme',
      ...countsColumns,
      sql<string>`count(*)`.as('count'),
      sql<string>`avg(t.score)`.as('sentiment_score'),
      sql<string>`count(*) filter (where t.sentiment = 'positive')`.as('positive'),
      sql<string>`count(*) filter (where t.sentiment = 'negative')`.as('negative'),
    ])
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('t.theme')
    .execute();
  return rows.map((row) => ({
    theme: row.theme,
    ...toCounts(row),
    count: Number(row.count),
    sentimentScore: Number(row.sentiment_score ?? 0),
    positive: Number(row.positive),
    negative: Number(row.negative),
  }));
}

export interface StepAggregate extends NpsCounts {
  readonly step: string;
  readonly n: number;
}

export interface StepThemeAggregate extends NpsCounts {
  readonly step: string;
  readonly theme: string;
  readonly count: number;
}

/** Category counts per journey step (verbatims with a step). */
export async function querySteps(db: Kysely<Database>, filters: ReportFilters): Promise<StepAggregate[]> {
  const rows = await db
    .selectFrom('verbatims as v')
    .where(whereFilters(filters))
    .where('v.journey', 'is not', null)
    .groupBy('v.journey')
    .select(['v.journey', ...countsColumns, sql<string>`count(*)`.as('n')])
    .execute();
  return rows.map((row) => ({ step: row.journey as string, ...toCounts(row), n: Number(row.n) }));
}

/** Category counts per (journey step, theme). */
export async function queryStepThemes(db: Kysely<Database>, filters: ReportFilters): Promise<StepThemeAggregate[]> {
  const rows = await db
    .selectFrom(themeTags('t'))
    .innerJoin('verbatims as v', 'v.id', 't.verbatim_id')
    .where(whereFilters(filters))
    .where('v.journey', 'is not', null)
    .groupBy(['v.journey', 't.theme'])
    .select(['v.journey', 't.theme', ...countsColumns, sql<string>`count(*)`.as('count')])
    .execute();
  return rows.map((row) => ({ step: row.journey as string, theme: row.theme, ...toCounts(row), count: Number(row.count) }));
}

/** Verbatims per language and per overall sentiment label. */
export async function queryDistributions(
  db: Kysely<Database>,
  filters: ReportFilters,
): Promise<{ languages: Record<string, number>; sentiment: Record<string, number> }> {
  const [languages, sentiment] = await Promise.all(
    (['lang', 'sentiment'] as const).map((column) =>
      db
        .selectFrom('verbatims as v')
        .where(whereFilters(filters))
        .where(`v.${column}`, 'is not', null)
        .where('v.text', '<>', '')
        .groupBy(`v.${column}`)
        .select([`v.${column} as key`, sql<string>`count(*)`.as('n')])
        .orderBy(sql`count(*)`, 'desc')
        .execute(),
    ),
  );
  const toRecord = (rows: { key: string | null; n: string }[] | undefined): Record<string, number> =>
    Object.fromEntries((rows ?? []).map((row) => [row.key ?? 'und', Number(row.n)]));
  return { languages: toRecord(languages), sentiment: toRecord(sentiment) };
}
