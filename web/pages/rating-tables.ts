import type { RatingDriverRow } from '../../analysis/rating-drivers.js';
import { NO_THEME_LABELS, themeLabel, type ThemeLabels } from '../../analysis/theme-labels.js';
import { STARS, type RatingSummary } from '../../analysis/rating-summary.js';
import { href } from '../filters.js';
import { html, type SafeHtml } from '../html.js';
import { formatNumber, type DataTable } from '../table.js';
import { impactClass } from './report-tables.js';

/** A rating figure to 2 decimals (a tenth of a star is too coarse on 1..5); an en dash for null. */
export function stars(value: number | null, signedValue = false): string {
  if (value === null) return '–';
  const text = value.toFixed(2);
  return signedValue && value > 0 ? `+${text}` : text;
}

export function starInterval(ci: readonly [number, number] | null): string {
  return ci === null ? '–' : `[${stars(ci[0])}, ${stars(ci[1])}]`;
}

/**
 * The star-rating headline card (mean, 95 % interval, distribution); nothing when the
 * scope has no rating. Figures carry `data-value` for tests and scripts.
 */
export function ratingCard(rating: RatingSummary | null): SafeHtml {
  if (rating === null) return html``;
  const distribution = rating.withheld === undefined ? STARS.map((star) => `${star}★ ${formatNumber(rating.distribution[star])}`).join(' · ') : 'ratings of groups this small are not shown';
  return html`<div class="card" id="card-rating"><div class="label">Average rating (of 5)</div><div class="value" data-value="${rating.mean === null ? '' : String(rating.mean)}">${rating.withheld ?? stars(rating.mean)}</div>
<div class="sub">95 % interval <span data-key="ci95" data-value="${rating.ci95 === null ? '' : rating.ci95.join(',')}">${starInterval(rating.ci95)}</span> · <span data-key="n" data-value="${rating.n}">${formatNumber(rating.n)}</span> rated</div>
<div class="sub" data-key="distribution">${distribution}</div></div>`;
}

/** Rating drivers as a table; theme labels link to the theme page (filters kept); the CSV keeps the ids. */
export function ratingDriversTable(drivers: readonly RatingDriverRow[], params: URLSearchParams, labels: ThemeLabels = NO_THEME_LABELS): DataTable<RatingDriverRow> {
  return {
    name: 'rating_drivers',
    caption: 'Rating drivers (mean rating with the theme − without it)',
    rows: drivers,
    columns: [
      { key: 'theme', label: 'Theme', value: (d) => d.theme, cell: (d) => html`<a href="${href(`/themes/${encodeURIComponent(d.theme)}`, params)}">${themeLabel(labels, d.theme)}</a>` },
      { key: 'count', label: 'Rated verbatims', numeric: true, value: (d) => d.count },
      { key: 'share', label: 'Share', numeric: true, value: (d) => d.share, cell: (d) => `${(d.share * 100).toFixed(1)} %` },
      { key: 'rating_with', label: 'Rating with', numeric: true, value: (d) => d.rating_with, cell: (d) => stars(d.rating_with) },
      { key: 'rating_without', label: 'Rating without', numeric: true, value: (d) => d.rating_without, cell: (d) => stars(d.rating_without) },
      { key: 'impact', label: 'Impact', numeric: true, value: (d) => d.impact, cell: (d) => html`<span class="${impactClass(d.impact)}">${stars(d.impact, true)}</span>` },
      { key: 'ci95', label: '95 % interval (Welch)', value: (d) => (d.ci95 === null ? null : `${d.ci95[0]}..${d.ci95[1]}`), cell: (d) => starInterval(d.ci95) },
      { key: 'significant', label: 'Significant', value: (d) => d.significant, cell: (d) => (d.significant ? 'yes' : 'no') },
    ],
  };
}
