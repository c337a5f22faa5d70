import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import type { NpsCounts } from './nps.js';
import { periodExpression, type PeriodGranularity } from './periods.js';
import { whereFilters, type ReportFilters } from './report-filters.js';
import { toCounts } from './report-queries.js';

export const DIMENSION_KINDS = ['journey', 'source', 'period', 'segment'] as const;
export type DimensionKind = (typeof DIMENSION_KINDS)[number];

/** A way to split the verbatims: journey step, source, period or a segment field. */
export interface Dimension {
  /** `journey`, `source`, `period`, or the segment key (`country`, `branch`…). */
  readonly name: string;
  readonly kind: DimensionKind;
}

export interface GroupAggregate extends NpsCounts {
  readonly dimension: string;
  readonly value: string;
  readonly n: number;
  readonly commented: number;
}

export interface GroupThemeAggregate extends NpsCounts {
  readonly dimension: string;
  readonly value: string;
  readonly theme: string;
  readonly count: number;
  readonly sentimentScore: number;
}

function dimensionValue(dimension: Dimension, granularity: PeriodGranularity): RawBuilder<string | null> {
  switch (dimension.kind) {
    case 'journey':
      return sql`v.journey`;
    case 'source':
      return sql`v.source`;
    case 'period':
      return periodExpression(granularity);
    case 'segment':
      return sql`v.segments ->> ${segmentKey(dimension)}`;
  }
}

/**
 * Volumes and NPS counts for every value of every dimension, then per value and
 * theme, in two statements: each verbatim is spread over its dimensions by a
 * `LATERAL (VALUES …)` and grouped once.
 */
export async function queryBreakdowns(
  db: Kysely<Database>,
  filters: ReportFilters,
  dimensions: readonly Dimension[],
  granularity: PeriodGranularity,
): Promise<{ groups: GroupAggregate[]; themes: GroupThemeAggregate[] }> {
  if (dimensions.length === 0) return { groups: [], themes: [] };
  const columns = dimensions.map((dimension, index) => dimensionValue(dimension, granularity).as(`d${index}`));
  const spread = sql.join(dimensions.map((dimension, index) => sql`(${dimension.kind === 'segment' ? `segment:${dimension.name}` : dimension.name}, s.${sql.ref(`d${index}`)})`));
  const scoped = db.selectFrom('verbatims as v').where(whereFilters(filters)).select(['v.nps_category', 'v.text', ...columns]);
  const themed = db
    .selectFrom('verbatims as v')
    .innerJoin('verbatim_themes as t', 't.verbatim_id', 'v.id')
    .where(whereFilters(filters))
    .select(['v.nps_category', 't.theme', 't.score', ...columns]);
  const counts = sql`count(*) filter (where s.nps_category = 'promoter') as promoters,
    count(*) filter (where s.nps_category = 'passive') as passives,
    count(*) filter (where s.nps_category = 'detractor') as detractors`;
  const [groups, themes] = await Promise.all([
    sql<{ dimension: string; value: string; promoters: string; passives: string; detractors: string; n: string; commented: string }>`
      select d.dimension, d.value, ${counts}, count(*) as n, count(*) filter (where s.text <> '') as commented
      from (${scoped}) s cross join lateral (values ${spread}) as d(dimension, value)
      where d.value is not null
      group by d.dimension, d.value`.execute(db),
    sql<{ dimension: string; value: string; theme: string; promoters: string; passives: string; detractors: string; count: string; sentiment: string }>`
      select d.dimension, d.value, s.theme, ${counts}, count(*) as count, avg(s.score) as sentiment
      from (${themed}) s cross join lateral (values ${spread}) as d(dimension, value)
      where d.value is not null
      group by d.dimension, d.value, s.theme`.execute(db),
  ]);
  return {
    groups: groups.rows.map((row) => ({ dimension: row.dimension, value: row.value, ...toCounts(row), n: Number(row.n), commented: Number(row.commented) })),
    themes: themes.rows.map((row) => ({
      dimension: row.dimension,
      value: row.value,
      theme: row.theme,
      ...toCounts(row),
      count: Number(row.count),
      sentimentScore: Number(row.sentiment ?? 0),
    })),
  };
}

/** The segment field a segment dimension reads (`segments.source` reads `source`). */
export function segmentKey(dimension: Dimension): string {
  return dimension.name.startsWith('segments.') ? dimension.name.slice('segments.'.length) : dimension.name;
}

/** The key a dimension's rows carry in `queryBreakdowns` results. */
export function dimensionKey(dimension: Dimension): string {
  return dimension.kind === 'segment' ? `segment:${dimension.name}` : dimension.name;
}

/**
 * Segment keys worth splitting by: at most `maxValues` distinct values and at most one
 * value for two verbatims (an e-mail or a free-text title is not a segment).
 */
export async function querySegmentKeys(db: Kysely<Database>, filters: ReportFilters, maxValues = 50): Promise<string[]> {
  const rows = await db
    .selectFrom('verbatims as v')
    .innerJoin(sql<{ key: string }>`lateral jsonb_object_keys(v.segments)`.as('k'), (join) => join.onTrue())
    .where(whereFilters(filters))
    .groupBy(sql`k`)
    .select([sql<string>`k`.as('key'), sql<string>`count(distinct v.segments ->> k)`.as('values'), sql<string>`count(*)`.as('n')])
    .orderBy(sql`k`)
    .execute();
  return rows.filter((row) => Number(row.values) <= maxValues && Number(row.values) * 2 <= Number(row.n)).map((row) => row.key);
}

/** First and last `created_at` in scope. */
export async function queryDateRange(db: Kysely<Database>, filters: ReportFilters): Promise<{ first: Date | null; last: Date | null }> {
  const row = await db
    .selectFrom('verbatims as v')
    .where(whereFilters(filters))
    .select([sql<Date | null>`min(v.created_at)`.as('first'), sql<Date | null>`max(v.created_at)`.as('last')])
    .executeTakeFirst();
  const asDate = (value: Date | string | null | undefined): Date | null => (value === null || value === undefined ? null : new Date(value));
  return { first: asDate(row?.first), last: asDate(row?.last) };
}
