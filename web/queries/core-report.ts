import type { Kysely } from 'kysely';
import { driverImpact } from '../../analysis/driver-impact.js';
import { npsOf, total, type NpsSummary } from '../../analysis/nps.js';
import { driverRows, type DriverRow, type JourneyRow } from '../../analysis/report.js';
import type { ReportFilters } from '../../analysis/report-filters.js';
import { queryParentThemes, querySteps, queryStepThemes, queryThemes, queryTotals } from '../../analysis/report-queries.js';
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
  const [totals, themes, parentThemes, steps, stepThemes] = await Promise.all([
    queryTotals(db, filters),
    queryThemes(db, filters),
    queryParentThemes(db, filters),
    withJourney ? querySteps(db, filters) : Promise.resolve([]),
    withJourney ? queryStepThemes(db, filters) : Promise.resolve([]),
  ]);
  const journey = steps
    .map((step) => ({
      step: step.step,
      n: step.n,
      nps: npsOf(step).score,
      themes: stepThemes
        .filter((row) => row.step === step.step)
        .sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme))
        .map((row) => ({ theme: row.theme, count: row.count, impact: total(row) === 0 ? null : driverImpact(step, row).impact })),
    }))
    .sort((a, b) => b.n - a.n || a.step.localeCompare(b.step));
  return {
    verbatims: totals.verbatims,
    commented: totals.commented,
    enriched: totals.enriched,
    nps: npsOf(totals),
    // Parent themes roll up their sub-themes, as in buildReport.
    drivers: driverRows(totals, [...themes, ...parentThemes.filter((parent) => !themes.some((theme) => theme.theme === parent.theme))], options.minCount ?? 5),
    journey,
  };
}
