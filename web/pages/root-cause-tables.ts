import type { RootCause } from '../../analysis/root-cause.js';
import { NO_THEME_LABELS, themeLabel, type ThemeLabels } from '../../analysis/theme-labels.js';
import { href } from '../filters.js';
import { html } from '../html.js';
import { formatSigned, type AnyTable, type DataTable } from '../table.js';

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
const ratio = (value: number | null) => (value === null ? '∞' : `×${value.toFixed(2)}`);

/** The sections of a root cause as tables (shown and downloadable); themes by label, ids in the CSV. */
export function rootCauseTables(rc: RootCause, params: URLSearchParams, labels: ThemeLabels = NO_THEME_LABELS): AnyTable[] {
  const cooccurring: DataTable<RootCause['cooccurring'][number]> = {
    name: 'cooccurring',
    caption: 'Said together with',
    rows: rc.cooccurring.slice(0, 10),
    columns: [
      { key: 'theme', label: 'Theme', value: (r) => r.theme, cell: (r) => html`<a href="${href(`/themes/${encodeURIComponent(r.theme)}`, params)}" data-theme="${r.theme}">${themeLabel(labels, r.theme)}</a>` },
      { key: 'count', label: 'Both', numeric: true, value: (r) => r.count },
      { key: 'share', label: 'Share', numeric: true, value: (r) => r.share, cell: (r) => pct(r.share) },
      { key: 'lift', label: 'Lift', numeric: true, value: (r) => r.lift, cell: (r) => ratio(r.lift) },
      { key: 'significant', label: 'Sig.', value: (r) => r.significant, cell: (r) => (r.significant ? 'yes' : '') },
    ],
  };
  const phrases: DataTable<RootCause['phrases'][number]> = {
    name: 'phrases',
    caption: 'Distinctive phrases',
    rows: rc.phrases,
    columns: [
      { key: 'phrase', label: 'Phrase', value: (r) => r.phrase, cell: (r) => html`<a href="${href('/search', params, { q: r.phrase, theme: rc.theme })}">${r.phrase}</a>` },
      { key: 'target_share', label: 'In theme', numeric: true, value: (r) => r.target_share, cell: (r) => pct(r.target_share) },
      { key: 'reference_share', label: 'Elsewhere', numeric: true, value: (r) => r.reference_share, cell: (r) => pct(r.reference_share) },
      { key: 'ratio', label: 'Ratio', numeric: true, value: (r) => r.ratio, cell: (r) => ratio(r.ratio) },
      { key: 'significant', label: 'Sig.', value: (r) => r.significant, cell: (r) => (r.significant ? 'yes' : '') },
    ],
  };
  const groups = (name: string, caption: string, rows: RootCause['journey']): DataTable<RootCause['journey'][number]> => ({
    name,
    caption,
    rows: rows.slice(0, 10),
    columns: [
      { key: 'dimension', label: 'Dimension', value: (r) => r.dimension, csvOnly: name === 'journey' },
      { key: 'value', label: name === 'journey' ? 'Step' : 'Value', value: (r) => r.value },
      { key: 'theme_share', label: 'Of the theme', numeric: true, value: (r) => r.theme_share, cell: (r) => pct(r.theme_share) },
      { key: 'others_share', label: 'Of the rest', numeric: true, value: (r) => r.others_share, cell: (r) => pct(r.others_share) },
      { key: 'ratio', label: 'Ratio', numeric: true, value: (r) => r.ratio, cell: (r) => ratio(r.ratio) },
      { key: 'significant', label: 'Sig.', value: (r) => r.significant, cell: (r) => (r.significant ? 'yes' : '') },
    ],
  });
  return [cooccurring, phrases, groups('journey', 'Over-represented journey steps', rc.journey), groups('segments', 'Over-represented segments and sources', rc.segments)];
}

type TrendPoint = NonNullable<RootCause['trend']['themes'][number]>['points'][number];

/** The theme period by period: volume, share, sentiment, impact with its interval. */
export function themeTrendTable(rc: RootCause): DataTable<TrendPoint> {
  return {
    name: 'trend',
    caption: `${rc.label} over time (by ${rc.trend.granularity})`,
    rows: rc.trend.themes[0]?.points ?? [],
    columns: [
      { key: 'period', label: 'Period', value: (p) => p.period },
      { key: 'count', label: 'Verbatims', numeric: true, value: (p) => p.count },
      { key: 'share', label: 'Share', numeric: true, value: (p) => p.share, cell: (p) => pct(p.share) },
      { key: 'sentiment_score', label: 'Sentiment', numeric: true, value: (p) => p.sentiment_score, cell: (p) => formatSigned(p.sentiment_score) },
      { key: 'impact', label: 'Impact', numeric: true, value: (p) => p.impact, cell: (p) => formatSigned(p.impact) },
      { key: 'ci95', label: '95 % interval', value: (p) => (p.ci95 === null ? null : `${p.ci95[0]}..${p.ci95[1]}`), cell: (p) => (p.ci95 === null ? '–' : `[${formatSigned(p.ci95[0])}, ${formatSigned(p.ci95[1])}]`) },
    ],
  };
}

/** Chart data: the theme's volume (bars) and impact with its interval (line), period by period. */
export function themeTrendChart(rc: RootCause): unknown {
  const points = rc.trend.themes[0]?.points ?? [];
  return {
    kind: 'trend',
    line: 'Impact on NPS',
    labels: points.map((p) => p.period),
    nps: points.map((p) => p.impact),
    low: points.map((p) => p.ci95?.[0] ?? null),
    high: points.map((p) => p.ci95?.[1] ?? null),
    volume: points.map((p) => p.count),
  };
}
