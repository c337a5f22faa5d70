import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { followupSla } from '../analysis/followup-sla.js';
import type { Database } from '../db/schema.js';
import { listTokens } from '../db/tokens.table.js';
import { exportRecord } from '../reports/export.js';
import { bearerAuth, identityOf, requireRole } from './auth.js';
import type { DataCache } from './data-version.js';
import { ApiError } from './errors.js';
import { parseFilters, scoped, single, toReportFilters, type RawQuery } from './filters.js';
import { listScopedFollowups } from './queries/followups-list.js';
import { rootCauseOf } from './queries/root-cause.js';
import { scopedReport } from './queries/scoped-report.js';
import { npsTrend, TREND_GRAINS, type TrendGrain } from './queries/nps-trend.js';
import { MAX_PAGE_SIZE, pageVerbatims } from './queries/verbatims-page.js';

export interface ApiRouteOptions {
  readonly db: Kysely<Database>;
  readonly now: () => Date;
  /** Report results kept until the data changes. */
  readonly cache: DataCache;
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
 */
export function registerApi(app: FastifyInstance, options: ApiRouteOptions): void {
  const { db, now, cache } = options;
  const auth = bearerAuth(db);

  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  app.get('/api/report', { preHandler: auth }, async (request) => {
    const query = request.query as RawQuery;
    const { scope } = identityOf(request);
    const filters = scoped(parseFilters(query), scope);
    const theme = single(query, 'theme');
    const minCount = limitParam(query, 'min_count', 5, 1_000_000);
    return cache.get(`report:${JSON.stringify([filters, scope, minCount, theme])}`, async () => {
      const report = await scopedReport(db, filters, scope, now(), { minCount });
      if (theme === undefined) return report;
      return { ...report, root_cause: await rootCauseOf(db, filters, theme, now()) };
    });
  });

  app.get('/api/verbatims', { preHandler: auth }, async (request) => {
    const query = request.query as RawQuery;
    const filters = scoped(parseFilters(query), identityOf(request).scope);
    const page = await pageVerbatims(
      db,
      { ...filters, theme: single(query, 'theme'), q: single(query, 'q') },
      { limit: limitParam(query, 'limit', 50, MAX_PAGE_SIZE), cursor: single(query, 'cursor') },
    );
    return { records: page.verbatims.map(exportRecord), next_cursor: page.nextCursor };
  });

  app.get('/api/trend', { preHandler: auth }, async (request) => {
    const query = request.query as RawQuery;
    const filters = scoped(parseFilters(query), identityOf(request).scope);
    const grain = single(query, 'grain') ?? 'month';
    if (!(TREND_GRAINS as readonly string[]).includes(grain)) {
      throw new ApiError('bad_request', `query parameter \`grain\`: expected one of ${TREND_GRAINS.join(', ')}, got \`${grain}\``);
    }
    const theme = single(query, 'theme');
    return cache.get(`trend:${JSON.stringify([filters, grain, theme])}`, async () => ({
      trend: await npsTrend(db, toReportFilters(filters), { grain: grain as TrendGrain, theme }),
    }));
  });

  app.get('/api/followups', { preHandler: auth }, async (request) => {
    const query = request.query as RawQuery;
    const filters = scoped(parseFilters(query), identityOf(request).scope);
    const [followups, sla] = await Promise.all([
      listScopedFollowups(db, filters, now(), { limit: limitParam(query, 'limit', 200, 5_000) }),
      followupSla(db, toReportFilters(filters), now(), 0),
    ]);
    const { overdue_list: _list, ...figures } = sla;
    return { sla: figures, followups };
  });

  app.get('/api/tokens', { preHandler: [auth, requireRole('admin')] }, async () => ({ tokens: await listTokens(db) }));
}
