import type { RatingBreakdown, RatingGroup } from '../../analysis/rating-breakdowns.js';
import { STARS } from '../../analysis/rating-summary.js';
import { formatNumber, type DataTable } from '../table.js';
import { starInterval, stars } from './rating-tables.js';

/** The table name of a breakdown (`?format=csv&table=…`): `rating_trend`, `rating_by_source`, `rating_by_branch` … */
export function ratingBreakdownTableName(breakdown: RatingBreakdown): string {
  return breakdown.kind === 'period' ? 'rating_trend' : `rating_by_${breakdown.dimension.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/**
 * One rating breakdown as a table: each period or group with its mean rating, 95 % t
 * interval, rated count and distribution (a group under the anonymity floor: n only).
 */
export function ratingBreakdownTable(breakdown: RatingBreakdown): DataTable<RatingGroup> {
  const caption = breakdown.kind === 'period' ? 'Average rating over time' : `Average rating by ${breakdown.dimension}`;
  return {
    name: ratingBreakdownTableName(breakdown),
    caption,
    rows: breakdown.groups,
    columns: [
      { key: 'value', label: breakdown.kind === 'period' ? 'Period' : breakdown.dimension, value: (g) => g.value },
      { key: 'n', label: 'Rated', numeric: true, value: (g) => g.rating.n, cell: (g) => formatNumber(g.rating.n) },
      { key: 'mean', label: 'Average rating', numeric: true, value: (g) => g.rating.mean, cell: (g) => g.rating.withheld ?? stars(g.rating.mean) },
      { key: 'ci95', label: '95 % interval', value: (g) => (g.rating.ci95 === null ? null : `${g.rating.ci95[0]}..${g.rating.ci95[1]}`), cell: (g) => starInterval(g.rating.ci95) },
      ...STARS.map((star) => ({ key: `stars_${star}`, label: `${star}★`, numeric: true, value: (g: RatingGroup) => (g.rating.withheld === undefined ? g.rating.distribution[star] : null) })),
    ],
  };
}
