import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { createSession, deleteExpiredSessions, deleteSession, SESSION_HOURS } from '../db/sessions.table.js';
import { findToken } from '../db/tokens.table.js';
import { SESSION_COOKIE } from './auth.js';
import { single, type RawQuery } from './filters.js';
import { loginPage, safeNext } from './pages/login.js';

export interface SessionRouteOptions {
  readonly db: Kysely<Database>;
  readonly now: () => Date;
  readonly secureCookies: boolean | 'auto';
  /** Sign-in attempts allowed per client address and window. */
  readonly loginRateLimit: { readonly max: number; readonly timeWindow: number };
}

/** `/login` (form and sign-in, rate limited, CSRF-checked) and `/logout`. */
export async function registerSessionRoutes(app: FastifyInstance, options: SessionRouteOptions): Promise<void> {
  const { db, now } = options;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict', secure: options.secureCookies } as const;

  app.get('/login', async (request, reply) => {
    const next = safeNext(single(request.query as RawQuery, 'next'));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(loginPage({ csrf: reply.generateCsrf(), next }));
  });

  app.post(
    '/login',
    { config: { rateLimit: options.loginRateLimit }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const token = typeof body['token'] === 'string' ? body['token'].trim() : '';
      const next = safeNext(typeof body['next'] === 'string' ? body['next'] : undefined);
      const identity = token === '' ? undefined : await findToken(db, token, now());
      if (identity === undefined) {
        return reply
          .code(401)
          .type('text/html; charset=utf-8')
          .send(loginPage({ csrf: reply.generateCsrf(), next, error: 'This token is not valid, has expired or has been revoked.' }));
      }
      await deleteExpiredSessions(db, now());
      const sessionId = await createSession(db, identity.id, now());
      reply.setCookie(SESSION_COOKIE, sessionId, { ...cookieOptions, maxAge: SESSION_HOURS * 3600 });
      return reply.redirect(next, 303);
    },
  );

  app.post('/logout', { preHandler: app.csrfProtection }, async (request, reply) => {
    const sessionId = request.cookies[SESSION_COOKIE];
    if (sessionId !== undefined && sessionId !== '') await deleteSession(db, sessionId);
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return reply.redirect('/login', 303);
  });
}
