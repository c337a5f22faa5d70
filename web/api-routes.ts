import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { DEFAULT_MIN_GROUP } from '../analysis/anonymity-floor.js';
import { TREND_GRAINS, type TrendGrain } from '../analysis/nps-trend.js';
import type { Database } from '../db/schema.js';
import { listTokens } from '../db/tokens.table.js';
import { exportRecord } from '../reports/export.js';
import { bearerAuth, identityOf, requireRole } from './auth.js';
import type { DataCache } from './data-version.js';
import { reportCompareParam, scopedComparison } from './compare-query.js';
import { ApiError } from './errors.js';
import type { TokenConcurrency } from './limits.js';
import { parseFilters, scoped, single, type RawQuery } from './filters.js';
import { listScopedFollowups } from './queries/followups-list.js';
import { MAX_PAGE_SIZE, pageVerbatims } from './queries/verbatims-page.js';
import { viewerReport, viewerScope, type ReportEngineOptions } from './viewer-report.js';

export interface ApiRouteOptions {
  readonly db: Kysely<Database>;
  readonly now: () => Date;
  /** Report results kept until the data changes. */
  readonly cache: DataCache;
  /** The anonymity floor of employee groups (default 5). */
  readonly minGroup?: number;
  /** Where the report's aggregates are counted (`ReportOptions.replicaPath`): the DuckDB replica when set (`VERBATIM_REPORT_ENGINE=duckdb`), else the source. */
  readonly engine?: ReportEngineOptions;
  /** Reports and trends in flight per token (429 beyond). */
  readonly expensive: TokenConcurrency;
}

/** A whole number in [1, max] from the query, or the default. */
export function limitParam(query: RawQuery, name: string, fallback: number, max: number): number {
  const value = single(query, name);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max) {
    throw new ApiError('bad_request', `query parameter \`${name}\`: expected a whole number from 1 to ${max}, got \`${value}\``);
  }
  return number;
}

/**
 * The HTTP API of CONTRACT.md (`/api/report`, `/api/verbatims`) and a few more
 * read routes, all behind `Authorization: Bearer`, all filtered by the token's scope.
 * Every number comes from `analysis/` (`viewerReport`); only listings are queried here.
 */
export function registerApi(app: FastifyInstance, options: ApiRouteOptions): void {
  const { db, now, cache, expensive } = options;
  const minGroup = options.minGroup ?? DEFAULT_MIN_GROUP;
  const engine = options.engine ?? {};
  const auth = bearerAuth(db, now);

  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  app.get('/api/report', { preHandler: auth }, async (request) => {
    const query = request.query as RawQuery;
    const { scope, id } = identityOf(request);
    const filters = scoped(parseFilters(query), scope);
    const theme = single(query, 'theme');
    const minCount = limitParam(query, 'min_count', 5, 1_000_000);
    const compareWith = reportCompareParam(query);
    const report = await cache.get(
      `report:${JSON.stringify([filters, scope, minCount, theme])}`,
      async () => {
        const asked = viewerScope(filters, scope, theme);
        if (theme === undefined) return (await viewerReport(db, asked, ['report'], now(), { ...engine, minCount, minGroup })).report;
        const { report, root_cause } = await viewerReport(db, asked, ['report', 'root_cause'], now(), { ...engine, minCount, minGroup });
        return { ...report, root_cause };
      },
      (work) => expensive.run(id, work),
    );
    if (compareWith === undefined) return report;
    // CONTRACT.md "comparison": the scope's period against compare_from..compare_to.
    const gated = cache.gated((work) => expensive.run(id, work));
    return { ...report, comparison: await scopedComparison(db, gated, viewerScope(filters, scope), compareWith, now(), minCount, engine) };
  });

  app.get('/api/verbatims', { preHandler: auth }, async (request) => {
    const query = request.query as RawQuery;
    const filters = scoped(parseFilters(query), identityOf(request).scope);
    const page = await pageVerbatims(
      db,
      { ...filters, theme: single(query, 'theme'), q: single(query, 'q') },
      { limit: limitParam(query, 'limit', 50, MAX_PAGE_SIZE), cursor: single(query, 'cursor'), minGroup },
    );
    return { records: page.verbatims.map(exportRecord), next_cursor: page.nextCursor };
  });

  app.get('/api/trend', { preHandler: auth }, async (request) => {
    const query = request.query as RawQuery;
    const { scope, id } = identityOf(request);
    const filters = scoped(parseFilters(query), scope);
    const grain = single(query, 'grain') ?? 'month';
    if (!(TREND_GRAINS as readonly string[]).includes(grain)) {
      throw new ApiError('bad_request', `query parameter \`grain\`: expected one of ${TREND_GRAINS.join(', ')}, got \`${grain}\``);
    }
    const theme = single(query, 'theme');
    return cache.get(
      `trend:${JSON.stringify([filters, scope, grain, theme])}`,
      async () => ({
        trend: (await viewerReport(db, viewerScope(filters, scope, theme), ['trend'], now(), { ...engine, grain: grain as TrendGrain, minGroup })).trend,
      }),
      (work) => expensive.run(id, work),
    );
  });

  app.get('/api/followups', { preHandler: auth }, async (request) => {
    const query = request.query as RawQuery;
    const { scope } = identityOf(request);
    const filters = scoped(parseFilters(query), scope);
    const [followups, { followups: sla }] = await Promise.all([
      listScopedFollowups(db, filters, now(), { limit: limitParam(query, 'limit', 200, 5_000) }),
      viewerReport(db, viewerScope(filters, scope), ['followups'], now(), { ...engine, overdueList: 0, minGroup }),
    ]);
    const { overdue_list: _list, ...figures } = sla;
    return { sla: figures, followups };
  });

  app.get('/api/tokens', { preHandler: [auth, requireRole('admin')] }, async () => ({ tokens: await listTokens(db) }));
}
