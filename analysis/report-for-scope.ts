import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { DEFAULT_MIN_GROUP, floorNps, validateMinGroup } from './anonymity-floor.js';
import { followupSla, type FollowupSla } from './followup-sla.js';
import { DEFAULT_MOMENT_THRESHOLDS, momentMatrixOf, type MomentMatrix } from './moment-matrix.js';
import { npsOf, type NpsSummary } from './nps.js';
import { npsTrend, type TrendGrain, type TrendPoint } from './nps-trend.js';
import { DEFAULT_MIN_COUNT, driverRows, employeeSummary, hiddenThemeCount, journeyRows, reportInSnapshot, type DriverRow, type EmployeeSummary, type HiddenThemes, type JourneyRow, type Report, type ReportOptions } from './report.js';
import { readThemeLabels } from './theme-labels.js';
import { sourceCounts, type ReportCounts } from './report-counts.js';
import type { ReportFilters } from './report-filters.js';
import { inReportSnapshot } from './report-snapshot.js';
import { ratingSection, type RatingSection } from './rating-report.js';
import { computeRootCause, type RootCause, type RootCauseOptions } from './root-cause.js';
import { customerFilters, staffScope, type ViewerScope } from './viewer-scope.js';

/** The report's headline: volumes, NPS and the theme drivers, and the star rating and its drivers (`RatingSection`). */
export interface ReportSummary extends RatingSection {
  readonly verbatims: number;
  readonly commented: number;
  readonly enriched: number;
  readonly nps: NpsSummary;
  readonly drivers: readonly DriverRow[];
  /** Themes below the minimum count, left out of `drivers` (so a page can say so). */
  readonly hidden_themes: HiddenThemes;
}

/**
 * Every number a viewer can be shown, by section. A page asks for the few it draws;
 * `report` is the whole report JSON (which holds the headline, journey, moments, eNPS
 * and follow-ups too, computed by the same functions as the sections of those names).
 */
export interface ScopedReport {
  readonly summary: ReportSummary;
  readonly journey: readonly JourneyRow[];
  readonly report: Report;
  readonly moments: MomentMatrix;
  /** Null when no employee answered in the period and role. */
  readonly enps: EmployeeSummary | null;
  /** NPS per calendar month or week; the scope's theme (sub-themes included) narrows it. */
  readonly trend: readonly TrendPoint[];
  /** Needs `scope.theme`; an unknown theme is an `InputError`. */
  readonly root_cause: RootCause;
  readonly followups: FollowupSla;
}

export type ReportSection = keyof ScopedReport;

export interface ScopedReportOptions extends ReportOptions {
  /** Periods of the `trend` section (default month). */
  readonly grain?: TrendGrain;
  /** Longest-overdue follow-ups listed by the `followups` section (default 20). */
  readonly overdueList?: number;
  readonly rootCause?: RootCauseOptions;
}

type SectionBuilder<K extends ReportSection> = (db: Kysely<Database>, scope: ViewerScope, now: Date, options: ScopedReportOptions, counts: ReportCounts) => Promise<ScopedReport[K]>;

/** How each section is computed, on a snapshot handle, the aggregates counted by `counts` (the source's or the replica's). */
const SECTIONS: { readonly [K in ReportSection]: SectionBuilder<K> } = {
  summary: async (db, scope, _now, options, counts) => {
    const filters = customerFilters(scope);
    const floor = employeeFloor(filters, options);
    const minCount = options.minCount ?? DEFAULT_MIN_COUNT;
    const [totals, themes, labels] = await Promise.all([counts.totals(filters), counts.themes(filters), readThemeLabels(db)]);
    const ratings = await ratingSection(counts, filters, totals.ratings, minCount, floor);
    const { verbatims, commented, enriched } = totals;
    const hiddenThemes = { min_count: minCount, drivers: hiddenThemeCount(themes, minCount) };
    return { verbatims, commented, enriched, nps: floorNps(npsOf(totals), floor), drivers: driverRows(totals, themes, minCount, floor, labels), hidden_themes: hiddenThemes, ...ratings };
  },
  journey: async (db, scope, _now, options, counts) => {
    const filters = customerFilters(scope);
    const [steps, stepThemes, labels] = await Promise.all([counts.steps(filters), counts.stepThemes(filters), readThemeLabels(db)]);
    return journeyRows(steps, stepThemes, options.minCount ?? DEFAULT_MIN_COUNT, employeeFloor(filters, options), labels);
  },
  report: (db, scope, now, options, counts) => reportInSnapshot(db, scope, now, options, counts),
  moments: async (_db, scope, _now, options, counts) =>
    momentMatrixOf(await counts.momentCounts(staffScope(scope)), options.momentThresholds ?? DEFAULT_MOMENT_THRESHOLDS, minGroupOf(options)),
  enps: (db, scope, _now, options, counts) => employeeSummary(db, scope, options.minCount ?? 5, minGroupOf(options), counts),
  trend: async (db, scope, _now, options, counts) => {
    const filters = customerFilters(scope);
    const floor = employeeFloor(filters, options);
    const points = await npsTrend(db, filters, { grain: options.grain ?? 'month', theme: scope.theme }, counts.trend);
    return points.map((point) => ({ ...point, nps: floorNps(point.nps, floor) }));
  },
  root_cause: (db, scope, now, options, counts) => {
    if (scope.theme === undefined) throw new TypeError('Expected `scope.theme` for the `root_cause` section, got `undefined`');
    return computeRootCause(db, customerFilters(scope), scope.theme, now, { minGroup: minGroupOf(options), ...options.rootCause }, counts);
  },
  followups: (db, scope, now, options) => followupSla(db, customerFilters(scope), now, options.overdueList ?? 20),
};

function minGroupOf(options: ScopedReportOptions): number {
  return validateMinGroup(options.minGroup ?? DEFAULT_MIN_GROUP);
}

/** The anonymity floor of sections on these filters: employee answers only; customers have none. */
function employeeFloor(filters: ReportFilters, options: ScopedReportOptions): number | undefined {
  return filters.respondent === 'employee' ? minGroupOf(options) : undefined;
}

/**
 * The one way to the numbers of a viewer's scope (role scope and page filters, see
 * `ViewerScope`): the `sections` asked for, every one read inside one read-only
 * snapshot, so the sections of a page agree with each other and with `/api/report`
 * even while an enrichment writes. Sections run one after the other on the snapshot's
 * connection (each runs its own queries together), so a failing one (an unknown
 * theme) stops the transaction with nothing else in flight. With `options.replicaPath` the
 * summary, journey, report, moments, eNPS and trend are counted in the DuckDB replica synced to
 * that snapshot (as `buildReport`); root cause reads the source for its quotes, follow-ups the source.
 *
 * @example const { summary, trend } = await reportForScope(db, { role: { branch: 'Lyon' }, filters: {} }, ['summary', 'trend'], new Date())
 */
export async function reportForScope<const S extends ReportSection>(
  db: Kysely<Database>,
  scope: ViewerScope,
  sections: readonly S[],
  now: Date,
  options: ScopedReportOptions = {},
): Promise<Pick<ScopedReport, S>> {
  const build = async (snapshot: Kysely<Database>, counts: ReportCounts): Promise<Pick<ScopedReport, S>> => {
    const result: Partial<Record<ReportSection, unknown>> = {};
    for (const section of new Set(sections)) {
      const builder: SectionBuilder<ReportSection> = SECTIONS[section];
      result[section] = await builder(snapshot, scope, now, options, counts);
    }
    return result as Pick<ScopedReport, S>;
  };
  const { replicaPath } = options;
  if (replicaPath === undefined) return inReportSnapshot(db, (snapshot) => build(snapshot, sourceCounts(snapshot)));
  // Loaded on use, as in `buildReport`: the default engine never loads DuckDB's native binding.
  const [{ withReplica }, { replicaCounts }] = await Promise.all([import('../db/analytics-replica.js'), import('./replica-counts.js')]);
  return inReportSnapshot(db, (snapshot) => withReplica(snapshot, replicaPath, (replica) => build(snapshot, replicaCounts(replica, sourceCounts(snapshot)))));
}
