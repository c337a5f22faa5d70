import type { FastifyInstance } from 'fastify';

/**
 * The methods each route answers, collected as routes are added, so a request with
 * another method gets 405 and an `Allow` header rather than 404.
 *
 * @example const methods = trackRouteMethods(app); … methods.allowed('/themes/fees') // ['GET', 'HEAD']
 */
export interface RouteMethods {
  /** The methods some route answers on this path (sorted); empty when no route matches it. */
  allowed(path: string): string[];
}

/** Starts collecting: call before any route is registered. */
export function trackRouteMethods(app: FastifyInstance): RouteMethods {
  const routes: { pattern: RegExp; methods: readonly string[] }[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    routes.push({ pattern: patternOf(route.url ?? route.path), methods: methods.map((method) => String(method).toUpperCase()) });
  });
  return {
    allowed: (path) => [...new Set(routes.filter((route) => route.pattern.test(path)).flatMap((route) => route.methods))].sort(),
  };
}

/** A Fastify route path (`/themes/:theme`, `/assets/*`) as a regular expression over request paths. */
function patternOf(url: string): RegExp {
  const source = url
    .split(/(:[A-Za-z_][\w-]*|\*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}
