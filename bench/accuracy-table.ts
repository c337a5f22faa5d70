import type { EnrichmentScores } from './score-enrichment.js';

export type MetricName = Exclude<keyof EnrichmentScores, 'n'>;

/** One system's scores on a set: ours, a peer, a baseline. */
export interface ScoredSystem {
  readonly name: string;
  readonly scores: EnrichmentScores;
  /** The metrics this system predicts at all (default: every one); others print as `-`. */
  readonly predicts?: readonly MetricName[];
}

const TARGETS: Partial<Record<MetricName, number>> = {
  lang_acc: 0.98,
  lang_acc_short: 0.95,
  sent_macro_f1: 0.8,
  theme_micro_f1: 0.8,
  theme_sent_acc: 0.85,
  journey_acc: 0.75,
};

/**
 * A plain-text table: one row per metric, one column per system, then the target.
 * `journey_null_as_step` is an error rate (lower is better); every other metric is higher-is-better.
 */
export function formatComparison(title: string, metrics: readonly MetricName[], systems: readonly ScoredSystem[]): string {
  const width = Math.max(10, ...systems.map((system) => system.name.length + 2));
  const header = `${title.padEnd(24)}${systems.map((system) => system.name.padStart(width)).join('')}${'target'.padStart(8)}`;
  const rows = metrics.map((metric) => {
    const cells = systems.map((system) => {
      const value = system.scores[metric];
      if (system.predicts !== undefined && !system.predicts.includes(metric)) return '-'.padStart(width);
      return (value === null ? 'n/a' : value.toFixed(3)).padStart(width);
    });
    const target = TARGETS[metric];
    return `${metric.padEnd(24)}${cells.join('')}${(target === undefined ? '' : target.toFixed(2)).padStart(8)}`;
  });
  return [header, ...rows].join('\n');
}
