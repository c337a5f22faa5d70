import type { PeriodNps } from '../analysis/period-compare.js';
import type { ProportionChange } from '../analysis/period-compare-proportions.js';
import type { ComparedReport } from './render-compare.js';
import { reportThemeLabel } from './theme-notes.js';

/** One row of cells; `csv` (render-csv.ts) defuses and quotes them. */
type Rows = (readonly unknown[])[];

const PERIOD_HEADER = ['period', 'from', 'to', 'n', 'nps', 'nps_ci95_low', 'nps_ci95_high', 'change', 'change_ci95_low', 'change_ci95_high', 'change_direction'];
const CONTRIBUTION_HEADER = [
  'theme', 'label', 'residual', 'share_previous', 'share_current', 'nps_previous', 'nps_current',
  'volume_effect', 'rate_effect', 'total', 'ci95_low', 'ci95_high', 'significant', 'direction',
];
const SHIFT_HEADER = [
  'theme', 'label', 'count_previous', 'count_current',
  'share_previous', 'share_current', 'share_change', 'share_direction',
  'negative_previous', 'negative_current', 'negative_change', 'negative_direction',
];

const orEmpty = (value: number | string | null): number | string => value ?? '';
const proportion = (change: ProportionChange): (number | string)[] => [orEmpty(change.previous), orEmpty(change.current), orEmpty(change.change), orEmpty(change.direction)];
const periodRow = (name: string, nps: PeriodNps): (number | string)[] => [name, nps.from, nps.to, nps.n, orEmpty(nps.score), orEmpty(nps.ci95?.[0] ?? null), orEmpty(nps.ci95?.[1] ?? null)];

/**
 * The comparison of `report --compare --format csv --out DIR` as three tables: the two
 * periods and the change, the theme contributions, the theme shares; themes by id and
 * label. Nothing without `--compare`; headers only for an employee report (no comparison).
 */
export function compareCsvTables(report: ComparedReport, csv: (rows: Rows) => string): Record<string, string> {
  const { comparison } = report;
  if (comparison === undefined) return {};
  const label = (theme: string): string => reportThemeLabel(report, theme);
  const change = comparison === null ? [] : [orEmpty(comparison.change), orEmpty(comparison.change_ci95?.[0] ?? null), orEmpty(comparison.change_ci95?.[1] ?? null), orEmpty(comparison.change_direction)];
  return {
    'comparison-periods.csv': csv([PERIOD_HEADER, ...(comparison === null ? [] : [[...periodRow('previous', comparison.previous), '', '', '', ''], [...periodRow('current', comparison.current), ...change]])]),
    'comparison-contributions.csv': csv([
      CONTRIBUTION_HEADER,
      ...(comparison?.contributions ?? []).map((row) => [
        row.theme, label(row.theme), row.residual, row.share_previous, row.share_current, orEmpty(row.nps_previous), orEmpty(row.nps_current),
        row.volume_effect, row.rate_effect, row.total, row.ci95[0], row.ci95[1], row.significant, orEmpty(row.direction),
      ]),
    ]),
    'comparison-themes.csv': csv([
      SHIFT_HEADER,
      ...(comparison?.themes ?? []).map((row) => [row.theme, label(row.theme), row.count_previous, row.count_current, ...proportion(row.volume_share), ...proportion(row.negative_share)]),
    ]),
  };
}
