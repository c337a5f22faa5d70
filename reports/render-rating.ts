import type { Report } from '../analysis/report.js';
import type { RatingDriverRow } from '../analysis/rating-drivers.js';
import { STARS, type RatingSummary } from '../analysis/rating-summary.js';
import { alignTable, percent, signed } from './format.js';
import { escapeHtml } from './html-escape.js';
import { htmlTable, para } from './html-page.js';
import { reportThemeLabel } from './theme-notes.js';

/**
 * The star-rating sections of the text, Markdown and HTML reports: the headline (mean,
 * interval, distribution) and the rating drivers. Nothing when the scope has no rating.
 * Ratings read to 2 decimals (a tenth of a star is too coarse on a 1..5 scale).
 */

const IMPACT_NOTE = 'impact = mean rating with the theme − mean rating without it; * = the Welch 95 % interval excludes 0';

/** `3.25 / 5`, or what stands in its place when withheld. */
export function ratingText(rating: RatingSummary): string {
  return rating.withheld ?? (rating.mean === null ? '—' : `${rating.mean.toFixed(2)} / 5`);
}

function starInterval(ci: readonly [number, number] | null): string {
  return ci === null ? '—' : `[${ci[0].toFixed(2)}, ${ci[1].toFixed(2)}]`;
}

/** `n = 8: 1★ 1, 2★ 2, …`, or `n = 2` alone when withheld. */
function ratingCounts(rating: RatingSummary): string {
  if (rating.withheld !== undefined) return `n = ${rating.n}`;
  return `n = ${rating.n}: ${STARS.map((star) => `${star}★ ${rating.distribution[star]}`).join(', ')}`;
}

function driverCells(d: RatingDriverRow): string[] {
  return [String(d.count), percent(d.share), d.rating_with?.toFixed(2) ?? '—', d.rating_without?.toFixed(2) ?? '—', `${signed(d.impact, 2)}${d.significant ? ' *' : ''}`, starInterval(d.ci95)];
}

const DRIVER_HEADERS = ['count', 'share', 'rating with', 'rating without', 'impact', '95% CI'] as const;

/** The terminal report's rating lines: after the headline, and the drivers table. */
export function ratingTextLines(report: Report): { readonly headline: string[]; readonly drivers: string[] } {
  const { rating } = report;
  if (rating === null) return { headline: [], drivers: [] };
  const headline = [`Rating ${ratingText(rating)}  95% CI ${starInterval(rating.ci95)}  ${ratingCounts(rating)}`];
  if (report.rating_drivers.length === 0) return { headline, drivers: [] };
  return {
    headline,
    drivers: ['', `Themes by rating (${IMPACT_NOTE})`, alignTable([['theme', ...DRIVER_HEADERS], ...report.rating_drivers.map((d) => [reportThemeLabel(report, d.theme), ...driverCells(d)])])],
  };
}

/** The Markdown report's rating headline and section. `cell` escapes a table cell. */
export function ratingMarkdown(report: Report, cell: (text: string) => string): { readonly headline: string[]; readonly section: string[] } {
  const { rating } = report;
  if (rating === null) return { headline: [], section: [] };
  return {
    headline: [`**Rating ${ratingText(rating)}** (95 % CI ${starInterval(rating.ci95)}, ${ratingCounts(rating)}).`],
    section: [
      '## Rating drivers',
      '',
      `Star ratings: ${IMPACT_NOTE}.`,
      '',
      `| theme | ${DRIVER_HEADERS.join(' | ')} |`,
      '|---|---:|---:|---:|---:|---:|---|',
      ...report.rating_drivers.map((d) => `| ${cell(reportThemeLabel(report, d.theme))} | ${driverCells(d).join(' | ')} |`),
      '',
    ],
  };
}

/** The HTML report's rating headline and section (every text escaped by `htmlTable` / `para`). */
export function ratingHtml(report: Report): { readonly headline: string[]; readonly section: string[] } {
  const { rating } = report;
  if (rating === null) return { headline: [], section: [] };
  return {
    headline: [`<p class="headline" id="rating"><strong>${escapeHtml(`Rating ${ratingText(rating)}`)}</strong> ${escapeHtml(`95 % CI ${starInterval(rating.ci95)}, ${ratingCounts(rating)}`)}</p>`],
    section: [
      '<h2 id="rating-drivers">Rating drivers</h2>',
      para(`Star ratings: ${IMPACT_NOTE}.`),
      htmlTable(['theme', ...DRIVER_HEADERS], report.rating_drivers.map((d) => [reportThemeLabel(report, d.theme), ...driverCells(d)]), new Set([1, 2, 3, 4, 5])),
    ],
  };
}
