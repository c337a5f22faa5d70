import type { Kysely } from 'kysely';
import { reportForScope, type ReportSection, type ScopedReport, type ScopedReportOptions } from '../analysis/report-for-scope.js';
import { replicaFor } from '../analysis/report-engine-choice.js';
import type { ViewerScope } from '../analysis/viewer-scope.js';
import { InputError } from '../core/errors.js';
import type { Database } from '../db/schema.js';
import type { Scope } from '../db/tokens.table.js';
import { ApiError } from './errors.js';
import { toReportFilters, type ViewFilters } from './filters.js';

/**
 * The engine of the dashboard's and the API's reports: `{}` (the source), the DuckDB
 * replica's file, or that file from `replicaFromVerbatims` verbatims (`auto`, decided
 * for each computation, so a dashboard that grows past the size moves to the replica).
 */
export interface ReportEngineOptions {
  readonly replicaPath?: string;
  readonly replicaFromVerbatims?: number;
}

/** `{ replicaPath }` when the report should count on the replica now, else `{}`. */
export async function chosenEngine(db: Kysely<Database>, engine: ReportEngineOptions): Promise<{ replicaPath?: string }> {
  const { replicaPath, replicaFromVerbatims } = engine;
  if (replicaPath === undefined) return {};
  const chosen = await replicaFor(db, replicaFromVerbatims === undefined ? 'duckdb' : 'auto', replicaPath, replicaFromVerbatims);
  return chosen === undefined ? {} : { replicaPath: chosen };
}

/**
 * The viewer's scope as `analysis/` reads it: the filters of the request (already
 * `scoped`: the token's scope ANDed in), the token's scope as the role, the theme looked at.
 *
 * @example viewerScope(scoped(parseFilters(query), identity.scope), identity.scope, 'fees')
 */
export function viewerScope(filters: ViewFilters, role: Scope, theme?: string): ViewerScope {
  return { filters: toReportFilters(filters), role, ...(theme === undefined ? {} : { theme }) };
}

/**
 * `reportForScope` for a request: every number a route or a page shows comes from it.
 * An unknown theme (root cause) is a 404.
 *
 * @example const { summary } = await viewerReport(db, viewerScope(filters, identity.scope), ['summary'], now)
 */
export async function viewerReport<const S extends ReportSection>(
  db: Kysely<Database>,
  scope: ViewerScope,
  sections: readonly S[],
  now: Date,
  options: Omit<ScopedReportOptions, 'replicaPath'> & ReportEngineOptions = {},
): Promise<Pick<ScopedReport, S>> {
  try {
    const { replicaPath: _replica, replicaFromVerbatims: _from, ...reportOptions } = options;
    return await reportForScope(db, scope, sections, now, { ...reportOptions, ...(await chosenEngine(db, options)) });
  } catch (error) {
    if (error instanceof InputError) throw new ApiError('not_found', error.message);
    throw error;
  }
}
