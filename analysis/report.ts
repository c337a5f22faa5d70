import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { driverImpact } from './driver-impact.js';
import { npsOf, round, total, type NpsSummary } from './nps.js';
import type { ReportFilters } from './report-filters.js';
import { queryDistributions, querySteps, queryStepThemes, queryThemes, queryTotals } from './report-queries.js';

/** One driver row of the report (CONTRACT.md "Report JSON"). */
export interface DriverRow {
  readonly theme: string;
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
  readonly themes: readonly { readonly theme: string; readonly count: number; readonly impact: number | null }[];
}

/** The report JSON of CONTRACT.md, extended with volumes and distributions. */
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
}

export interface ReportOptions {
  /** Themes with fewer verbatims are left out of drivers (too few to say anything). */
  readonly minCount?: number;
}

/**
 * Builds the report from SQL aggregates only (no verbatim rows are loaded), so it
 * costs the same few queries on 1,000 or 1,000,000 verbatims.
 *
 * @example const report = await buildReport(db, { from: '2026-01-01' }, new Date())
 */
export async function buildReport(db: Kysely<Database>, filters: ReportFilters, now: Date, options: ReportOptions = {}): Promise<Report> {
  const minCount = options.minCount ?? 5;
  const [totals, themes, steps, stepThemes, distributions] = await Promise.all([
    queryTotals(db, filters),
    queryThemes(db, filters),
    querySteps(db, filters),
    queryStepThemes(db, filters),
    queryDistributions(db, filters),
  ]);
  const drivers: DriverRow[] = themes
    .filter((theme) => theme.count >= minCount)
    .map((theme) => ({
      theme: theme.theme,
      count: theme.count,
      share: totals.commented === 0 ? 0 : round(theme.count / totals.commented, 4),
      sentiment_score: round(theme.sentimentScore, 3),
      positive: theme.positive,
      negative: theme.negative,
      ...driverImpact(totals, theme),
    }));
  const journey: JourneyRow[] = steps
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
    generated_at: now.toISOString(),
    filters,
    verbatims: totals.verbatims,
    commented: totals.commented,
    enriched: totals.enriched,
    nps: npsOf(totals),
    drivers,
    journey,
    languages: distributions.languages,
    sentiment: distributions.sentiment,
  };
}
