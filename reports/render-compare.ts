import type { CompareContribution, PeriodComparison, PeriodNps } from '../analysis/period-compare.js';
import type { ProportionChange } from '../analysis/period-compare-proportions.js';
import type { Report } from '../analysis/report.js';
import { alignTable, interval, npsText, percent, signed } from './format.js';
import { reportThemeLabel } from './theme-notes.js';

/** The report with the period comparison of `verbatim report --compare` (CONTRACT.md "comparison"). */
export type ComparedReport = Report & { readonly comparison?: PeriodComparison | null };

/** ▲ / ▼ when significant, else nothing. */
export function arrow(direction: 'up' | 'down' | null): string {
  return direction === 'up' ? '▲' : direction === 'down' ? '▼' : '';
}

function period(nps: PeriodNps): string {
  return `${nps.from.slice(0, 10)}..${nps.to.slice(0, 10)}`;
}

function nps(value: number | null): string {
  return value === null ? '—' : signed(value);
}

export function share(change: ProportionChange): string {
  return `${change.previous === null ? '—' : percent(change.previous)} → ${change.current === null ? '—' : percent(change.current)}`;
}

export function shift(change: ProportionChange): string {
  return change.change === null ? '—' : `${signed(change.change)} pt ${arrow(change.direction)}`.trimEnd();
}

export function contributionCells(row: CompareContribution): string[] {
  return [
    `${percent(row.share_previous)} → ${percent(row.share_current)}`,
    `${nps(row.nps_previous)} → ${nps(row.nps_current)}`,
    signed(row.volume_effect),
    signed(row.rate_effect),
    signed(row.total),
    interval(row.ci95),
    arrow(row.direction),
  ];
}

export function headline(c: PeriodComparison): string {
  return (
    `NPS ${npsText(c.previous)} (${period(c.previous)}, n=${c.previous.n}) → ${npsText(c.current)} (${period(c.current)}, n=${c.current.n}): ` +
  `change ${nps(c.change)} ${interval(c.change_ci95)} ${arrow(c.change_direction)}`.trimEnd()
  );
}

export const EXPLAIN =
  'volume: more or fewer answers on the theme; rate: the theme’s own NPS; an answer with k themes counts 1/k in each; ' +
  '95 % delta-method intervals, ▲/▼ = the interval excludes 0; `other` = untagged answers, smaller themes and rounding; the totals add up to the change.';

/** Said when the report is of employees: the comparison is of customers' NPS only. */
export const CUSTOMERS_ONLY = 'NPS of customers only (an employee theme per period would describe groups below the anonymity floor)';

/** The comparison section of the text report, themes by label; nothing without `--compare`. */
export function compareTextLines(report: ComparedReport): string[] {
  const { comparison } = report;
  const label = (theme: string): string => reportThemeLabel(report, theme);
  if (comparison === undefined) return [];
  if (comparison === null) return ['', `Period comparison: ${CUSTOMERS_ONLY}`];
  return [
    '',
    `Period comparison: ${headline(comparison)}`,
    EXPLAIN,
    alignTable([['theme', 'share', 'NPS', 'volume', 'rate', 'total', '95% CI', ''], ...comparison.contributions.map((row) => [label(row.theme), ...contributionCells(row)])]),
    '',
    'Theme share of commented verbatims and share of negative mentions (two-proportion z-test, ▲/▼ p < 0.05)',
    alignTable([['theme', 'share', 'change', 'negative', 'change'], ...comparison.themes.map((row) => [label(row.theme), share(row.volume_share), shift(row.volume_share), share(row.negative_share), shift(row.negative_share)])]),
  ];
}

/** The comparison section of the Markdown report, themes by label; `cell` escapes table cells. */
export function compareMarkdownLines(report: ComparedReport, cell: (text: string) => string): string[] {
  const { comparison } = report;
  const label = (theme: string): string => cell(reportThemeLabel(report, theme));
  if (comparison === undefined) return [];
  if (comparison === null) return ['## Period comparison', '', `${CUSTOMERS_ONLY}.`, ''];
  return [
    '## Period comparison',
    '',
    `${headline(comparison)}.`,
    '',
    `${EXPLAIN}`,
    '',
    '| theme | share | NPS | volume | rate | total | 95 % CI | |',
    '|---|---|---|---:|---:|---:|---|---|',
    ...comparison.contributions.map((row) => `| ${[label(row.theme), ...contributionCells(row)].join(' | ')} |`),
    '',
    '| theme | share | change | negative mentions | change |',
    '|---|---|---:|---|---:|',
    ...comparison.themes.map((row) => `| ${label(row.theme)} | ${share(row.volume_share)} | ${shift(row.volume_share)} | ${share(row.negative_share)} | ${shift(row.negative_share)} |`),
    '',
  ];
}
