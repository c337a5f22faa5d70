import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import type { NpsCounts } from './nps.js';
import { periodExpression, type PeriodGranularity } from './periods.js';
import { whereFilters, type ReportFilters } from './report-filters.js';
import { themeTags } from './theme-tags.js';
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
 * theme, in two statements: one `GROUPING SETS` pass each, the dimension values
 * computed once a row in a subquery.
 */
export async function queryBreakdowns(
  db: Kysely<Database>,
  filters: ReportFilters,
  dimensions: readonly Dimension[],
  granularity: PeriodGranularity,
): Promise<{ groups: GroupAggregate[]; themes: GroupThemeAggregate[] }> {
  if (dimensions.length === 0) return { groups: [], themes: [] };
  const columns = dimensions.map((dimension, index) => dimensionValue(dimension, granularity).as(`d${index}`));
  const refs = dimensions.map((_, index) => sql.ref(`s.d${index}`));
  const scoped = db.selectFrom('verbatims as v').where(whereFilters(filters)).select(['v.nps_category', 'v.text', ...columns]);
  const themed = db
    .selectFrom('verbatims as v')
    .innerJoin(themeTags('t'), 't.verbatim_id', 'v.id')
    .where(whereFilters(filters))
    .select(['v.nps_category', 't.theme', 't.score', ...columns]);
  // Rows are first folded into one row per combination of dimension values (far fewer
  // than verbatims), then the grouping sets run on those: one pass over the rows
  // instead of one per dimension, about twice as fast at 200k verbatims.
  const cRefs = dimensions.map((_, index) => sql.ref(`c.d${index}`));
  const counts = sql`sum(c.n) filter (where c.nps_category = 'promoter') as promoters,
    sum(c.n) filter (where c.nps_category = 'passive') as passives,
    sum(c.n) filter (where c.nps_category = 'detractor') as detractors`;
  // grouping(d_i) = 0 on the rows of the set that groups by d_i.
  const flags = sql.join(cRefs.map((ref, index) => sql`grouping(${ref}) as ${sql.ref(`g${index}`)}`));
  const values = sql.join(cRefs);
  type Flags = Record<string, string | number | null>;
  const [groups, themes] = await Promise.all([
    sql<Flags>`
      with c as materialized (
        select ${sql.join(refs)}, s.nps_category, s.text <> '' as commented, count(*) as n
        from (${scoped}) s group by ${sql.join(refs)}, s.nps_category, s.text <> '')
      select ${values}, ${flags}, ${counts}, sum(c.n) as n, coalesce(sum(c.n) filter (where c.commented), 0) as commented
      from c
      group by grouping sets (${sql.join(cRefs.map((ref) => sql`(${ref})`))})`.execute(db),
    sql<Flags>`
      with c as materialized (
        select s.theme, ${sql.join(refs)}, s.nps_category, count(*) as n, sum(s.score) as score
        from (${themed}) s group by s.theme, ${sql.join(refs)}, s.nps_category)
      select c.theme, ${values}, ${flags}, ${counts}, sum(c.n) as count, sum(c.score) / sum(c.n) as sentiment
      from c
      group by grouping sets (${sql.join(cRefs.map((ref) => sql`(c.theme, ${ref})`))})`.execute(db),
  ]);
  const keys = dimensions.map(dimensionKey);
  const located = (row: Flags): { dimension: string; value: string } | undefined => {
    const index = keys.findIndex((_, i) => Number(row[`g${i}`]) === 0);
    const value = row[`d${index}`];
    return index === -1 || value === null || value === undefined ? undefined : { dimension: keys[index] as string, value: String(value) };
  };
  const counted = (row: Flags): NpsCounts => toCounts({ promoters: row['promoters'] ?? 0, passives: row['passives'] ?? 0, detractors: row['detractors'] ?? 0 });
  return {
    groups: groups.rows.flatMap((row) => {
      const where = located(row);
      return where === undefined ? [] : [{ ...where, ...counted(row), n: Number(row['n']), commented: Number(row['commented']) }];
    }),
    themes: themes.rows.flatMap((row) => {
      const where = located(row);
      return where === undefined
        ? []
        : [{ ...where, theme: String(row['theme']), ...counted(row), count: Number(row['count']), sentimentScore: Number(row['sentiment'] ?? 0) }];
    }),
  };
}

/** The segment field a segment dimension reads (`segments.source` reads `source`). */
export function segmentKey(dimension: Dimension): string {
  return dimension.name.startsWith('segments.') ? dimension.name.slice('segments.'.length) : dimension.name;
}

/** The key a dimension's rows carry in `queryBreakdowns` results (`segment:` before a segment field). */
export function dimensionKey(dimension: Dimension): string {
  return dimension.kind === 'segment' ? `segment:${dimension.name}` : dimension.name;
}

/** One segment field over the verbatims in scope (or their sample): how many distinct values, on how many verbatims. */
export interface SegmentKeyStats {
  readonly key: string;
  readonly values: number;
  readonly n: number;
}

/**
 * Segment keys worth splitting by: at most `maxValues` distinct values and at most one
 * value for two verbatims (an e-mail or a free-text title is not a segment). Beyond
 * 50,000 verbatims in scope (`rowsInScope`), a hash sample of about 50,000 decides.
 */
export async function querySegmentKeys(db: Kysely<Database>, filters: ReportFilters, rowsInScope: number, maxValues = 50): Promise<string[]> {
  return segmentKeysOf(await querySegmentKeyStats(db, filters, rowsInScope), maxValues);
}

/** The keys of `querySegmentKeys` from their statistics (the source's or the replica's), in code-unit order of the key. */
export function segmentKeysOf(stats: readonly SegmentKeyStats[], maxValues = 50): string[] {
  return stats
    .filter((row) => row.values <= maxValues && row.values * 2 <= row.n)
    .map((row) => row.key)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The statistics `querySegmentKeys` decides on, counted on the source (over a hash sample beyond 50,000 verbatims in scope). */
export async function querySegmentKeyStats(db: Kysely<Database>, filters: ReportFilters, rowsInScope: number): Promise<SegmentKeyStats[]> {
  const buckets = rowsInScope <= SEGMENT_SAMPLE ? 1024 : Math.max(1, Math.floor((1024 * SEGMENT_SAMPLE) / rowsInScope));
  const rows = await db
    .selectFrom('verbatims as v')
    .innerJoin(sql<{ key: string }>`lateral jsonb_object_keys(v.segments)`.as('k'), (join) => join.onTrue())
    .where(whereFilters(filters))
    .where(sql<boolean>`(hashtext(v.id) & 1023) < ${buckets}`)
    .groupBy(sql`k`)
    .select([sql<string>`k`.as('key'), sql<string>`count(distinct v.segments ->> k)`.as('values'), sql<string>`count(*)`.as('n')])
    .execute();
  return rows.map((row) => ({ key: row.key, values: Number(row.values), n: Number(row.n) }));
}

/** Verbatims in scope beyond which the source decides the segment keys on a hash sample. */
export const SEGMENT_SAMPLE = 50_000;

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
