import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { ApiError } from './errors.js';

/** Cookie name of the CSRF secret (double-submit: the form carries a token derived from it). */
export const CSRF_COOKIE = 'verbatim_csrf';

/**
 * Headers and request guards every response gets: a strict Content-Security-Policy
 * (scripts and styles from this origin only, no inline code, no inline event
 * handlers, no framing), cookies, form bodies, CSRF tokens, and the rate limiter
 * (enabled per route).
 */
export async function registerSecurity(app: FastifyInstance, options: { secureCookies: boolean | 'auto' }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  await app.register(csrf, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: options.secureCookies },
    getToken: (request) => (request.body as { _csrf?: string } | undefined)?._csrf,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new ApiError('rate_limited', `too many attempts; try again in ${context.after}`),
  });
}
