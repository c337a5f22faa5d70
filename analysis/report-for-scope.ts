import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { DEFAULT_MIN_GROUP, floorNps, validateMinGroup } from './anonymity-floor.js';
import { followupSla, type FollowupSla } from './followup-sla.js';
import { buildMomentMatrix, DEFAULT_MOMENT_THRESHOLDS, type MomentMatrix } from './moment-matrix.js';
import { npsOf, type NpsSummary } from './nps.js';
import { npsTrend, type TrendGrain, type TrendPoint } from './nps-trend.js';
import { DEFAULT_MIN_COUNT, driverRows, employeeSummary, hiddenThemeCount, journeyRows, reportInSnapshot, type DriverRow, type EmployeeSummary, type HiddenThemes, type JourneyRow, type Report, type ReportOptions } from './report.js';
import { readThemeLabels } from './theme-labels.js';
import type { ReportFilters } from './report-filters.js';
import { querySteps, queryStepThemes, queryThemes, queryTotals } from './report-queries.js';
import { inReportSnapshot } from './report-snapshot.js';
import { ratingSection, type RatingSection } from './rating-report.js';
import { buildRootCause, type RootCause, type RootCauseOptions } from './root-cause.js';
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

type SectionBuilder<K extends ReportSection> = (db: Kysely<Database>, scope: ViewerScope, now: Date, options: ScopedReportOptions) => Promise<ScopedReport[K]>;

/** How each section is computed, on a snapshot handle. */
const SECTIONS: { readonly [K in ReportSection]: SectionBuilder<K> } = {
  summary: async (db, scope, _now, options) => {
    const filters = customerFilters(scope);
    const floor = employeeFloor(filters, options);
    const minCount = options.minCount ?? DEFAULT_MIN_COUNT;
    const [totals, themes, labels] = await Promise.all([queryTotals(db, filters), queryThemes(db, filters), readThemeLabels(db)]);
    const ratings = await ratingSection(db, filters, totals.ratings, minCount, floor);
    const { verbatims, commented, enriched } = totals;
    const hiddenThemes = { min_count: minCount, drivers: hiddenThemeCount(themes, minCount) };
    return { verbatims, commented, enriched, nps: floorNps(npsOf(totals), floor), drivers: driverRows(totals, themes, minCount, floor, labels), hidden_themes: hiddenThemes, ...ratings };
  },
  journey: async (db, scope, _now, options) => {
    const filters = customerFilters(scope);
    const [steps, stepThemes, labels] = await Promise.all([querySteps(db, filters), queryStepThemes(db, filters), readThemeLabels(db)]);
    return journeyRows(steps, stepThemes, options.minCount ?? DEFAULT_MIN_COUNT, employeeFloor(filters, options), labels);
  },
  report: (db, scope, now, options) => reportInSnapshot(db, scope, now, options),
  moments: (db, scope, _now, options) =>
    buildMomentMatrix(db, staffScope(scope), options.momentThresholds ?? DEFAULT_MOMENT_THRESHOLDS, minGroupOf(options)),
  enps: (db, scope, _now, options) => employeeSummary(db, scope, options.minCount ?? 5, minGroupOf(options)),
  trend: async (db, scope, _now, options) => {
    const filters = customerFilters(scope);
    const floor = employeeFloor(filters, options);
    const points = await npsTrend(db, filters, { grain: options.grain ?? 'month', theme: scope.theme });
    return points.map((point) => ({ ...point, nps: floorNps(point.nps, floor) }));
  },
  root_cause: (db, scope, now, options) => {
    if (scope.theme === undefined) throw new TypeError('Expected `scope.theme` for the `root_cause` section, got `undefined`');
    return buildRootCause(db, customerFilters(scope), scope.theme, now, { minGroup: minGroupOf(options), ...options.rootCause });
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
 * theme) stops the transaction with nothing else in flight.
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
  return inReportSnapshot(db, async (snapshot) => {
    const result: Partial<Record<ReportSection, unknown>> = {};
    for (const section of new Set(sections)) {
      const build: SectionBuilder<ReportSection> = SECTIONS[section];
      result[section] = await build(snapshot, scope, now, options);
    }
    return result as Pick<ScopedReport, S>;
  });
}
