import type { MomentScope } from './moment-matrix.js';
import type { ReportFilters } from './report-filters.js';

/**
 * Everything that decides which rows a viewer's numbers come from. Two layers, because
 * they do not reach the same rows: the page's `filters` describe customers (a customer
 * segment, an NPS category) and so narrow the customer sections only, while the `role`
 * (a token limited to a branch) bounds every section, the staff side of the moment
 * matrix and the eNPS included. Without the second layer a viewer scoped to one branch
 * would read every branch's staff scores.
 *
 * @example const scope: ViewerScope = { role: { branch: 'Lyon' }, filters: { from: '2026-01-01' }, theme: 'fees' }
 */
export interface ViewerScope {
  /** The segment values the viewer is limited to (a token's scope); none: everything. */
  readonly role?: Readonly<Record<string, string>>;
  /** The page's filters: dates, segments, source, language, journey step, NPS category, respondent. */
  readonly filters: ReportFilters;
  /**
   * The theme the viewer looks at (sub-themes included): the root cause explains it and
   * the NPS trend keeps to its verbatims; the other sections cover every theme.
   */
  readonly theme?: string;
}

/**
 * The filters of the customer (or respondent's) sections: the page's filters with the
 * role ANDed in. The role wins over a page segment of the same key; the web refuses
 * such a request before (`out_of_scope`), so it never silently widens.
 *
 * @example customerFilters({ role: { branch: 'Lyon' }, filters: { lang: 'fr' } }) // { lang: 'fr', segments: { branch: 'Lyon' } }
 */
export function customerFilters(scope: ViewerScope): ReportFilters {
  const segments = { ...scope.filters.segments, ...scope.role };
  return Object.keys(segments).length === 0 ? scope.filters : { ...scope.filters, segments };
}

/**
 * The rows of the staff-side sections (moment matrix, eNPS): the period of the page's
 * filters and the role, nothing else (employees carry other segments than customers).
 *
 * @example staffScope({ role: { branch: 'Lyon' }, filters: { from: '2026-01-01', lang: 'fr' } }) // { from: '2026-01-01', segments: { branch: 'Lyon' } }
 */
export function staffScope(scope: ViewerScope): MomentScope {
  const { from, to } = scope.filters;
  return {
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(scope.role === undefined || Object.keys(scope.role).length === 0 ? {} : { segments: scope.role }),
  };
}
