import type { DuckDBConnection } from '@duckdb/node-api';
import { dimensionKey, segmentKey, type Dimension, type GroupAggregate, type GroupThemeAggregate } from './breakdown-queries.js';
import type { NpsCounts } from './nps.js';
import type { PeriodGranularity } from './periods.js';
import type { ReportFilters } from './report-filters.js';
import { toCounts } from './report-queries.js';
import { readReplicaRows, ReplicaParams, replicaWhere, THEME_SCORE_MICROS_SUM, type ReplicaRow } from './replica-sql.js';

/** A dimension's value on `verbatims v` of the replica, as `dimensionValue` computes it on the source. */
function dimensionValue(dimension: Dimension, granularity: PeriodGranularity, params: ReplicaParams): string {
  switch (dimension.kind) {
    case 'journey':
      return 'v.journey';
    case 'source':
      return 'v.source';
    case 'period':
      // The period's first instant (an ISO week starts on Monday); `labelled` turns it into the label once a group.
      return `date_trunc('${granularity === 'month' ? 'month' : 'week'}', v.created_at)`;
    case 'segment':
      return `v.segments[${params.add(segmentKey(dimension))}]`;
  }
}

/**
 * A dimension's value as the source labels it, from the folded rows' `c.dN`: a period is
 * grouped on its first instant and formatted once a group — `periodExpression`'s `2026-03`
 * or ISO week `2026-W09`, of the UTC time — since formatting a date a row costs more than
 * the rest of the fold (the theme breakdown at 1M: ≈ 0.5 → 0.23 s).
 */
function labelled(dimension: Dimension, granularity: PeriodGranularity, name: string): string {
  if (dimension.kind !== 'period') return `c.${name}`;
  return `strftime(c.${name}, '${granularity === 'month' ? '%Y-%m' : '%G-W%V'}') as ${name}`;
}

/**
 * `queryBreakdowns` on the replica: volumes and NPS counts per value of every dimension,
 * then per value and theme, each in one `GROUPING SETS` pass over rows first folded into
 * one row per combination of values. The theme pass computes the dimension values once a
 * verbatim, before the join: a segment is a lookup in a map, and doing it once a theme row
 * (1.34 rows a verbatim at 1M) cost a third more (≈ 0.85 → 0.55 CPU s at 1M). One statement:
 * the verbatims are folded into groups of equal values (`g`, a few thousand at 1M) that give the
 * volumes, and the theme rows are counted per theme and group number — folding the theme rows
 * on the values themselves (segments are texts) cost more than the rest (db/README.md, "A cold
 * report's start").
 */
export async function replicaBreakdowns(
  connection: DuckDBConnection,
  filters: ReportFilters,
  dimensions: readonly Dimension[],
  granularity: PeriodGranularity,
): Promise<{ groups: GroupAggregate[]; themes: GroupThemeAggregate[] }> {
  if (dimensions.length === 0) return { groups: [], themes: [] };
  const names = dimensions.map((_, index) => `d${index}`);
  const values = dimensions.map((dimension, index) => labelled(dimension, granularity, names[index] as string)).join(', ');
  const flags = names.map((name, index) => `grouping(c.${name}) as g${index}`).join(', ');
  const sums = `sum(c.n) filter (where c.nps_category = 'promoter') as promoters,
    sum(c.n) filter (where c.nps_category = 'passive') as passives,
    sum(c.n) filter (where c.nps_category = 'detractor') as detractors`;
  const params = new ReplicaParams();
  const columns = dimensions.map((dimension, index) => `${dimensionValue(dimension, granularity, params)} as d${index}`).join(', ');
  const rows = await readReplicaRows(connection, {
    text: `with g as materialized (
        select row_number() over () as gid, * from (
          select ${columns}, v.nps_category, v.commented, count(*) as n, list(v.row_id) as row_ids
          from verbatims v where ${replicaWhere(filters, params)} group by all)),
      tg as (
        select t.theme, r.gid, count(*) as n, ${THEME_SCORE_MICROS_SUM} as score
        from verbatim_themes t join (select g.gid, unnest(g.row_ids) as row_id from g) r on r.row_id = t.row_id
        group by t.theme, r.gid),
      c as (select tg.theme, ${names.map((name) => `g.${name}`).join(', ')}, g.nps_category, tg.n, tg.score from tg join g on g.gid = tg.gid)
      select 'themes' as part, c.theme, ${values}, ${flags}, ${sums}, sum(c.n) as count, sum(c.score) / 1000000 / sum(c.n) as sentiment, null as commented
      from c group by grouping sets (${names.map((name) => `(c.theme, c.${name})`).join(', ')})
      union all
      select 'groups', null, ${values}, ${flags}, ${sums}, sum(c.n), null, coalesce(sum(c.n) filter (where c.commented), 0)
      from g c group by grouping sets (${names.map((name) => `(c.${name})`).join(', ')})`,
    params: params.values,
  });
  const groups = rows.filter((row) => row['part'] === 'groups');
  const themes = rows.filter((row) => row['part'] === 'themes');
  const keys = dimensions.map(dimensionKey);
  const located = (row: ReplicaRow): { dimension: string; value: string } | undefined => {
    const index = keys.findIndex((_, i) => Number(row[`g${i}`]) === 0);
    const value = row[`d${index}`];
    return index === -1 || value === null || value === undefined ? undefined : { dimension: keys[index] as string, value: String(value) };
  };
  const counted = (row: ReplicaRow): NpsCounts =>
    toCounts({ promoters: Number(row['promoters'] ?? 0), passives: Number(row['passives'] ?? 0), detractors: Number(row['detractors'] ?? 0) });
  return {
    groups: groups.flatMap((row) => {
      const where = located(row);
      return where === undefined ? [] : [{ ...where, ...counted(row), n: Number(row['count']), commented: Number(row['commented']) }];
    }),
    themes: themes.flatMap((row) => {
      const where = located(row);
      return where === undefined
        ? []
        : [{ ...where, theme: String(row['theme']), ...counted(row), count: Number(row['count']), sentimentScore: Number(row['sentiment'] ?? 0) }];
    }),
  };
}
