import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { distinctivePhrases, type DistinctivePhrase } from './distinctive-phrases.js';
import { contingencyTest } from './log-likelihood.js';
import { round } from './nps.js';
import { queryPhraseCounts } from './phrase-counts.js';
import { whereFilters, type ReportFilters } from './report-filters.js';
import { themeTags } from './theme-tags.js';

export interface EmergingWindows {
  /** ISO timestamps; `from` exclusive, `to` inclusive. */
  readonly recent: { readonly from: string; readonly to: string };
  readonly baseline: { readonly from: string; readonly to: string };
}

export interface EmergingTheme {
  readonly theme: string;
  readonly recent_count: number;
  readonly recent_share: number;
  readonly baseline_count: number;
  readonly baseline_share: number;
  /** recent share / baseline share; null when the baseline never had it (a new theme). */
  readonly ratio: number | null;
  readonly g2: number;
  readonly p_value: number;
  /** Rising, p below 0.05 after Bonferroni over the themes tested, and at least `minCount` recent verbatims. */
  readonly emerging: boolean;
}

/** Themes and phrases whose frequency rose in the recent window against the baseline window. */
export interface Emerging {
  readonly windows: EmergingWindows | null;
  /** Commented verbatims in each window. */
  readonly recent_docs: number;
  readonly baseline_docs: number;
  /** Every theme tested, emerging first, then by G². */
  readonly themes: readonly EmergingTheme[];
  /** Phrases over-represented in the recent window (significant ones are emerging). */
  readonly phrases: readonly DistinctivePhrase[];
  readonly phrases_sampled: boolean;
}

export interface EmergingOptions {
  /** Days of the recent window, ending at the last verbatim in scope (default 30). */
  readonly recentDays?: number;
  /** Days of the baseline window, just before the recent one (default 90). */
  readonly baselineDays?: number;
  readonly minCount?: number;
  readonly alpha?: number;
}

const DAY = 86_400_000;

/** The windows, anchored on the last `created_at` in scope (so a report on old data still has a recent window). */
export function emergingWindows(last: Date, recentDays: number, baselineDays: number): EmergingWindows {
  const recentFrom = new Date(last.getTime() - recentDays * DAY);
  const baselineFrom = new Date(recentFrom.getTime() - baselineDays * DAY);
  return {
    recent: { from: recentFrom.toISOString(), to: last.toISOString() },
    baseline: { from: baselineFrom.toISOString(), to: recentFrom.toISOString() },
  };
}

/**
 * Tests every theme's share of commented verbatims, recent against baseline, with
 * the log-likelihood G² of the 2×2 table, and ranks phrases the same way (tokenised in SQL).
 *
 * @example (await findEmerging(db, filters, lastDate)).themes.filter((t) => t.emerging)
 */
export async function findEmerging(db: Kysely<Database>, filters: ReportFilters, last: Date | null, options: EmergingOptions = {}): Promise<Emerging> {
  if (last === null) return { windows: null, recent_docs: 0, baseline_docs: 0, themes: [], phrases: [], phrases_sampled: false };
  const minCount = options.minCount ?? 5;
  const alpha = options.alpha ?? 0.05;
  const windows = emergingWindows(last, options.recentDays ?? 30, options.baselineDays ?? 90);
  const inRecent = sql<boolean>`(v.created_at > ${new Date(windows.recent.from)} and v.created_at <= ${new Date(windows.recent.to)})`;
  const inBaseline = sql<boolean>`(v.created_at > ${new Date(windows.baseline.from)} and v.created_at <= ${new Date(windows.baseline.to)})`;
  const inWindows = sql<boolean>`(v.created_at > ${new Date(windows.baseline.from)} and v.created_at <= ${new Date(windows.recent.to)})`;
  const [docs, themeRows, phraseCounts] = await Promise.all([
    db
      .selectFrom('verbatims as v')
      .where(whereFilters(filters))
      .where('v.text', '<>', '')
      .where(inWindows)
      .select([sql<string>`count(*) filter (where ${inRecent})`.as('recent'), sql<string>`count(*) filter (where ${inBaseline})`.as('baseline')])
      .executeTakeFirst(),
    db
      .selectFrom('verbatims as v')
      .innerJoin(themeTags('t'), 't.verbatim_id', 'v.id')
      .where(whereFilters(filters))
      .where(inWindows)
      .groupBy('t.theme')
      .select(['t.theme', sql<string>`count(*) filter (where ${inRecent})`.as('recent'), sql<string>`count(*) filter (where ${inBaseline})`.as('baseline')])
      .execute(),
    queryPhraseCounts(db, { filters, target: inRecent, reference: inBaseline, minTargetDocs: minCount }),
  ]);
  const recentDocs = Number(docs?.recent ?? 0);
  const baselineDocs = Number(docs?.baseline ?? 0);
  const tested = themeRows.length;
  const themes = themeRows
    .map((row): EmergingTheme => {
      const recent = Number(row.recent);
      const baseline = Number(row.baseline);
      const test = contingencyTest(recent, recentDocs, baseline, baselineDocs);
      const recentShare = recentDocs === 0 ? 0 : recent / recentDocs;
      const baselineShare = baselineDocs === 0 ? 0 : baseline / baselineDocs;
      return {
        theme: row.theme,
        recent_count: recent,
        recent_share: round(recentShare, 4),
        baseline_count: baseline,
        baseline_share: round(baselineShare, 4),
        ratio: Number.isFinite(test.ratio) ? round(test.ratio, 2) : null,
        g2: round(test.g2, 2),
        p_value: test.p_value,
        emerging: recent >= minCount && recentShare > baselineShare && test.p_value < alpha / Math.max(1, tested),
      };
    })
    .sort((a, b) => Number(b.emerging) - Number(a.emerging) || b.g2 - a.g2 || a.theme.localeCompare(b.theme));
  return {
    windows,
    recent_docs: recentDocs,
    baseline_docs: baselineDocs,
    themes,
    phrases: distinctivePhrases(phraseCounts, 15, alpha),
    phrases_sampled: phraseCounts.sampled,
  };
}
