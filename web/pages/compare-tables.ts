import type { CompareContribution, PeriodComparison, ThemeShift } from '../../analysis/period-compare.js';
import type { ProportionChange } from '../../analysis/period-compare-proportions.js';
import { themeLabel, type ThemeLabels } from '../../analysis/theme-labels.js';
import { href } from '../filters.js';
import { html, type SafeHtml } from '../html.js';
import { formatSigned, type DataTable } from '../table.js';
import { periodText } from './compare-period-text.js';
import { impactClass } from './report-tables.js';

/** One line of the waterfall: the reference NPS, a theme's contribution, or the current NPS. */
export interface WaterfallRow {
  readonly kind: 'start' | 'theme' | 'end';
  /** What the line shows: the period, or the theme's label (its id when the taxonomy names none). */
  readonly label: string;
  /** The NPS before and after this line (start and end: the same). */
  readonly before: number;
  readonly after: number;
  readonly contribution: CompareContribution | null;
}

const ARROWS = { up: '▲', down: '▼' } as const;

function arrow(direction: 'up' | 'down' | null): string {
  return direction === null ? '' : ARROWS[direction];
}

/** The waterfall's lines: start at the reference NPS, add each contribution (themes by label), end at the current NPS. */
export function waterfallRows(comparison: PeriodComparison, labels: ThemeLabels): WaterfallRow[] {
  const start = comparison.previous.score ?? 0;
  const rows: WaterfallRow[] = [{ kind: 'start', label: `NPS ${periodText(comparison.previous)}`, before: start, after: start, contribution: null }];
  let running = start;
  for (const row of comparison.contributions) {
    const before = running;
    running = Math.round((running + row.total) * 10) / 10;
    rows.push({ kind: 'theme', label: row.residual ? 'other (untagged, smaller themes)' : themeLabel(labels, row.theme), before, after: running, contribution: row });
  }
  const end = comparison.current.score ?? running;
  rows.push({ kind: 'end', label: `NPS ${periodText(comparison.current)}`, before: end, after: end, contribution: null });
  return rows;
}

const BAR = { width: 240, height: 14 } as const;

/** One row's bar, an inline SVG (geometry in attributes: the CSP allows no inline styles), on the scale of every line. */
function bar(row: WaterfallRow, [lo, hi]: readonly [number, number]): SafeHtml {
  const x = (value: number): number => Math.round(((value - lo) / (hi - lo || 1)) * BAR.width * 10) / 10;
  const [from, to] = row.kind === 'theme' ? [Math.min(row.before, row.after), Math.max(row.before, row.after)] : [Math.min(0, row.after), Math.max(0, row.after)];
  const kind = row.kind === 'theme' ? (row.after < row.before ? 'down' : 'up') : 'level';
  return html`<svg class="waterfall" width="${BAR.width}" height="${BAR.height}" viewBox="0 0 ${BAR.width} ${BAR.height}" aria-hidden="true"><line class="zero" x1="${x(0)}" x2="${x(0)}" y1="0" y2="${BAR.height}"></line><rect class="${kind}" x="${x(from)}" y="2" width="${Math.max(1, x(to) - x(from))}" height="${BAR.height - 4}"></rect></svg>`;
}

/**
 * The contributions as a waterfall table: each theme (by label, linked and exported by id)
 * with its volume, rate and total, its interval, ▲/▼, and its bar.
 */
export function waterfallTable(comparison: PeriodComparison, params: URLSearchParams, labels: ThemeLabels): DataTable<WaterfallRow> {
  const rows = waterfallRows(comparison, labels);
  const values = rows.flatMap((row) => [row.before, row.after, 0]);
  const scale = [Math.min(...values), Math.max(...values)] as const;
  const of = (row: WaterfallRow): CompareContribution | null => row.contribution;
  return {
    name: 'contributions',
    caption: 'Where the change came from: each theme’s contribution (volume = more or fewer answers on it, rate = its own NPS), adding up to the change',
    rows,
    columns: [
      {
        key: 'theme',
        label: 'Theme',
        value: (row) => of(row)?.theme ?? row.kind,
        cell: (row) => {
          const contribution = of(row);
          if (contribution === null || contribution.residual) return html`<span class="${row.kind}">${row.label}</span>`;
          return html`<a href="${href(`/themes/${encodeURIComponent(contribution.theme)}`, params)}">${row.label}</a>`;
        },
      },
      { key: 'share', label: 'Share before → now', value: (row) => shareText(of(row)) },
      { key: 'volume_effect', label: 'Volume', numeric: true, value: (row) => of(row)?.volume_effect ?? null, cell: (row) => formatSigned(of(row)?.volume_effect ?? null) },
      { key: 'rate_effect', label: 'Rate', numeric: true, value: (row) => of(row)?.rate_effect ?? null, cell: (row) => formatSigned(of(row)?.rate_effect ?? null) },
      {
        key: 'total',
        label: 'Contribution',
        numeric: true,
        value: (row) => of(row)?.total ?? null,
        cell: (row) => html`<span class="${impactClass(of(row)?.total ?? null)}">${formatSigned(of(row)?.total ?? null)}</span>`,
      },
      {
        key: 'ci95',
        label: '95 % interval',
        value: (row) => (row.contribution === null ? null : `${row.contribution.ci95[0]}..${row.contribution.ci95[1]}`),
        cell: (row) => (row.contribution === null ? '' : `[${formatSigned(row.contribution.ci95[0])}, ${formatSigned(row.contribution.ci95[1])}]`),
      },
      { key: 'direction', label: 'Significant', value: (row) => of(row)?.direction ?? null, cell: (row) => html`<span class="arrow ${of(row)?.direction ?? ''}">${arrow(of(row)?.direction ?? null)}</span>` },
      { key: 'running', label: 'NPS', numeric: true, value: (row) => row.after, cell: (row) => formatSigned(row.after) },
      { key: 'bar', label: 'Waterfall', value: () => null, cell: (row) => bar(row, scale) },
    ],
  };
}

function shareText(row: CompareContribution | null): string | null {
  return row === null ? null : `${(row.share_previous * 100).toFixed(1)} % → ${(row.share_current * 100).toFixed(1)} %`;
}

function proportion(change: ProportionChange): string {
  const pct = (value: number | null): string => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);
  return `${pct(change.previous)} → ${pct(change.current)}`;
}

/** Each theme's volume share and share of negative mentions in both periods, with the z-test's ▲/▼; themes by label (CSV: ids). */
export function shiftsTable(themes: readonly ThemeShift[], labels: ThemeLabels): DataTable<ThemeShift> {
  const change = (pick: (row: ThemeShift) => ProportionChange) => ({
    numeric: true,
    value: (row: ThemeShift) => pick(row).change,
    cell: (row: ThemeShift) => html`${formatSigned(pick(row).change)} pt <span class="arrow ${pick(row).direction ?? ''}">${arrow(pick(row).direction)}</span>`,
  });
  return {
    name: 'theme_shifts',
    caption: 'Theme volume and sentiment: share of commented verbatims and share of negative mentions (two-proportion z-test, ▲/▼ p < 0.05)',
    rows: themes,
    columns: [
      { key: 'theme', label: 'Theme', value: (row) => row.theme, cell: (row) => themeLabel(labels, row.theme) },
      { key: 'count_previous', label: 'Verbatims before', numeric: true, value: (row) => row.count_previous },
      { key: 'count_current', label: 'Verbatims now', numeric: true, value: (row) => row.count_current },
      { key: 'volume_share', label: 'Share', value: (row) => proportion(row.volume_share) },
      { key: 'volume_change', label: 'Change', ...change((row) => row.volume_share) },
      { key: 'negative_share', label: 'Negative mentions', value: (row) => proportion(row.negative_share) },
      { key: 'negative_change', label: 'Change', ...change((row) => row.negative_share) },
    ],
  };
}
