import type { DriverRow, JourneyRow } from '../../analysis/report.js';
import { href } from '../filters.js';
import { html, type SafeHtml } from '../html.js';
import type { TrendPoint } from '../../analysis/nps-trend.js';
import { formatSigned, type DataTable } from '../table.js';

/**
 * Drivers as a table; theme labels link to the theme page (filters kept), and with
 * `verbatims` a second link in the theme cell opens the search listing the row's verbatims; the CSV keeps the ids.
 */
export function driversTable(drivers: readonly DriverRow[], params: URLSearchParams, caption = 'Theme drivers', verbatims?: (theme: string) => string): DataTable<DriverRow> {
  return {
    name: 'drivers',
    caption,
    rows: drivers,
    columns: [
      { key: 'theme', label: 'Theme', value: (d) => d.theme, cell: (d) => html`<a href="${href(`/themes/${encodeURIComponent(d.theme)}`, params)}" data-theme="${d.theme}">${d.label}</a>${verbatims === undefined ? '' : drillLink(verbatims(d.theme), d.count)}` },
      { key: 'count', label: 'Verbatims', numeric: true, value: (d) => d.count },
      { key: 'share', label: 'Share', numeric: true, value: (d) => d.share, cell: (d) => `${(d.share * 100).toFixed(1)} %` },
      { key: 'sentiment_score', label: 'Sentiment', numeric: true, value: (d) => d.sentiment_score, cell: (d) => formatSigned(d.sentiment_score) },
      { key: 'nps_with', label: 'NPS with', numeric: true, value: (d) => d.nps_with, cell: (d) => formatSigned(d.nps_with) },
      { key: 'nps_without', label: 'NPS without', numeric: true, value: (d) => d.nps_without, cell: (d) => formatSigned(d.nps_without) },
      { key: 'impact', label: 'Impact', numeric: true, value: (d) => d.impact, cell: (d) => html`<span class="${impactClass(d.impact)}">${formatSigned(d.impact)}</span>` },
      {
        key: 'ci95',
        label: '95 % interval',
        value: (d) => (d.ci95 === null ? null : `${d.ci95[0]}..${d.ci95[1]}`),
        cell: (d) => (d.ci95 === null ? '–' : `[${formatSigned(d.ci95[0])}, ${formatSigned(d.ci95[1])}]`),
      },
      { key: 'significant', label: 'Significant', value: (d) => d.significant, cell: (d) => (d.significant ? 'yes' : 'no') },
    ],
  };
}

/** The small "verbatims →" link a row carries to the verbatims it counts. */
export function drillLink(target: string, count: number): SafeHtml {
  return html` <a class="drill" href="${target}" data-count="${count}" title="Open these ${count} verbatims">verbatims →</a>`;
}

export function impactClass(impact: number | null): string {
  if (impact === null || impact === 0) return 'impact';
  return impact > 0 ? 'impact up' : 'impact down';
}

/** NPS and volume per period. */
export function trendTable(points: readonly TrendPoint[], caption = 'NPS over time'): DataTable<TrendPoint> {
  return {
    name: 'trend',
    caption,
    rows: points,
    columns: [
      { key: 'period', label: 'Period', value: (p) => p.period },
      { key: 'verbatims', label: 'Verbatims', numeric: true, value: (p) => p.verbatims },
      { key: 'n', label: 'Scored', numeric: true, value: (p) => p.nps.n },
      { key: 'nps', label: 'NPS', numeric: true, value: (p) => p.nps.score, cell: (p) => p.nps.withheld ?? formatSigned(p.nps.score) },
      { key: 'ci_low', label: 'CI low', numeric: true, value: (p) => p.nps.ci95?.[0] ?? null, cell: (p) => formatSigned(p.nps.ci95?.[0] ?? null) },
      { key: 'ci_high', label: 'CI high', numeric: true, value: (p) => p.nps.ci95?.[1] ?? null, cell: (p) => formatSigned(p.nps.ci95?.[1] ?? null) },
    ],
  };
}

/** NPS per journey step. */
export function stepsTable(journey: readonly JourneyRow[]): DataTable<JourneyRow> {
  return {
    name: 'steps',
    caption: 'NPS by journey step',
    rows: journey,
    columns: [
      { key: 'step', label: 'Step', value: (s) => s.step },
      { key: 'n', label: 'Verbatims', numeric: true, value: (s) => s.n },
      { key: 'nps', label: 'NPS', numeric: true, value: (s) => s.nps, cell: (s) => formatSigned(s.nps) },
    ],
  };
}

/** Chart data of the trend (NPS line, volume bars); `hrefs` (one a period) make the bars open their verbatims. */
export function trendChart(points: readonly TrendPoint[], hrefs?: (point: TrendPoint) => string): unknown {
  return {
    kind: 'trend',
    labels: points.map((p) => p.period.slice(0, 7)),
    nps: points.map((p) => p.nps.score),
    low: points.map((p) => p.nps.ci95?.[0] ?? null),
    high: points.map((p) => p.nps.ci95?.[1] ?? null),
    volume: points.map((p) => p.verbatims),
    ...(hrefs === undefined ? {} : { hrefs: points.map(hrefs) }),
  };
}

/** Chart data of driver impacts with their intervals, strongest first; `hrefs` (one a bar) open each theme's verbatims. */
export function driversChart(drivers: readonly DriverRow[], limit = 12, hrefs?: (theme: string) => string): unknown {
  const top = [...drivers]
    .filter((d) => d.impact !== null)
    .sort((a, b) => Math.abs(b.impact ?? 0) - Math.abs(a.impact ?? 0))
    .slice(0, limit);
  return {
    kind: 'drivers',
    labels: top.map((d) => d.label),
    impact: top.map((d) => d.impact),
    ci: top.map((d) => d.ci95),
    ...(hrefs === undefined ? {} : { hrefs: top.map((d) => hrefs(d.theme)) }),
  };
}

/**
 * The sentence a page shows under what it leaves out (`hiddenThemesNote` and the like);
 * nothing when it leaves nothing out.
 *
 * @example hiddenNote(hiddenThemesNote(5, 3)) // <p class="note hidden-themes">Themes with fewer than 5 verbatims are not shown (3 themes).</p>
 */
export function hiddenNote(text: string): SafeHtml | '' {
  return text === '' ? '' : html`<p class="note hidden-themes">${text}</p>`;
}
