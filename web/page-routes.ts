import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { DEFAULT_MIN_GROUP } from '../analysis/anonymity-floor.js';
import type { Database } from '../db/schema.js';
import type { Scope } from '../db/tokens.table.js';
import { identityOf, sessionAuth } from './auth.js';
import type { DataCache } from './data-version.js';
import { ApiError } from './errors.js';
import type { TokenConcurrency } from './limits.js';
import { checked, filterParams, parseFilters, scoped, single, type RawQuery } from './filters.js';
import { dashboardPage } from './pages/layout.js';
import type { PageHandler } from './pages/page.js';
import type { ReportEngineOptions } from './viewer-report.js';
import { queryFilterOptions, type FilterOptions } from './queries/filter-options.js';
import { tableCsvChunks } from './table.js';

export interface PageRouteOptions {
  readonly db: Kysely<Database>;
  readonly now: () => Date;
  /** Aggregates kept until the data changes (shared with the API). */
  readonly cache: DataCache;
  /** The anonymity floor of employee groups (default 5). */
  readonly minGroup?: number;
  /** Where the report's aggregates are counted (`ReportOptions.replicaPath`): the DuckDB replica when set (`VERBATIM_REPORT_ENGINE=duckdb`), else the source. */
  readonly engine?: ReportEngineOptions;
  /** Pages in flight per token (429 beyond): every page computes aggregates. */
  readonly expensive?: TokenConcurrency;
}

/** The dashboard's GET pages: path → handler. */
export type PageTable = Readonly<Record<string, PageHandler>>;

/**
 * Registers each page behind the session check. `?format=csv&table=NAME` answers the
 * named table of the page as CSV instead (same query, same rows; a list the page shows
 * a page of, such as verbatims, comes whole, streamed).
 */
export function registerPages(app: FastifyInstance, pages: PageTable, options: PageRouteOptions): void {
  const { db, now, cache, expensive } = options;
  const auth = sessionAuth(db, now);
  const filterOptions = (scope: Scope): Promise<FilterOptions> => cache.get(`options:${JSON.stringify(scope)}`, () => queryFilterOptions(db, scope, options.engine ?? {}));

  for (const [path, handler] of Object.entries(pages)) {
    app.get(path, { preHandler: auth }, async (request: FastifyRequest, reply: FastifyReply) => {
      const identity = identityOf(request);
      for (const [name, value] of Object.entries(request.params as Record<string, string>)) checked(name, value);
      const query = request.query as RawQuery;
      const asked = parseFilters(query);
      const filters = scoped(asked, identity.scope);
      const format = single(query, 'format');
      const context = {
        db,
        // Only computations (cache misses) take one of the token's slots for expensive views.
        cache: expensive === undefined ? cache : cache.gated((work) => expensive.run(identity.id, work)),
        now: now(),
        minGroup: options.minGroup ?? DEFAULT_MIN_GROUP,
        engine: options.engine ?? {},
        identity,
        filters,
        params: filterParams(asked),
        query,
        routeParams: request.params as Record<string, string>,
        path: request.url.split('?')[0] ?? path,
        csrf: reply.generateCsrf(),
        acceptLanguage: request.headers['accept-language'],
        options: format === 'csv' ? { sources: [], languages: [], journeys: [], segments: [], themes: [] } : await filterOptions(identity.scope),
      };
      const page = await handler(context);
      reply.header('cache-control', 'no-store');
      if (format === 'csv') {
        const name = single(query, 'table') ?? page.tables[0]?.name;
        const table = page.tables.find((candidate) => candidate.name === name);
        if (table === undefined) throw new ApiError('not_found', `this page has no table \`${String(name)}\``);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="verbatim-${table.name.replace(/[^a-z0-9_-]/gi, '_')}.csv"`)
          .send(Readable.from(tableCsvChunks(table)));
      }
      if (format !== undefined) throw new ApiError('bad_request', `query parameter \`format\`: expected csv, got \`${format}\``);
      return reply.type('text/html; charset=utf-8').send(
        dashboardPage({
          title: page.title,
          path: context.path,
          identity,
          filters: asked,
          params: context.params,
          query,
          keep: page.keep ?? [],
          options: context.options,
          csrf: context.csrf,
          body: page.body,
          charts: page.charts,
        }),
      );
    });
  }
}
