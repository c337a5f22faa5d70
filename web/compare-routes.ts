import type { FastifyInstance } from 'fastify';
import { limitParam, type ApiRouteOptions } from './api-routes.js';
import { bearerAuth, identityOf } from './auth.js';
import { againstParam, scopedComparison } from './compare-query.js';
import { parseFilters, scoped, type RawQuery } from './filters.js';
import { viewerScope } from './viewer-report.js';

/**
 * `GET /api/compare?from=&to=&against=previous|FROM..TO&min_count=` and every filter of
 * `/api/report`: `{ "comparison": … }` (the report JSON's `comparison` block), behind
 * `Authorization: Bearer`, within the token's scope.
 */
export function registerCompareApi(app: FastifyInstance, options: ApiRouteOptions): void {
  const { db, now, cache, expensive, engine } = options;
  const auth = bearerAuth(db, now);
  app.get('/api/compare', { preHandler: auth }, async (request) => {
    const query = request.query as RawQuery;
    const { scope, id } = identityOf(request);
    const asked = viewerScope(scoped(parseFilters(query), scope), scope);
    const against = againstParam(query);
    const minCount = limitParam(query, 'min_count', 5, 1_000_000);
    const gated = cache.gated((work) => expensive.run(id, work));
    return { comparison: await scopedComparison(db, gated, asked, against, now(), minCount, engine) };
  });
}
