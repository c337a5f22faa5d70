import { sql, type Kysely } from 'kysely';
import { driverImpact } from '../../analysis/driver-impact.js';
import { npsOf, round, type NpsSummary } from '../../analysis/nps.js';
import { whereFilters } from '../../analysis/report-filters.js';
import type { Database } from '../../db/schema.js';
import { toReportFilters, type ViewFilters } from '../filters.js';

/** Why a theme scores as it does: where it sits, what comes with it, who says it, in whose words. */
export interface ThemeDetail {
  readonly theme: string;
  readonly count: number;
  readonly nps: NpsSummary;
  readonly sentiment: { readonly positive: number; readonly neutral: number; readonly negative: number; readonly mixed: number };
  /** Themes found in the same verbatims, most frequent first. */
  readonly co_occurring: readonly { readonly theme: string; readonly count: number; readonly share: number }[];
  /** Journey steps of the theme's verbatims, and the theme's impact on each step's NPS. */
  readonly journey: readonly { readonly step: string; readonly count: number; readonly share: number; readonly impact: number | null }[];
  /** Segment values over-represented among the theme's verbatims (lift = share with the theme ÷ share overall). */
  readonly segments: readonly { readonly key: string; readonly value: string; readonly count: number; readonly lift: number }[];
  /** The evidence spans said most often, lower-cased. */
  readonly phrases: readonly { readonly phrase: string; readonly count: number }[];
}

const TOP = 8;
const MIN_SEGMENT_COUNT = 5;

const counts = [
  sql<string>`count(*) filter (where v.nps_category = 'promoter')`.as('promoters'),
  sql<string>`count(*) filter (where v.nps_category = 'passive')`.as('passives'),
  sql<string>`count(*) filter (where v.nps_category = 'detractor')`.as('detractors'),
] as const;

function toCounts(row: { promoters: string | number; passives: string | number; detractors: string | number } | undefined) {
  return { promoters: Number(row?.promoters ?? 0), passives: Number(row?.passives ?? 0), detractors: Number(row?.detractors ?? 0) };
}

/**
 * A root-cause summary of one theme from SQL aggregates over the filtered verbatims.
 *
 * @example await themeDetail(db, { segments: {} }, 'fees_pricing') // { count: 483, co_occurring: [{ theme: 'information_clarity', … }], … }
 */
export async function themeDetail(db: Kysely<Database>, filters: ViewFilters, theme: string): Promise<ThemeDetail> {
  const where = whereFilters(toReportFilters(filters));
  const tagged = db
    .selectFrom('verbatim_themes as t')
    .innerJoin('verbatims as v', 'v.id', 't.verbatim_id')
    .where(where)
    .where('t.theme', '=', theme);

  const [summary, coThemes, steps, stepTotals, segments, segmentTotals, phrases] = await Promise.all([
    tagged
      .select([
        ...counts,
        sql<string>`count(*)`.as('n'),
        sql<string>`count(*) filter (where t.sentiment = 'positive')`.as('positive'),
        sql<string>`count(*) filter (where t.sentiment = 'neutral')`.as('neutral'),
        sql<string>`count(*) filter (where t.sentiment = 'negative')`.as('negative'),
        sql<string>`count(*) filter (where t.sentiment = 'mixed')`.as('mixed'),
      ])
      .executeTakeFirst(),
    tagged
      .innerJoin('verbatim_themes as o', (join) => join.onRef('o.verbatim_id', '=', 't.verbatim_id').on('o.theme', '<>', theme))
      .groupBy('o.theme')
      .select(['o.theme', sql<string>`count(*)`.as('n')])
      .orderBy(sql`count(*)`, 'desc')
      .orderBy('o.theme')
      .limit(TOP)
      .execute(),
    tagged.where('v.journey', 'is not', null).groupBy('v.journey').select(['v.journey', ...counts, sql<string>`count(*)`.as('n')]).execute(),
    db.selectFrom('verbatims as v').where(where).where('v.journey', 'is not', null).groupBy('v.journey').select(['v.journey', ...counts]).execute(),
    tagged
      .innerJoin(sql<{ key: string; value: string }>`jsonb_each_text(v.segments)`.as('s'), (join) => join.onTrue())
      .groupBy(['s.key', 's.value'])
      .select(['s.key', 's.value', sql<string>`count(*)`.as('n')])
      .execute(),
    db
      .selectFrom('verbatims as v')
      .where(where)
      .innerJoin(sql<{ key: string; value: string }>`jsonb_each_text(v.segments)`.as('s'), (join) => join.onTrue())
      .groupBy(['s.key', 's.value'])
      .select(['s.key', 's.value', sql<string>`count(*)`.as('n'), sql<string>`count(*) over (partition by s.key)`.as('key_total')])
      .execute(),
    tagged
      .where('t.evidence', '<>', '')
      .groupBy(sql`lower(t.evidence)`)
      .select([sql<string>`lower(t.evidence)`.as('phrase'), sql<string>`count(*)`.as('n')])
      .orderBy(sql`count(*)`, 'desc')
      .orderBy(sql`lower(t.evidence)`)
      .limit(TOP)
      .execute(),
  ]);

  const count = Number(summary?.n ?? 0);
  const stepAll = new Map(stepTotals.map((row) => [row.journey as string, toCounts(row)]));
  const totals = new Map(segmentTotals.map((row) => [`${row.key}\u0000${row.value}`, { n: Number(row.n), keyTotal: Number(row.key_total) }]));
  // Share of the theme's verbatims with each key, to compare like with like.
  const themeKeyTotals = new Map<string, number>();
  for (const row of segments) themeKeyTotals.set(row.key, (themeKeyTotals.get(row.key) ?? 0) + Number(row.n));

  return {
    theme,
    count,
    nps: npsOf(toCounts(summary)),
    sentiment: {
      positive: Number(summary?.positive ?? 0),
      neutral: Number(summary?.neutral ?? 0),
      negative: Number(summary?.negative ?? 0),
      mixed: Number(summary?.mixed ?? 0),
    },
    co_occurring: coThemes.map((row) => ({ theme: row.theme, count: Number(row.n), share: count === 0 ? 0 : round(Number(row.n) / count, 3) })),
    journey: steps
      .map((row) => {
        const all = stepAll.get(row.journey as string);
        return {
          step: row.journey as string,
          count: Number(row.n),
          share: count === 0 ? 0 : round(Number(row.n) / count, 3),
          impact: all === undefined ? null : driverImpact(all, toCounts(row)).impact,
        };
      })
      .sort((a, b) => b.count - a.count || a.step.localeCompare(b.step)),
    segments: segments
      .map((row) => {
        const overall = totals.get(`${row.key}\u0000${row.value}`);
        const themeShare = Number(row.n) / (themeKeyTotals.get(row.key) ?? 1);
        const overallShare = overall === undefined || overall.keyTotal === 0 ? 0 : overall.n / overall.keyTotal;
        return { key: row.key, value: row.value, count: Number(row.n), lift: overallShare === 0 ? 0 : round(themeShare / overallShare, 2) };
      })
      .filter((row) => row.count >= MIN_SEGMENT_COUNT && row.lift > 1)
      .sort((a, b) => b.lift - a.lift || b.count - a.count || a.key.localeCompare(b.key) || a.value.localeCompare(b.value))
      .slice(0, TOP),
    phrases: phrases.map((row) => ({ phrase: row.phrase, count: Number(row.n) })),
  };
}
