import type { DistinctivePhrase } from './distinctive-phrases.js';
import type { OverRepresentedGroup } from './over-representation.js';
import type { DriverRow } from './report.js';
import type { CooccurringTheme } from './root-cause.js';
import type { Trends } from './trends.js';

/** One sentence of the root-cause summary and the section of the data it states. */
export interface SummarySentence {
  readonly text: string;
  /** `driver`, `cooccurring`, `phrases`, `journey`, `segments`, `trend` or `verbatims`. */
  readonly source: string;
}

export interface SummaryInput {
  readonly theme: string;
  readonly label: string;
  readonly commented: number;
  readonly driver: DriverRow | null;
  readonly cooccurring: readonly CooccurringTheme[];
  readonly phrases: readonly DistinctivePhrase[];
  readonly journey: readonly OverRepresentedGroup[];
  readonly segments: readonly OverRepresentedGroup[];
  readonly trend: Trends;
  readonly verbatims: readonly unknown[];
}

const pct = (share: number): string => `${(share * 100).toFixed(1)} %`;
const pts = (value: number): string => `${value > 0 ? '+' : ''}${value.toFixed(1)}`;

/**
 * Extractive summary: fixed sentence shapes filled with figures of the other
 * sections, written only when the data holds them (significant findings only).
 */
export function rootCauseSummary(input: SummaryInput): SummarySentence[] {
  const sentences: SummarySentence[] = [];
  const { driver } = input;
  const name = input.label === input.theme ? input.theme : `${input.label} (${input.theme})`;
  if (driver === null) return [{ text: `No verbatim in scope carries ${name}.`, source: 'driver' }];
  sentences.push({
    text: `${name} is in ${driver.count} of ${input.commented} commented verbatims (${pct(driver.share)}), mean sentiment ${driver.sentiment_score > 0 ? '+' : ''}${driver.sentiment_score.toFixed(2)}.`,
    source: 'driver',
  });
  if (driver.impact !== null && driver.ci95 !== null) {
    sentences.push({
      text:
        `NPS is ${pts(driver.nps_with ?? 0)} with it and ${pts(driver.nps_without ?? 0)} without it: impact ${pts(driver.impact)} points ` +
        `(95 % CI ${driver.ci95[0].toFixed(1)} to ${driver.ci95[1].toFixed(1)}), ${driver.significant ? 'significant' : 'not significant'}.`,
      source: 'driver',
    });
  }
  const cooccurring = input.cooccurring.filter((row) => row.significant).slice(0, 3);
  if (cooccurring.length > 0) {
    sentences.push({
      text: `It comes with ${cooccurring.map((row) => `${row.theme} (${row.count} verbatims, ${pct(row.share)} of them, lift ${row.lift === null ? '∞' : row.lift.toFixed(2)})`).join(', ')} more often than chance.`,
      source: 'cooccurring',
    });
  }
  const phrases = input.phrases.filter((row) => row.significant).slice(0, 5);
  if (phrases.length > 0) {
    sentences.push({
      text: `Phrases distinctive of its verbatims: ${phrases.map((row) => `“${row.phrase}” (${pct(row.target_share)} vs ${pct(row.reference_share)})`).join(', ')}.`,
      source: 'phrases',
    });
  }
  const steps = input.journey.filter((row) => row.significant).slice(0, 2);
  if (steps.length > 0) {
    sentences.push({
      text: `Over-represented at ${steps.map((row) => `${row.value} (${pct(row.theme_share)} of its verbatims vs ${pct(row.others_share)} of the others)`).join(' and ')}.`,
      source: 'journey',
    });
  }
  const segments = input.segments.filter((row) => row.significant).slice(0, 3);
  if (segments.length > 0) {
    sentences.push({
      text: `Over-represented in ${segments.map((row) => `${row.dimension} = ${row.value} (${pct(row.theme_share)} vs ${pct(row.others_share)})`).join(', ')}.`,
      source: 'segments',
    });
  }
  const points = input.trend.themes[0]?.points ?? [];
  const first = points[0];
  const last = points.at(-1);
  if (first !== undefined && last !== undefined && points.length > 1) {
    const peak = points.reduce((best, point) => (point.share > best.share ? point : best), first);
    sentences.push({
      text: `Its share of commented verbatims went from ${pct(first.share)} in ${first.period} to ${pct(last.share)} in ${last.period} (peak ${pct(peak.share)} in ${peak.period}).`,
      source: 'trend',
    });
  }
  if (input.verbatims.length > 0) sentences.push({ text: `${input.verbatims.length} representative verbatims follow, each with its score and the clause the theme was read from.`, source: 'verbatims' });
  return sentences;
}
