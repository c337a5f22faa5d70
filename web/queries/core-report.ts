import type { Kysely } from 'kysely';
import { npsOf, type NpsSummary } from '../../analysis/nps.js';
import { driverRows, journeyRows, type DriverRow, type JourneyRow } from '../../analysis/report.js';
import type { ReportFilters } from '../../analysis/report-filters.js';
import { querySteps, queryStepThemes, queryThemes, queryTotals } from '../../analysis/report-queries.js';
import type { Database } from '../../db/schema.js';

/** The part of the report the dashboard pages show: volumes, NPS, drivers, journey. */
export interface CoreReport {
  readonly verbatims: number;
  readonly commented: number;
  readonly enriched: number;
  readonly nps: NpsSummary;
  readonly drivers: readonly DriverRow[];
  readonly journey: readonly JourneyRow[];
}

/**
 * Those sections of `buildReport`, from the same queries and the same functions (so
 * the page shows the API's numbers), without the heavier views the pages do not draw.
 *
 * @example (await coreReport(db, { segments: { branch: 'Lyon' } })).drivers
 */
export async function coreReport(db: Kysely<Database>, filters: ReportFilters, options: { minCount?: number; journey?: boolean } = {}): Promise<CoreReport> {
  const withJourney = options.journey ?? false;
  const minCount = options.minCount ?? 5;
  // Parent themes roll up their sub-themes in the queries themselves, as in buildReport.
  const [totals, themes, steps, stepThemes] = await Promise.all([
    queryTotals(db, filters),
    queryThemes(db, filters),
    withJourney ? querySteps(db, filters) : Promise.resolve([]),
    withJourney ? queryStepThemes(db, filters) : Promise.resolve([]),
  ]);
  return {
    verbatims: totals.verbatims,
    commented: totals.commented,
    enriched: totals.enriched,
    nps: npsOf(totals),
    drivers: driverRows(totals, themes, minCount),
    journey: journeyRows(steps, stepThemes, minCount),
  };
}
