import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { distinctivePhrases, type DistinctivePhrase } from './distinctive-phrases.js';
import { contingencyTest } from './log-likelihood.js';
import { round } from './nps.js';
import { inWindow, sourcePhraseCounts, type PhraseCounter } from './phrase-sides.js';
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

/** Commented verbatims in each window, and per theme the verbatims that carry it in each (what the theme test reads). */
export interface EmergingCounts {
  readonly recentDocs: number;
  readonly baselineDocs: number;
  readonly themes: readonly { readonly theme: string; readonly recent: number; readonly baseline: number }[];
}

/** Where `findEmerging` counts the windows: the source (default) or the replica (`ReportCounts.emergingCounts`). */
export type EmergingCounter = (filters: ReportFilters, windows: EmergingWindows) => Promise<EmergingCounts>;

/** Where `findEmerging` counts: the window counts and the phrases (a `ReportCounts` serves). */
export interface EmergingEngine {
  readonly emergingCounts: EmergingCounter;
  readonly phraseCounts: PhraseCounter;
}

/**
 * Tests every theme's share of commented verbatims, recent against baseline, with
 * the log-likelihood G² of the 2×2 table, and ranks phrases the same way. `engine`: where
 * the counts come from — the source by default (phrases tokenised in SQL), or a report's
 * `ReportCounts` (on the replica, the phrases stored per verbatim at sync: no text read).
 *
 * @example (await findEmerging(db, filters, lastDate)).themes.filter((t) => t.emerging)
 */
export async function findEmerging(
  db: Kysely<Database>,
  filters: ReportFilters,
  last: Date | null,
  options: EmergingOptions = {},
  engine: EmergingEngine = { emergingCounts: (scope, windows) => queryEmergingCounts(db, scope, windows), phraseCounts: (request) => sourcePhraseCounts(db, request) },
): Promise<Emerging> {
  if (last === null) return { windows: null, recent_docs: 0, baseline_docs: 0, themes: [], phrases: [], phrases_sampled: false };
  const minCount = options.minCount ?? 5;
  const alpha = options.alpha ?? 0.05;
  const windows = emergingWindows(last, options.recentDays ?? 30, options.baselineDays ?? 90);
  const counts = await engine.emergingCounts(filters, windows);
  const { recentDocs, baselineDocs } = counts;
  // The windows are disjoint, so their commented verbatims are the phrase sides' scope: not counted twice.
  const phraseCounts = await engine.phraseCounts({
    filters,
    sides: { kind: 'windows', target: windows.recent, reference: windows.baseline },
    minTargetDocs: minCount,
    scope: { target: recentDocs, reference: baselineDocs },
  });
  const tested = counts.themes.length;
  const themes = counts.themes
    .map((row): EmergingTheme => {
      const { recent, baseline } = row;
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

/** The counts of `findEmerging` on the source: commented verbatims and theme tags in each window. */
export async function queryEmergingCounts(db: Kysely<Database>, filters: ReportFilters, windows: EmergingWindows): Promise<EmergingCounts> {
  const inRecent = inWindow(windows.recent);
  const inBaseline = inWindow(windows.baseline);
  const inWindows = inWindow({ from: windows.baseline.from, to: windows.recent.to });
  const [docs, themeRows] = await Promise.all([
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
  ]);
  return {
    recentDocs: Number(docs?.recent ?? 0),
    baselineDocs: Number(docs?.baseline ?? 0),
    themes: themeRows.map((row) => ({ theme: row.theme, recent: Number(row.recent), baseline: Number(row.baseline) })),
  };
}
