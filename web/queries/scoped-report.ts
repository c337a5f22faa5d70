import type { Kysely } from 'kysely';
import { npsOf } from '../../analysis/nps.js';
import { buildReport, driverRows, type Report, type ReportOptions } from '../../analysis/report.js';
import { queryThemes, queryTotals } from '../../analysis/report-queries.js';
import type { Database } from '../../db/schema.js';
import type { Scope } from '../../db/tokens.table.js';
import { toReportFilters, type ViewFilters } from '../filters.js';
import { scopedMomentMatrix } from './moment-matrix.js';

/**
 * `buildReport` for a token. `filters` already carry the scope, which covers every
 * section built on them; two sections of `buildReport` keep only the period of the
 * filters (the moment matrix, and the eNPS of employees, who carry other segments
 * than customers), so for a scoped token they are rebuilt on the period AND the scope.
 * Without this, a viewer scoped to one branch would read every branch's staff scores.
 *
 * @example await scopedReport(db, scoped(parseFilters(query), identity.scope), identity.scope, now())
 */
export async function scopedReport(db: Kysely<Database>, filters: ViewFilters, scope: Scope, now: Date, options: ReportOptions = {}): Promise<Report> {
  const report = await buildReport(db, toReportFilters(filters), now, options);
  if (Object.keys(scope).length === 0) return report;
  const period = { from: filters.from, to: filters.to };
  const customer = (filters.respondent ?? 'customer') === 'customer';
  const employees = { ...toReportFilters({ segments: scope, ...(period.from === undefined ? {} : { from: period.from }), ...(period.to === undefined ? {} : { to: period.to }) }), respondent: 'employee' as const };
  const [moments, enps] = await Promise.all([
    scopedMomentMatrix(db, period, scope, report.moments.thresholds),
    customer ? employeeSummary(db, employees, options.minCount ?? 5) : Promise.resolve(null),
  ]);
  return { ...report, moments, enps };
}

/** eNPS and employee drivers, as `buildReport` computes them. */
async function employeeSummary(db: Kysely<Database>, filters: Parameters<typeof queryTotals>[1], minCount: number): Promise<Report['enps']> {
  const [totals, themes] = await Promise.all([queryTotals(db, filters), queryThemes(db, filters)]);
  if (totals.verbatims === 0) return null;
  return { nps: npsOf(totals), drivers: driverRows(totals, themes, minCount) };
}
