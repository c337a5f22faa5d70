import type { DuckDBConnection } from '@duckdb/node-api';
import type { NpsCounts } from './nps.js';
import type { ReportFilters } from './report-filters.js';
import { toCounts, type StepAggregate, type StepThemeAggregate, type ThemeAggregate, type Totals } from './report-queries.js';
import { toRatingTotals } from './rating-queries.js';
import { byteOrder, NPS_CATEGORY_SPREAD, SENTIMENT_SPREAD, spreadCategories } from './replica-categories.js';
import { readReplicaRows, REPLICA_COUNTS, ReplicaParams, replicaWhere, THEME_SCORE_MICROS_SUM, type ReplicaRow } from './replica-sql.js';

// The report's queries (report-queries.ts, breakdown-queries.ts) on the DuckDB replica:
// the same aggregates in the same shapes, over the replica's integer row ids.

function counts(row: ReplicaRow | undefined): NpsCounts {
  return toCounts({ promoters: Number(row?.['promoters'] ?? 0), passives: Number(row?.['passives'] ?? 0), detractors: Number(row?.['detractors'] ?? 0) });
}

/** `queryTotals` on the replica. */
export async function replicaTotals(connection: DuckDBConnection, filters: ReportFilters): Promise<Totals> {
  const params = new ReplicaParams();
  const [row] = await readReplicaRows(connection, {
    text: `select ${REPLICA_COUNTS}, count(*) as verbatims,
        count(*) filter (where v.commented) as commented,
        count(*) filter (where v.enriched) as enriched,
        count(v.rating) as rating_n,
        sum(v.rating::double) as rating_sum,
        sum(v.rating::double * v.rating::double) as rating_sum_squares,
        count(*) filter (where floor(v.rating) = 1) as s1,
        count(*) filter (where floor(v.rating) = 2) as s2,
        count(*) filter (where floor(v.rating) = 3) as s3,
        count(*) filter (where floor(v.rating) = 4) as s4,
        count(*) filter (where v.rating = 5) as s5
      from verbatims v where ${replicaWhere(filters, params)}`,
    params: params.values,
  });
  return {
    ...counts(row),
    verbatims: Number(row?.['verbatims'] ?? 0),
    commented: Number(row?.['commented'] ?? 0),
    enriched: Number(row?.['enriched'] ?? 0),
    ratings: toRatingTotals(row as Parameters<typeof toRatingTotals>[0]),
  };
}

/**
 * `queryThemes` on the replica: one GROUP BY over the theme rows (parents already rolled up),
 * also on the NPS category and the theme's sentiment, spread into counts here (`spreadCategories`).
 * Ordered as the source orders it: by volume, then by theme.
 */
export async function replicaThemes(connection: DuckDBConnection, filters: ReportFilters): Promise<ThemeAggregate[]> {
  const params = new ReplicaParams();
  const grouped = await readReplicaRows(connection, {
    text: `select t.theme, v.nps_category, t.sentiment, count(*) as count, ${THEME_SCORE_MICROS_SUM} as score_micros, count(t.score) as scored
      from verbatim_themes t join verbatims v on v.row_id = t.row_id
      where ${replicaWhere(filters, params)}
      group by t.theme, v.nps_category, t.sentiment`,
    params: params.values,
  });
  const rows = spreadCategories(grouped, { keys: ['theme'], count: 'count', spreads: [NPS_CATEGORY_SPREAD, SENTIMENT_SPREAD], sums: ['score_micros', 'scored'] });
  rows.sort((a, b) => Number(b['count']) - Number(a['count']) || byteOrder(String(a['theme']), String(b['theme'])));
  return rows.map((row) => ({
    theme: String(row['theme']),
    ...counts(row),
    count: Number(row['count']),
    // As DuckDB divided the exact sum (a double below 2^53) before: the same bits.
    sentimentScore: Number(row['scored']) === 0 ? 0 : Number(row['score_micros']) / 1000000 / Number(row['scored']),
    positive: Number(row['positive']),
    negative: Number(row['negative']),
  }));
}

/** `querySteps` on the replica. */
export async function replicaSteps(connection: DuckDBConnection, filters: ReportFilters): Promise<StepAggregate[]> {
  const params = new ReplicaParams();
  const grouped = await readReplicaRows(connection, {
    text: `select v.journey, v.nps_category, count(*) as n from verbatims v
      where ${replicaWhere(filters, params)} and v.journey is not null group by v.journey, v.nps_category`,
    params: params.values,
  });
  const rows = spreadCategories(grouped, { keys: ['journey'], count: 'n', spreads: [NPS_CATEGORY_SPREAD] });
  return rows.map((row) => ({ step: String(row['journey']), ...counts(row), n: Number(row['n']) }));
}

/** `queryStepThemes` on the replica. */
export async function replicaStepThemes(connection: DuckDBConnection, filters: ReportFilters): Promise<StepThemeAggregate[]> {
  const params = new ReplicaParams();
  const grouped = await readReplicaRows(connection, {
    text: `select v.journey, t.theme, v.nps_category, count(*) as count
      from verbatim_themes t join verbatims v on v.row_id = t.row_id
      where ${replicaWhere(filters, params)} and v.journey is not null group by v.journey, t.theme, v.nps_category`,
    params: params.values,
  });
  const rows = spreadCategories(grouped, { keys: ['journey', 'theme'], count: 'count', spreads: [NPS_CATEGORY_SPREAD] });
  return rows.map((row) => ({ step: String(row['journey']), theme: String(row['theme']), ...counts(row), count: Number(row['count']) }));
}

/** `queryDistributions` on the replica: commented verbatims per language and per sentiment label. */
export async function replicaDistributions(
  connection: DuckDBConnection,
  filters: ReportFilters,
): Promise<{ languages: Record<string, number>; sentiment: Record<string, number> }> {
  const [languages, sentiment] = await Promise.all(
    (['lang', 'sentiment'] as const).map(async (column) => {
      const params = new ReplicaParams();
      const rows = await readReplicaRows(connection, {
        text: `select v.${column} as key, count(*) as n from verbatims v
          where ${replicaWhere(filters, params)} and v.${column} is not null and v.commented
          group by v.${column} order by count(*) desc`,
        params: params.values,
      });
      return Object.fromEntries(rows.map((row) => [String(row['key'] ?? 'und'), Number(row['n'])]));
    }),
  );
  return { languages: languages ?? {}, sentiment: sentiment ?? {} };
}

/** `queryDateRange` on the replica: first and last `created_at` in scope (UTC). */
export async function replicaDateRange(connection: DuckDBConnection, filters: ReportFilters): Promise<{ first: Date | null; last: Date | null }> {
  const params = new ReplicaParams();
  const [row] = await readReplicaRows(connection, {
    text: `select epoch_us(min(v.created_at)) as first, epoch_us(max(v.created_at)) as last from verbatims v where ${replicaWhere(filters, params)}`,
    params: params.values,
  });
  // Microseconds to a Date as the source's driver reads a timestamptz (to the millisecond, truncated).
  const asDate = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(Math.floor(Number(value) / 1000)));
  return { first: asDate(row?.['first']), last: asDate(row?.['last']) };
}
