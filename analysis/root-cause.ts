import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { segmentKeysOf, type Dimension } from './breakdown-queries.js';
import { distinctivePhrases, type DistinctivePhrase } from './distinctive-phrases.js';
import { contingencyTest } from './log-likelihood.js';
import { round } from './nps.js';
import { overRepresentedGroups, type OverRepresentedGroup } from './over-representation.js';
import { defaultGranularity, type PeriodGranularity } from './periods.js';
import { DEFAULT_MIN_GROUP, validateMinGroup } from './anonymity-floor.js';
import { driverRows, type DriverRow } from './report.js';
import type { ReportFilters } from './report-filters.js';
import { knownThemeLabel } from '../db/theme-label.js';
import { sourceCounts, type ReportCounts } from './report-counts.js';
import { inReportSnapshot } from './report-snapshot.js';
import { representativeVerbatims, type RepresentativeVerbatim } from './representative-verbatims.js';
import { rootCauseSummary, type SummarySentence } from './root-cause-summary.js';
import { buildTrends, type Trends } from './trends.js';

/** Another theme found in the same verbatims. */
export interface CooccurringTheme {
  readonly theme: string;
  /** Verbatims with both themes. */
  readonly count: number;
  /** count / the theme's verbatims. */
  readonly share: number;
  /** share / the other theme's share among the rest of the commented verbatims. */
  readonly lift: number | null;
  readonly g2: number;
  readonly p_value: number;
  readonly significant: boolean;
}

/** What a product owner reads about one theme: why it is there, where, since when, in customers' words. */
export interface RootCause {
  readonly generated_at: string;
  readonly filters: ReportFilters;
  readonly theme: string;
  /** The taxonomy label, or the id when the taxonomy is not stored. */
  readonly label: string;
  readonly commented: number;
  /** The theme's driver figures against the whole scope (null when it has no verbatim in scope). */
  readonly driver: DriverRow | null;
  /** Extractive summary: every sentence names the section and the figures it comes from. */
  readonly summary: readonly SummarySentence[];
  readonly cooccurring: readonly CooccurringTheme[];
  readonly phrases: readonly DistinctivePhrase[];
  readonly phrases_sampled: boolean;
  readonly journey: readonly OverRepresentedGroup[];
  readonly segments: readonly OverRepresentedGroup[];
  readonly trend: Trends;
  readonly verbatims: readonly RepresentativeVerbatim[];
}

export interface RootCauseOptions {
  readonly granularity?: PeriodGranularity;
  readonly segmentKeys?: readonly string[];
  /** Representative verbatims (default 5). */
  readonly verbatims?: number;
  /** Anonymity floor for an employee root cause (default 5): driver figures and trend points of fewer answers are withheld. */
  readonly minGroup?: number;
  /**
   * Opt-in engine, as `ReportOptions.replicaPath`: totals, themes, date range, segment choice
   * the breakdowns (journey, segments, trend) and the distinctive phrases counted in the DuckDB
   * replica at this path, co-occurrence and the quotes' sample too; only the sampled quotes (≤ 300 rows,
   * by primary key) are read from the source.
   */
  readonly replicaPath?: string;
}

/**
 * The root-cause summary of one theme, from SQL aggregates plus a bounded sample of
 * its verbatims for the quotes. Throws `InputError` for a theme id that is neither in
 * the taxonomy nor on any verbatim.
 *
 * @example const rc = await buildRootCause(db, {}, 'fees_pricing', new Date()); rc.summary[0]?.text
 */
export async function buildRootCause(db: Kysely<Database>, filters: ReportFilters, theme: string, now: Date, options: RootCauseOptions = {}): Promise<RootCause> {
  const { replicaPath } = options;
  if (replicaPath === undefined) return inReportSnapshot(db, (snapshot) => computeRootCause(snapshot, filters, theme, now, options, sourceCounts(snapshot)));
  // Loaded on use: the default engine never loads DuckDB's native binding.
  const [{ withReplica }, { replicaCounts }] = await Promise.all([import('../db/analytics-replica.js'), import('./replica-counts.js')]);
  return inReportSnapshot(db, (snapshot) =>
    withReplica(snapshot, replicaPath, (replica) => computeRootCause(snapshot, filters, theme, now, options, replicaCounts(replica, sourceCounts(snapshot)))),
  );
}

/**
 * `buildRootCause` on a handle that is already a report snapshot, counting with `counts`
 * (the source's, or the replica's that a scoped report opened): what `reportForScope`'s
 * `root_cause` section calls, so it counts where the rest of the report does.
 */
export async function computeRootCause(db: Kysely<Database>, filters: ReportFilters, theme: string, now: Date, options: RootCauseOptions, counts: ReportCounts): Promise<RootCause> {
  // Read on the source while the counts run (an early report's source waits for its snapshot); awaited before any figure is used.
  const labelRead = knownThemeLabel(db, theme);
  labelRead.catch(() => undefined);
  const totals = await counts.totals(filters);
  const [themes, range, segmentKeys] = await Promise.all([
    counts.themes(filters),
    counts.dateRange(filters),
    options.segmentKeys === undefined ? counts.segmentKeyStats(filters, totals.verbatims).then((stats) => segmentKeysOf(stats)) : Promise.resolve([...options.segmentKeys]),
  ]);
  const aggregate = themes.find((row) => row.theme === theme);
  const floor = filters.respondent === 'employee' ? validateMinGroup(options.minGroup ?? DEFAULT_MIN_GROUP) : undefined;
  const driver = aggregate === undefined ? null : (driverRows(totals, [aggregate], 1, floor)[0] ?? null);
  const themeCount = aggregate?.count ?? 0;
  const granularity = options.granularity ?? defaultGranularity(range.first, range.last);
  const dimensions: Dimension[] = [
    { name: 'journey', kind: 'journey' },
    { name: 'source', kind: 'source' },
    { name: 'period', kind: 'period' },
    ...segmentKeys.filter((key) => !['journey', 'source', 'period'].includes(key)).map((key): Dimension => ({ name: key, kind: 'segment' })),
  ];
  const [pairs, breakdowns, phraseCounts, label] = await Promise.all([
    counts.cooccurrence(filters, theme),
    counts.breakdowns(filters, dimensions, granularity),
    counts.phraseCounts({ filters, sides: { kind: 'theme', theme } }),
    labelRead,
  ]);
  const cooccurring = pairs
    .map(({ theme: other, count }) => {
      const otherTotal = themes.find((row) => row.theme === other)?.count ?? count;
      const rest = totals.commented - themeCount;
      const test = contingencyTest(count, themeCount, Math.min(otherTotal - count, rest), rest);
      return {
        theme: other,
        count,
        share: themeCount === 0 ? 0 : round(count / themeCount, 4),
        lift: Number.isFinite(test.ratio) ? round(test.ratio, 2) : null,
        g2: round(test.g2, 2),
        p_value: test.p_value,
        significant: test.p_value < 0.05 / Math.max(1, pairs.length) && test.ratio > 1,
      };
    })
    .sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme));
  const phrases = distinctivePhrases(phraseCounts, 12);
  const groupsOf = (dimension: string) => breakdowns.groups.filter((group) => group.dimension === dimension);
  const journey = overRepresentedGroups(theme, themeCount, totals.commented, groupsOf('journey'), breakdowns.themes);
  const segments = overRepresentedGroups(
    theme,
    themeCount,
    totals.commented,
    breakdowns.groups.filter((group) => group.dimension.startsWith('segment:') || group.dimension === 'source'),
    breakdowns.themes,
  ).map((row) => ({ ...row, dimension: row.dimension.replace(/^segment:/, '') }));
  const trend = buildTrends(granularity, groupsOf('period'), breakdowns.themes.filter((row) => row.dimension === 'period'), [theme], floor);
  // The candidates are picked where the counts are (the replica spares the source a join of the theme's rows to its whole table).
  const pick = (scope: ReportFilters, sampled: string, limit: number) => counts.themeSample(scope, sampled, limit);
  const verbatims = await representativeVerbatims(db, filters, theme, phrases.map((phrase) => phrase.phrase), options.verbatims ?? 5, pick);
  const partial = { theme, label, commented: totals.commented, driver, cooccurring, phrases, journey, segments, trend, verbatims };
  return {
    generated_at: now.toISOString(),
    filters,
    ...partial,
    phrases_sampled: phraseCounts.sampled,
    summary: rootCauseSummary(partial),
  };
}
