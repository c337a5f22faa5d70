import type { AnalyticsReplica } from '../db/analytics-replica.js';
import { replicaBreakdowns } from './replica-breakdowns.js';
import { replicaCooccurrence } from './replica-cooccurrence.js';
import { replicaEmergingCounts } from './replica-emerging.js';
import { replicaGroupMoments } from './replica-group-moments.js';
import { replicaMomentCounts } from './replica-moment-counts.js';
import { replicaPhraseCounts } from './replica-phrase-counts.js';
import { replicaRatingThemes } from './replica-rating-themes.js';
import { replicaSegmentKeyStats } from './replica-segment-keys.js';
import { replicaUntaggedSample } from './replica-untagged.js';
import { replicaThemeMoments } from './replica-theme-moments.js';
import { replicaThemeSample } from './replica-theme-sample.js';
import { replicaTrend } from './replica-trend.js';
import { MAX_MASK_THEMES } from './theme-moments.js';
import { replicaDateRange, replicaDistributions, replicaSteps, replicaStepThemes, replicaThemes, replicaTotals } from './replica-queries.js';
import type { ReportCounts } from './report-counts.js';

/**
 * The report's counts from the DuckDB analytics replica (`syncReplica`): the same
 * shapes as `sourceCounts`, so the report's maths runs unchanged on them. What is not
 * ported yet is asked of `source` (the key drivers of a taxonomy beyond 62 themes).
 *
 * @example await withReplica(snapshot, file, (replica) => reportInSnapshot(snapshot, scope, now, options, replicaCounts(replica, sourceCounts(snapshot))))
 */
export function replicaCounts(replica: AnalyticsReplica, source: ReportCounts): ReportCounts {
  const { connection } = replica;
  return onceEach({
    totals: (filters) => replicaTotals(connection, filters),
    themes: (filters) => replicaThemes(connection, filters),
    steps: (filters) => replicaSteps(connection, filters),
    stepThemes: (filters) => replicaStepThemes(connection, filters),
    distributions: (filters) => replicaDistributions(connection, filters),
    dateRange: (filters) => replicaDateRange(connection, filters),
    breakdowns: (filters, dimensions, granularity) => replicaBreakdowns(connection, filters, dimensions, granularity),
    themeMoments: (filters, themes) => (themes.length <= MAX_MASK_THEMES ? replicaThemeMoments(connection, filters, themes) : source.themeMoments(filters, themes)),
    segmentKeyStats: (filters) => replicaSegmentKeyStats(connection, filters),
    ratingThemes: (filters) => replicaRatingThemes(connection, filters),
    momentCounts: (scope) => replicaMomentCounts(connection, scope),
    emergingCounts: (filters, windows) => replicaEmergingCounts(connection, filters, windows),
    untaggedSample: (filters, maxSample) => replicaUntaggedSample(connection, filters, maxSample),
    phraseCounts: (request) => replicaPhraseCounts(connection, request),
    groupMoments: (filters, shown) => replicaGroupMoments(connection, filters, shown),
    cooccurrence: (filters, theme) => replicaCooccurrence(connection, filters, theme),
    trend: (filters, grain, theme) => replicaTrend(connection, filters, grain, theme),
    themeSample: (filters, theme, limit) => replicaThemeSample(connection, filters, theme, limit),
  });
}

/**
 * `counts` answering each question once: a page that shows the report and a root cause (the
 * theme page, `/api/report?theme=`) asks the replica for the same breakdowns, totals and segment
 * keys twice (≈ 0.5–0.7 s at 1M). A question is its method and arguments as JSON; every caller
 * gets its own copy of the answer, so none sees another's changes. Lives as long as `counts`: one
 * report, on one replica version.
 */
function onceEach(counts: ReportCounts): ReportCounts {
  const answers = new Map<string, Promise<unknown>>();
  const once =
    <A extends unknown[], R>(method: string, ask: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      const key = JSON.stringify([method, args]);
      let answer = answers.get(key) as Promise<R> | undefined;
      if (answer === undefined) {
        answer = ask(...args);
        answers.set(key, answer);
      }
      return answer.then((value) => structuredClone(value));
    };
  return Object.fromEntries(Object.entries(counts).map(([method, ask]) => [method, once(method, ask as (...args: unknown[]) => Promise<unknown>)])) as unknown as ReportCounts;
}
