import type { Kysely } from 'kysely';
import { comparePeriods, type PeriodComparison } from '../analysis/period-compare.js';
import { parseAgainst, type Against } from '../analysis/period-compare-periods.js';
import type { ViewerScope } from '../analysis/viewer-scope.js';
import type { Database } from '../db/schema.js';
import type { ReportCache } from './data-version.js';
import { chosenEngine, type ReportEngineOptions } from './viewer-report.js';
import { ApiError } from './errors.js';
import { single, type RawQuery } from './filters.js';

/**
 * `against` of a query: `previous` (default) or FROM..TO; anything else is a 400.
 *
 * @example againstParam({ against: '2026-01-01..2026-02-01' }) // { from: '2026-01-01', to: '2026-02-01' }
 */
export function againstParam(query: RawQuery): Against {
  const text = single(query, 'against') ?? 'previous';
  try {
    return parseAgainst(text);
  } catch (error) {
    throw new ApiError('bad_request', `query parameter \`against\`: ${(error as Error).message}`);
  }
}

/**
 * The period comparison of a viewer's scope (role scope ANDed in by `viewerScope`),
 * memoized until the data changes. A period the scope cannot measure is a 400.
 *
 * @example const comparison = await scopedComparison(db, cache, viewerScope(filters, identity.scope), 'previous', now, 5)
 */
export async function scopedComparison(
  db: Kysely<Database>,
  cache: ReportCache,
  scope: ViewerScope,
  against: Against,
  now: Date,
  minCount: number,
  engine: ReportEngineOptions = {},
): Promise<PeriodComparison | null> {
  // The engine is not in the key: both count the same numbers.
  return cache.get(`compare:${JSON.stringify([scope, against, minCount])}`, async () => {
    try {
      return await comparePeriods(db, scope, against, now, { ...(await chosenEngine(db, engine)), minCount });
    } catch (error) {
      if (error instanceof RangeError) throw new ApiError('bad_request', error.message);
      throw error;
    }
  });
}

/**
 * The period of `/api/report?compare_from=&compare_to=` (CONTRACT.md): none when both
 * are absent; one without the other, or not a period, is a 400.
 *
 * @example reportCompareParam({ compare_from: '2026-01-01', compare_to: '2026-02-01' }) // { from: '2026-01-01', to: '2026-02-01' }
 */
export function reportCompareParam(query: RawQuery): Against | undefined {
  const from = single(query, 'compare_from');
  const to = single(query, 'compare_to');
  if (from === undefined && to === undefined) return undefined;
  if (from === undefined || to === undefined) throw new ApiError('bad_request', 'query parameters `compare_from` and `compare_to` go together');
  try {
    return parseAgainst(`${from}..${to}`);
  } catch (error) {
    throw new ApiError('bad_request', `query parameters \`compare_from\`, \`compare_to\`: ${(error as Error).message}`);
  }
}
