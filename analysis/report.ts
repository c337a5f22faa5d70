import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { segmentKeysOf, type Dimension } from './breakdown-queries.js';
import { DEFAULT_MIN_GROUP, floorNps, validateMinGroup } from './anonymity-floor.js';
import { buildBreakdowns, type Breakdown } from './driver-breakdowns.js';
import { driverImpact } from './driver-impact.js';
import { findEmerging, type Emerging, type EmergingOptions } from './emerging.js';
import { followupSla, type FollowupSla } from './followup-sla.js';
import { keyDrivers, type KeyDrivers } from './key-drivers.js';
import { DEFAULT_MOMENT_THRESHOLDS, momentMatrixOf, type MomentMatrix, type MomentThresholds } from './moment-matrix.js';
import { npsOf, round, total, type NpsSummary } from './nps.js';
import { defaultGranularity, type PeriodGranularity } from './periods.js';
import type { ReportFilters } from './report-filters.js';
import { inReportSnapshot } from './report-snapshot.js';
import type { StepAggregate, StepThemeAggregate, ThemeAggregate, Totals } from './report-queries.js';
import { sourceCounts, type ReportCounts } from './report-counts.js';
import { parentTheme } from '../db/theme-hierarchy.js';
import { ratingSection } from './rating-report.js';
import type { RatingDriverRow } from './rating-drivers.js';
import type { RatingSummary } from './rating-summary.js';
import { NO_THEME_LABELS, readThemeLabels, themeLabel, type ThemeLabels } from './theme-labels.js';
import { buildTrends, type Trends } from './trends.js';
import { clusterUntagged, type UntaggedClusters } from './untagged-clusters.js';
import type { TextEmbedder } from '../models/transformer/load-transformer-models.js';
import { customerFilters, staffScope, type ViewerScope } from './viewer-scope.js';

/** One driver row of the report (CONTRACT.md "Report JSON"). */
export interface DriverRow {
  readonly theme: string;
  /** The taxonomy's label of the theme (`themes` table), else its id. */
  readonly label: string;
  /** The parent theme of a sub-theme (`fees` for `fees.overdraft`), else null. */
  readonly parent: string | null;
  readonly count: number;
  /** Share of commented verbatims that carry the theme, 0..1. */
  readonly share: number;
  readonly sentiment_score: number;
  readonly positive: number;
  readonly negative: number;
  readonly nps_with: number | null;
  readonly nps_without: number | null;
  readonly impact: number | null;
  readonly ci95: readonly [number, number] | null;
  readonly significant: boolean;
}

export interface JourneyRow {
  readonly step: string;
  readonly n: number;
  readonly nps: number | null;
  readonly themes: readonly JourneyTheme[];
  /** Themes at this step with fewer verbatims than the minimum count, left out of `themes`. */
  readonly hidden_themes: number;
}

/** A theme at a journey step: its impact on the step's NPS, with the driver interval. */
export interface JourneyTheme {
  readonly theme: string;
  readonly label: string;
  readonly count: number;
  readonly impact: number | null;
  readonly ci95: readonly [number, number] | null;
  /** The 95 % interval of the impact excludes 0. */
  readonly significant: boolean;
}

/** Themes left out of the drivers for having fewer than `min_count` verbatims, so renderers can say so. */
export interface HiddenThemes {
  readonly min_count: number;
  /** Themes (sub-themes included) with at least one verbatim but fewer than `min_count`. */
  readonly drivers: number;
}

/** The drivers' minimum count when none is given: fewer verbatims say nothing. */
export const DEFAULT_MIN_COUNT = 5;

/** The eNPS headline and drivers shown beside a customer report. */
export interface EmployeeSummary {
  readonly nps: NpsSummary;
  readonly drivers: readonly DriverRow[];
}

/** The report JSON of CONTRACT.md, extended (README "Report JSON" lists every field). */
export interface Report {
  readonly generated_at: string;
  readonly filters: ReportFilters;
  readonly verbatims: number;
  readonly commented: number;
  readonly enriched: number;
  readonly nps: NpsSummary;
  readonly drivers: readonly DriverRow[];
  readonly journey: readonly JourneyRow[];
  readonly languages: Readonly<Record<string, number>>;
  readonly sentiment: Readonly<Record<string, number>>;
  readonly key_drivers: KeyDrivers;
  readonly breakdowns: readonly Breakdown[];
  readonly trends: Trends;
  readonly emerging: Emerging;
  readonly suggested_themes: UntaggedClusters;
  readonly moments: MomentMatrix;
  /** eNPS of employee answers in the same period (customer reports only). */
  readonly enps: EmployeeSummary | null;
  /** Detractor callbacks and their SLA (customer reports only). */
  readonly followups: FollowupSla | null;
  /** Star ratings in scope (reviews): mean with its interval and distribution; null when nothing is rated. */
  readonly rating: RatingSummary | null;
  /** Mean rating with a theme − without it, Welch interval (`ratingImpact`); empty when nothing is rated. */
  readonly rating_drivers: readonly RatingDriverRow[];
  /** Theme id → label of the taxonomy in the database (ids without a label are absent). */
  readonly theme_labels: Readonly<Record<string, string>>;
  readonly hidden_themes: HiddenThemes;
}

export interface ReportOptions {
  /** Themes with fewer verbatims are left out of drivers (too few to say anything). Default 5. */
  readonly minCount?: number;
  /** Trend periods; default month when the data spans over 26 weeks, else week. */
  readonly granularity?: PeriodGranularity;
  /** Segment fields to break drivers down by; default: those with few distinct values. */
  readonly segmentKeys?: readonly string[];
  /** Most groups a breakdown dimension (default 20). */
  readonly maxGroups?: number;
  readonly emerging?: EmergingOptions;
  readonly momentThresholds?: MomentThresholds;
  /** Sentence embeddings (the transformer tier's `embeddings/`): suggested themes are then clustered by meaning. */
  readonly embedder?: TextEmbedder;
  /**
   * Anonymity floor: an employee group (eNPS, an employee report and every group, period,
   * step or driver side within it) with fewer answers shows no score. Default 5, never below 3.
   */
  readonly minGroup?: number;
  /**
   * Opt-in engine (issue 13): count totals, drivers, key drivers, journey, distributions, breakdowns,
   * trends, the segment choice, rating drivers, emerging themes, the moment matrix and the eNPS in
   * the DuckDB analytics replica at this path (`db/analytics-replica.ts`), synced first from the
   * report's snapshot, emerging phrases included (stored per verbatim at sync); suggested themes,
   * follow-ups and theme labels still read the source (they need the texts or tables the replica
   * does not hold). Unset: the source counts everything.
   */
  readonly replicaPath?: string;
}

/**
 * Builds the report from SQL aggregates (no verbatim rows are loaded, except the
 * bounded sample of untagged verbatims that are clustered), so it costs the same few
 * queries on 1,000 or 1,000,000 verbatims; all of them read one snapshot. For a
 * viewer limited to a role scope, or a few sections only, see `reportForScope`.
 *
 * @example const report = await buildReport(db, { from: '2026-01-01' }, new Date())
 */
export async function buildReport(db: Kysely<Database>, filters: ReportFilters, now: Date, options: ReportOptions = {}): Promise<Report> {
  const { replicaPath } = options;
  if (replicaPath === undefined) return inReportSnapshot(db, (snapshot) => reportInSnapshot(snapshot, { filters }, now, options));
  // Loaded on use: the default engine never loads DuckDB's native binding.
  const [{ withReplica }, { replicaCounts }] = await Promise.all([import('../db/analytics-replica.js'), import('./replica-counts.js')]);
  return inReportSnapshot(db, (snapshot) =>
    withReplica(snapshot, replicaPath, (replica) => reportInSnapshot(snapshot, { filters }, now, options, replicaCounts(replica, sourceCounts(snapshot)))),
  );
}

/**
 * The whole report of a viewer's scope, on a handle that is already a report snapshot
 * (`inReportSnapshot`): the customer sections on the filters and the role, the moment
 * matrix and the eNPS on the period and the role (`ViewerScope`). `counts`: the engine of
 * the ported aggregates (the source's unless a replica's is given, `ReportCounts`).
 */
export async function reportInSnapshot(db: Kysely<Database>, scope: ViewerScope, now: Date, options: ReportOptions, counts: ReportCounts = sourceCounts(db)): Promise<Report> {
  const filters = customerFilters(scope);
  const minCount = options.minCount ?? DEFAULT_MIN_COUNT;
  const minGroup = validateMinGroup(options.minGroup ?? DEFAULT_MIN_GROUP);
  const customer = (filters.respondent ?? 'customer') === 'customer';
  // The floor applies to every group of an employee report; a customer report shows its groups as they are.
  const floor = customer ? undefined : minGroup;
  const totals = await counts.totals(filters);
  const span = counts.dateRange(filters);
  // Sections that need neither the drivers nor the segment keys start at once: on the replica
  // engine the source's text work (the suggested themes' texts) then runs while the
  // replica counts, instead of after it.
  const independent = Promise.all([
    span.then((range) => findEmerging(db, filters, range.last, { minCount, ...options.emerging }, counts)),
    clusterUntagged(db, filters, options.embedder === undefined ? {} : { embedder: options.embedder }, (scoped, maxSample) => counts.untaggedSample(scoped, maxSample)),
    counts.momentCounts(staffScope(scope)).then((rows) => momentMatrixOf(rows, options.momentThresholds ?? DEFAULT_MOMENT_THRESHOLDS, minGroup)),
    customer ? employeeSummary(db, scope, minCount, minGroup, counts) : Promise.resolve(null),
    customer ? followupSla(db, filters, now) : Promise.resolve(null),
  ]);
  // The labels (read on the source) name the rows only: the counts that follow the themes do not wait for them.
  const labelsRead = readThemeLabels(db);
  labelsRead.catch(() => undefined); // awaited below; a failure meanwhile must not be an unhandled rejection
  const counted = (async () => {
    const [themes, steps, stepThemes, distributions, range, segmentKeys, ratings] = await Promise.all([
      counts.themes(filters),
      counts.steps(filters),
      counts.stepThemes(filters),
      counts.distributions(filters),
      span,
      options.segmentKeys === undefined ? counts.segmentKeyStats(filters, totals.verbatims).then((stats) => segmentKeysOf(stats)) : Promise.resolve([...options.segmentKeys]),
      ratingSection(counts, filters, totals.ratings, minCount, floor),
    ]);
    const topThemes = driverRows(totals, themes, minCount, floor)
      .filter((driver) => driver.parent === null)
      .map((driver) => driver.theme);
    const granularity = options.granularity ?? defaultGranularity(range.first, range.last);
    const dimensions: Dimension[] = [
      { name: 'journey', kind: 'journey' },
      { name: 'source', kind: 'source' },
      { name: 'period', kind: 'period' },
      ...segmentKeys.map((key): Dimension => ({ name: BUILT_IN_DIMENSIONS.has(key) ? `segments.${key}` : key, kind: 'segment' })),
    ];
    const [moments, breakdownRows, labels] = await Promise.all([counts.themeMoments(filters, topThemes), counts.breakdowns(filters, dimensions, granularity), labelsRead]);
    const drivers = driverRows(totals, themes, minCount, floor, labels);
    return { themes, steps, stepThemes, distributions, ratings, labels, drivers, granularity, dimensions, moments, breakdownRows };
  })();
  const [{ themes, steps, stepThemes, distributions, ratings, labels, drivers, granularity, dimensions, moments, breakdownRows }, [emerging, suggested, momentMatrix, enps, followups]] =
    await Promise.all([counted, independent]);
  const journey = journeyRows(steps, stepThemes, minCount, floor, labels);
  return {
    generated_at: now.toISOString(),
    filters,
    verbatims: totals.verbatims,
    commented: totals.commented,
    enriched: totals.enriched,
    nps: floorNps(npsOf(totals), floor),
    drivers,
    journey,
    languages: distributions.languages,
    sentiment: distributions.sentiment,
    key_drivers: floor !== undefined && totals.promoters + totals.passives + totals.detractors < floor ? withheldKeyDrivers(keyDrivers(moments)) : keyDrivers(moments),
    breakdowns: buildBreakdowns(dimensions, breakdownRows, { minCount, maxGroups: options.maxGroups ?? 20, ...(floor === undefined ? {} : { minGroup: floor }) }),
    trends: buildTrends(
      granularity,
      breakdownRows.groups.filter((row) => row.dimension === 'period'),
      breakdownRows.themes.filter((row) => row.dimension === 'period'),
      drivers.filter((driver) => driver.parent === null).map((driver) => driver.theme),
      floor,
    ),
    emerging,
    suggested_themes: suggested,
    moments: momentMatrix,
    enps,
    followups,
    rating: ratings.rating,
    rating_drivers: ratings.rating_drivers,
    theme_labels: Object.fromEntries(labels),
    hidden_themes: { min_count: minCount, drivers: hiddenThemeCount(themes, minCount) },
  };
}

/** How many themes with at least one verbatim fall below `minCount` (what a renderer states it leaves out). */
export function hiddenThemeCount(themes: readonly { readonly count: number }[], minCount: number): number {
  return themes.filter((theme) => theme.count > 0 && theme.count < minCount).length;
}

/**
 * NPS per journey step and, within each, the impact of every theme with at least
 * `minCount` verbatims at that step (the drivers' minimum: fewer says nothing), by volume.
 */
export function journeyRows(
  steps: readonly StepAggregate[],
  stepThemes: readonly StepThemeAggregate[],
  minCount: number,
  minGroup?: number,
  labels: ThemeLabels = NO_THEME_LABELS,
): JourneyRow[] {
  return steps
    .map((step) => {
      const atStep = stepThemes.filter((row) => row.step === step.step);
      return {
        step: step.step,
        n: step.n,
        nps: floorNps(npsOf(step), minGroup).score,
        themes: atStep
          .filter((row) => row.count >= minCount)
          .sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme))
          .map((row): JourneyTheme => {
            const { impact, ci95, significant } = total(row) === 0 ? NO_IMPACT : driverImpact(step, row, minGroup);
            return { theme: row.theme, label: themeLabel(labels, row.theme), count: row.count, impact, ci95, significant };
          }),
        hidden_themes: hiddenThemeCount(atStep, minCount),
      };
    })
    .sort((a, b) => b.n - a.n || a.step.localeCompare(b.step));
}

const NO_IMPACT = { impact: null, ci95: null, significant: false } as const;

/** Names a segment field cannot take in `breakdowns` (it gets a `segments.` prefix). */
const BUILT_IN_DIMENSIONS: ReadonlySet<string> = new Set(['journey', 'source', 'period']);

/** Driver rows of the themes with at least `minCount` verbatims, by volume; `minGroup` (employee groups): no figure for a side below it. */
export function driverRows(totals: Totals, themes: readonly ThemeAggregate[], minCount: number, minGroup?: number, labels: ThemeLabels = NO_THEME_LABELS): DriverRow[] {
  return themes
    .filter((theme) => theme.count >= minCount)
    .sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme))
    .map((theme) => ({
      theme: theme.theme,
      label: themeLabel(labels, theme.theme),
      parent: parentTheme(theme.theme),
      count: theme.count,
      share: totals.commented === 0 ? 0 : round(theme.count / totals.commented, 4),
      sentiment_score: round(theme.sentimentScore, 3),
      positive: theme.positive,
      negative: theme.negative,
      ...driverImpact(totals, theme, minGroup),
    }));
}

/**
 * eNPS and employee drivers of the scope's period and role (never the page's customer
 * filters); null when no employee answered. Below `minGroup` answers the score is
 * withheld (`floorNps`), and so is a driver figure whose side is below it. The totals
 * and themes are the customer report's counts on other filters, on `counts`' engine.
 */
export async function employeeSummary(
  db: Kysely<Database>,
  scope: ViewerScope,
  minCount: number,
  minGroup = DEFAULT_MIN_GROUP,
  counts: Pick<ReportCounts, 'totals' | 'themes'> = sourceCounts(db),
): Promise<EmployeeSummary | null> {
  const filters: ReportFilters = { ...staffScope(scope), respondent: 'employee' };
  const [totals, themes, labels] = await Promise.all([counts.totals(filters), counts.themes(filters), readThemeLabels(db)]);
  if (totals.verbatims === 0) return null;
  const floor = validateMinGroup(minGroup);
  return { nps: floorNps(npsOf(totals), floor), drivers: driverRows(totals, themes, minCount, floor, labels) };
}

/** Key drivers of an employee group below the floor: the regression's rows would describe a few people. */
function withheldKeyDrivers(drivers: KeyDrivers): KeyDrivers {
  return { ...drivers, r2: null, intercept: null, themes: [] };
}
