import type { Kysely } from 'kysely';
import type { NewAlert } from '../db/alerts.table.js';
import type { Database } from '../db/schema.js';
import { baselineTest, metricOf, noiseFloor } from './alerts-metrics.js';
import { closedPeriods } from './alerts-periods.js';
import type { AlertRule, ChangeRule, EmergingRule, ThresholdRule } from './alerts-rules.js';
import { querySeries } from './alerts-series.js';
import { describe, eventOf, formatMetric, subjectOf } from './alerts-subject.js';
import { findEmerging } from './emerging.js';
import type { ReportFilters } from './report-filters.js';

function filtersOf(rule: AlertRule): ReportFilters {
  return { ...(rule.segments === undefined ? {} : { segments: rule.segments }), ...(rule.source === undefined ? {} : { source: rule.source }) };
}

/**
 * The events one rule raises for the last complete period before `now` (a pure read;
 * storing them is `raiseAlerts`). Run inside `inReportSnapshot` so every rule sees the same data.
 *
 * @example await evaluateRule(db, { id: 'fees', kind: 'spike', metric: 'volume', theme: '*', … }, now)
 */
export async function evaluateRule(db: Kysely<Database>, rule: AlertRule, now: Date): Promise<NewAlert[]> {
  switch (rule.kind) {
    case 'spike':
    case 'drop':
      return evaluateChange(db, rule, now);
    case 'threshold':
      return evaluateThreshold(db, rule, now);
    case 'emerging':
      return evaluateEmerging(db, rule, now);
  }
}

async function evaluateChange(db: Kysely<Database>, rule: ChangeRule, now: Date): Promise<NewAlert[]> {
  const periods = closedPeriods(now, rule.period, rule.baseline);
  const current = periods.at(-1);
  if (current === undefined) return [];
  const series = await querySeries(db, { filters: filtersOf(rule), granularity: rule.period, periods, theme: rule.theme });
  const events: NewAlert[] = [];
  for (const [theme, byPeriod] of series) {
    const latest = byPeriod.get(current.label);
    const measured = latest === undefined ? null : metricOf(rule.metric, latest);
    if (latest === undefined || measured === null) continue;
    const baseline = periods.slice(0, -1).flatMap((period) => {
      const aggregate = byPeriod.get(period.label);
      const value = aggregate === undefined ? null : metricOf(rule.metric, aggregate);
      return value === null ? [] : [value];
    });
    // Volume and share: enough verbatims now or usually (a drop goes *under* the minimum); a mean: enough now.
    const usualN = baseline.length === 0 ? 0 : baseline.reduce((sum, value) => sum + value.n, 0) / baseline.length;
    const volume = rule.metric === 'volume' || rule.metric === 'share' ? Math.max(measured.n, usualN) : measured.n;
    if (volume < rule.minVolume) continue;
    const test = baselineTest(measured.value, baseline.map((value) => value.value), (mean) => noiseFloor(rule.metric, mean, latest.commented));
    if (test === null) continue;
    if (rule.kind === 'spike' ? test.z < rule.z : test.z > -rule.z) continue;
    const subject = subjectOf(rule, theme === '' ? null : theme);
    const unit = rule.period === 'week' ? 'weeks' : 'months';
    const message = `${rule.kind === 'spike' ? 'Spike' : 'Drop'}: ${describe(rule.metric, subject)} ${formatMetric(rule.metric, measured.value)} in ${current.label}, against ${formatMetric(rule.metric, test.mean)} ± ${formatMetric(rule.metric, test.sd)} over the ${test.periods} previous ${unit} (z = ${test.z.toFixed(1)}, n = ${measured.n})`;
    events.push(eventOf(rule, rule.metric, subject, current, { value: measured.value, baseline: test.mean, z: test.z, n: measured.n, message }, now));
  }
  return events;
}

async function evaluateThreshold(db: Kysely<Database>, rule: ThresholdRule, now: Date): Promise<NewAlert[]> {
  const [current] = closedPeriods(now, rule.period, 0);
  if (current === undefined) return [];
  const series = await querySeries(db, { filters: filtersOf(rule), granularity: rule.period, periods: [current], theme: rule.theme });
  const events: NewAlert[] = [];
  for (const [theme, byPeriod] of series) {
    const aggregate = byPeriod.get(current.label);
    const measured = aggregate === undefined ? null : metricOf(rule.metric, aggregate);
    if (measured === null || measured.n < rule.minVolume) continue;
    const bound = rule.below ?? rule.above ?? 0;
    const breached = rule.below !== undefined ? measured.value < rule.below : measured.value > bound;
    if (!breached) continue;
    const subject = subjectOf(rule, theme === '' ? null : theme);
    const message = `Threshold: ${describe(rule.metric, subject)} ${formatMetric(rule.metric, measured.value)} in ${current.label}, ${rule.below !== undefined ? 'below' : 'above'} ${formatMetric(rule.metric, bound)} (n = ${measured.n})`;
    events.push(eventOf(rule, rule.metric, subject, current, { value: measured.value, baseline: bound, z: null, n: measured.n, message }, now));
  }
  return events;
}

/** Each theme `findEmerging` marks emerging, announced once (its key has no period): a new theme is news once. */
async function evaluateEmerging(db: Kysely<Database>, rule: EmergingRule, now: Date): Promise<NewAlert[]> {
  const [current] = closedPeriods(now, rule.period, 0);
  if (current === undefined) return [];
  const last = new Date(current.to.getTime() - 1);
  const found = await findEmerging(db, filtersOf(rule), last, { recentDays: rule.recentDays, baselineDays: rule.baselineDays, minCount: rule.minCount });
  if (found.windows === null) return [];
  const window = { label: current.label, from: new Date(found.windows.recent.from), to: current.to };
  return found.themes
    .filter((theme) => theme.emerging)
    .map((theme) => {
      const subject = subjectOf(rule, theme.theme);
      const was = theme.baseline_count === 0 ? 'new' : `${(theme.baseline_share * 100).toFixed(1)} % before`;
      const message = `Emerging: ${describe('share', subject)} ${(theme.recent_share * 100).toFixed(1)} % in the last ${rule.recentDays} days (${was}; ${theme.recent_count} verbatims, p = ${theme.p_value.toExponential(1)})`;
      return eventOf(rule, 'share', subject, window, { value: theme.recent_share, baseline: theme.baseline_share, z: null, n: theme.recent_count, message }, now, 'emerging');
    });
}
