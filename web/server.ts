import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { DEFAULT_MIN_GROUP, validateMinGroup } from '../analysis/anonymity-floor.js';
import { readDataVersion } from '../db/data-version.js';
import type { Database } from '../db/schema.js';
import { registerAdminRoutes } from './admin-routes.js';
import { registerAlertRoutes } from './alerts-routes.js';
import { registerApi } from './api-routes.js';
import { registerCompareApi } from './compare-routes.js';
import { startCacheRefresh } from './cache-refresh.js';
import { DataCache } from './data-version.js';
import { PUBLIC_DIR, readChartJs } from './assets.js';
import { ApiError, type ApiErrorCode } from './errors.js';
import { registerFollowupActions } from './followup-actions.js';
import { registerPages } from './page-routes.js';
import { DASHBOARD_PAGES } from './pages/index.js';
import { errorPage } from './pages/login.js';
import { trackRouteMethods } from './route-methods.js';
import { registerSecurity } from './security.js';
import { registerSessionRoutes } from './session-routes.js';
import { RetagJobs } from './theme-editor-jobs.js';
import { registerThemeEditorRoutes, type ThemeEditorOptions } from './theme-editor-routes.js';
import { capConnections, serverLimits, TokenConcurrency, type ServerLimits } from './limits.js';

export interface ServerOptions {
  readonly db: Kysely<Database>;
  readonly now?: () => Date;
  /** Fastify's logger (requests to stderr); off by default. */
  readonly logger?: boolean;
  /** `Secure` on cookies: 'auto' = when the request came over HTTPS (default). */
  readonly secureCookies?: boolean | 'auto';
  /** Sign-in attempts per client address and window (default 10 a minute). */
  readonly loginRateLimit?: { readonly max: number; readonly timeWindow: number };
  /** Honour X-Forwarded-* from a reverse proxy (client address for the rate limit, HTTPS for cookies). */
  readonly trustProxy?: boolean;
  /** Reports are kept until the data changes, at most this long (default 300); 0 recomputes every time. */
  readonly cacheSeconds?: number;
  /** How often the data version is read (default 2000 ms): the delay before a change shows. */
  readonly versionCheckMs?: number;
  /** How many of the most recently viewed reports to recompute in the background once the data changes (0: none). */
  readonly refreshAheadKeys?: number;
  /** Timeouts, connection caps, body size, per-token concurrency (`DEFAULT_LIMITS` for the rest). */
  readonly limits?: Partial<ServerLimits>;
  /** Anonymity floor: employee groups with fewer answers show no score (default 5, never below 3). */
  readonly minGroup?: number;
  /** Count the reports in the DuckDB analytics replica at this path (`VERBATIM_REPORT_ENGINE=duckdb`); absent: on the database. */
  readonly replicaPath?: string;
  /** With `replicaPath`: only once the database holds this many verbatims (`auto`, the default of `serve`); below, on the database. */
  readonly replicaFromVerbatims?: number;
  /** Where internal errors are written when `logger` is off (default stderr): the error page points there. */
  readonly errorLog?: (line: string) => void;
  /** The theme editor's models (`/themes/edit`): the pipeline's tagging and the taxonomy to start from; absent, no editor. */
  readonly themeEditor?: Pick<ThemeEditorOptions, 'tagging' | 'seed' | 'suggest'>;
}

/**
 * The HTTP API and the dashboard over one database. Call `listen` on the result.
 *
 * @example const app = await buildServer({ db }); await app.listen({ port: 8080, host: '127.0.0.1' })
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const secureCookies = options.secureCookies ?? 'auto';
  const limits = serverLimits(options.limits);
  const minGroup = validateMinGroup(options.minGroup ?? DEFAULT_MIN_GROUP);
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: limits.bodyLimit,
    connectionTimeout: limits.connectionTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    maxRequestsPerSocket: limits.maxRequestsPerSocket,
    http: { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: limits.checkEveryMs },
  });
  // Behind a reverse proxy every connection comes from the proxy: the per-address cap is then the proxy's job.
  capConnections(app.server, options.trustProxy === true ? { ...limits, maxConnectionsPerAddress: limits.maxConnections } : limits);
  const expensive = new TokenConcurrency(limits.expensivePerToken);
  const errorLog = options.errorLog ?? ((line: string) => process.stderr.write(`${line}\n`));
  app.decorateRequest('identity', null);
  const routeMethods = trackRouteMethods(app);

  await registerSecurity(app, { secureCookies });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.code === 'internal') {
      // The answer says "the server log has the details": without --log they go to stderr.
      if (options.logger === true) request.log.error(error);
      else errorLog(`verbatim serve: internal error on ${request.method} ${request.url.split('?')[0] ?? ''}: ${error.stack ?? error.message}`);
    }
    reply.code(apiError.statusCode);
    if (request.url.startsWith('/api/')) return reply.send(apiError.toBody());
    return reply.type('text/html; charset=utf-8').send(errorPage(apiError.statusCode, apiError.message));
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = routeMethods.allowed(path);
    // A route that answers this method found nothing (a missing file under /assets/*): 404, not 405.
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      reply.header('allow', allowed.join(', '));
      throw new ApiError('method_not_allowed', `${path} answers ${allowed.join(', ')}, not ${request.method}`);
    }
    throw new ApiError('not_found', `no such page: ${request.method} ${path}`);
  });

  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/assets/', index: false, maxAge: '1h' });
  const chartJs = readChartJs();
  app.get('/assets/vendor/chart.umd.min.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(chartJs),
  );

  await registerSessionRoutes(app, { db, now, secureCookies, loginRateLimit: options.loginRateLimit ?? { max: 10, timeWindow: 60_000 } });
  const refreshKeys = options.refreshAheadKeys ?? 0;
  const checkEveryMs = options.versionCheckMs ?? 2000;
  const cache = new DataCache(db, { maxAgeMs: (options.cacheSeconds ?? 300) * 1000, checkEveryMs, refreshKeys });
  if (refreshKeys > 0 && cache.enabled) {
    // Never faster than every 250 ms: `versionCheckMs` 0 means "check at every request", not a busy loop.
    const refresh = startCacheRefresh(cache, () => readDataVersion(db, 'dashboard'), Math.max(checkEveryMs, 250));
    app.addHook('onClose', () => refresh.stop());
  }
  const engine = options.replicaPath === undefined ? {} : { replicaPath: options.replicaPath, ...(options.replicaFromVerbatims === undefined ? {} : { replicaFromVerbatims: options.replicaFromVerbatims }) };
  registerApi(app, { db, now, cache, expensive, minGroup, engine });
  registerCompareApi(app, { db, now, cache, expensive, minGroup, engine });
  registerPages(app, DASHBOARD_PAGES, { db, now, cache, expensive, minGroup, engine });
  registerFollowupActions(app, { db, now });
  registerAdminRoutes(app, { db, now });
  registerAlertRoutes(app, { db, now });
  if (options.themeEditor !== undefined) {
    const jobs = new RetagJobs(errorLog);
    registerThemeEditorRoutes(app, { db, now, ...options.themeEditor, jobs, cache });
    // A re-tag in flight stops after its current page, before the database closes.
    app.addHook('onClose', () => jobs.stop());
  }
  return app;
}

const BY_STATUS: Partial<Record<number, ApiErrorCode>> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Any error as one of the API's codes; what we did not foresee is `internal`, its details kept out of the answer. */
function toApiError(error: FastifyError): ApiError {
  if (error instanceof ApiError) return error;
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
    return new ApiError('csrf_invalid', 'the form has expired or did not come from this site; reload the page and try again');
  }
  const status = error.statusCode;
  if (status === undefined || status < 400 || status >= 500) return new ApiError('internal', 'internal error; the server log has the details');
  // Fastify's own 4xx (body too large, media type, bad JSON …): its message says what was wrong with the request.
  return new ApiError(BY_STATUS[status] ?? 'bad_request', error.message);
}
