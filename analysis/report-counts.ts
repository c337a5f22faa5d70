import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { queryBreakdowns, queryDateRange, querySegmentKeyStats, type Dimension, type GroupAggregate, type GroupThemeAggregate, type SegmentKeyStats } from './breakdown-queries.js';
import { queryEmergingCounts, type EmergingCounts, type EmergingWindows } from './emerging.js';
import { queryMomentCounts, type MomentCount, type MomentScope } from './moment-matrix.js';
import { queryTrend, type TrendGrain, type TrendRow } from './nps-trend.js';
import type { GroupMoments } from './period-compare-maths.js';
import { queryGroupMoments } from './period-compare-queries.js';
import type { PhraseCounts } from './phrase-counts.js';
import { sourcePhraseCounts, type PhraseCountRequest } from './phrase-sides.js';
import type { PeriodGranularity } from './periods.js';
import { queryRatingThemes, type ThemeRatingAggregate } from './rating-queries.js';
import { queryUntaggedSample, type UntaggedSample } from './untagged-clusters.js';
import { queryThemeSample } from './representative-verbatims.js';
import type { ReportFilters } from './report-filters.js';
import { queryCooccurrence, type ThemePair } from './theme-cooccurrence.js';
import { queryThemeMoments, type ThemeMoments } from './theme-moments.js';
import { queryDistributions, querySteps, queryStepThemes, queryThemes, queryTotals, type StepAggregate, type StepThemeAggregate, type ThemeAggregate, type Totals } from './report-queries.js';

// Their home is report-engines.ts (cheap to load); still exported here for existing importers.
export { REPORT_ENGINES, type ReportEngine } from './report-engines.js';

/**
 * The aggregates the report's maths consumes, whichever engine counts them: the system
 * of record (`sourceCounts`, the default) or the DuckDB analytics replica
 * (`replicaCounts`). Both return the same shapes, so the maths (driver impact,
 * intervals, breakdowns, trends, rating drivers, emerging themes, the moment matrix,
 * the segment choice) is the same code on either.
 */
export interface ReportCounts {
  totals(filters: ReportFilters): Promise<Totals>;
  themes(filters: ReportFilters): Promise<ThemeAggregate[]>;
  steps(filters: ReportFilters): Promise<StepAggregate[]>;
  stepThemes(filters: ReportFilters): Promise<StepThemeAggregate[]>;
  distributions(filters: ReportFilters): Promise<{ languages: Record<string, number>; sentiment: Record<string, number> }>;
  dateRange(filters: ReportFilters): Promise<{ first: Date | null; last: Date | null }>;
  breakdowns(filters: ReportFilters, dimensions: readonly Dimension[], granularity: PeriodGranularity): Promise<{ groups: GroupAggregate[]; themes: GroupThemeAggregate[] }>;
  /** The sums of the key-driver regression (`queryThemeMoments`). */
  themeMoments(filters: ReportFilters, themes: readonly string[]): Promise<ThemeMoments>;
  /** Distinct values and verbatims per segment field (`segmentKeysOf` picks the keys); `rowsInScope`: the totals' verbatims. */
  segmentKeyStats(filters: ReportFilters, rowsInScope: number): Promise<SegmentKeyStats[]>;
  /** Rating moments per theme, rated verbatims only (`queryRatingThemes`). */
  ratingThemes(filters: ReportFilters): Promise<ThemeRatingAggregate[]>;
  /** Sentiment counts per journey step and respondent of the moment matrix (`queryMomentCounts`). */
  momentCounts(scope: MomentScope): Promise<MomentCount[]>;
  /** Commented verbatims and theme tags in the emerging windows (`queryEmergingCounts`). */
  emergingCounts(filters: ReportFilters, windows: EmergingWindows): Promise<EmergingCounts>;
  /** The untagged commented verbatims: their count and the ids of the suggested themes' sample (`queryUntaggedSample`). */
  untaggedSample(filters: ReportFilters, maxSample: number): Promise<UntaggedSample>;
  /** Document frequencies of phrases on two sides (emerging phrases, root cause): `queryPhraseCounts`. */
  phraseCounts(request: PhraseCountRequest): Promise<PhraseCounts>;
  /** The period comparison's moments per shown top-level theme and "other" (`queryGroupMoments`). */
  groupMoments(filters: ReportFilters, shown: readonly string[]): Promise<GroupMoments[]>;
  /** The themes tagged together with `theme` (root cause's co-occurrence, `queryCooccurrence`). */
  cooccurrence(filters: ReportFilters, theme: string): Promise<ThemePair[]>;
  /** Verbatims and NPS categories per month or ISO week, dated rows only, optionally of one theme (`queryTrend`). */
  trend(filters: ReportFilters, grain: TrendGrain, theme: string | undefined): Promise<TrendRow[]>;
  /** Root cause's quote candidates: the first `limit` ids of the theme's verbatims in scope by md5 of the id (`queryThemeSample`). */
  themeSample(filters: ReportFilters, theme: string, limit: number): Promise<readonly string[]>;
}

/** The counts of the system of record, on a report snapshot. */
export function sourceCounts(db: Kysely<Database>): ReportCounts {
  return {
    totals: (filters) => queryTotals(db, filters),
    themes: (filters) => queryThemes(db, filters),
    steps: (filters) => querySteps(db, filters),
    stepThemes: (filters) => queryStepThemes(db, filters),
    distributions: (filters) => queryDistributions(db, filters),
    dateRange: (filters) => queryDateRange(db, filters),
    breakdowns: (filters, dimensions, granularity) => queryBreakdowns(db, filters, dimensions, granularity),
    themeMoments: (filters, themes) => queryThemeMoments(db, filters, themes),
    segmentKeyStats: (filters, rowsInScope) => querySegmentKeyStats(db, filters, rowsInScope),
    ratingThemes: (filters) => queryRatingThemes(db, filters),
    momentCounts: (scope) => queryMomentCounts(db, scope),
    emergingCounts: (filters, windows) => queryEmergingCounts(db, filters, windows),
    untaggedSample: (filters, maxSample) => queryUntaggedSample(db, filters, maxSample),
    phraseCounts: (request) => sourcePhraseCounts(db, request),
    groupMoments: (filters, shown) => queryGroupMoments(db, filters, shown),
    cooccurrence: (filters, theme) => queryCooccurrence(db, filters, theme),
    trend: (filters, grain, theme) => queryTrend(db, filters, grain, theme),
    themeSample: (filters, theme, limit) => queryThemeSample(db, filters, theme, limit),
  };
}
