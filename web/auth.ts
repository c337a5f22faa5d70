import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { findSession } from '../db/sessions.table.js';
import { findToken, type Role, type TokenIdentity } from '../db/tokens.table.js';
import { ApiError } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking, once an auth hook has run; null before. */
    identity: TokenIdentity | null;
  }
}

/** Name of the dashboard's HttpOnly session cookie. */
export const SESSION_COOKIE = 'verbatim_session';

/** The request's identity; throws when no auth hook ran (a wiring bug, not a user error). */
export function identityOf(request: FastifyRequest): TokenIdentity {
  if (request.identity === null) throw new Error(`no identity on ${request.method} ${request.url}: route registered without an auth hook`);
  return request.identity;
}

/**
 * API auth: `Authorization: Bearer TOKEN`, else 401. Cookies are not read here, so a
 * page of another site cannot make the browser call the API with the user's session.
 */
export function bearerAuth(db: Kysely<Database>, now: () => Date = () => new Date()) {
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match === null) throw new ApiError('unauthorized', 'send an API token as `Authorization: Bearer TOKEN` (verbatim token create)');
    const identity = await findToken(db, match[1] as string, now());
    if (identity === undefined) throw new ApiError('unauthorized', 'this API token is not valid, has expired or has been revoked');
    request.identity = identity;
  };
}

/** Dashboard auth: a live session cookie, else a redirect to the sign-in form (coming back here after). */
export function sessionAuth(db: Kysely<Database>, now: () => Date) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const sessionId = request.cookies[SESSION_COOKIE];
    const identity = sessionId === undefined || sessionId === '' ? undefined : await findSession(db, sessionId, now());
    if (identity === undefined) {
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      return reply.redirect(`/login${next}`, 303);
    }
    request.identity = identity;
  };
}

/** 403 unless the identity has one of the roles (run after an auth hook). */
export function requireRole(...roles: readonly Role[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const identity = identityOf(request);
    if (!roles.includes(identity.role)) {
      throw new ApiError('forbidden', `a ${identity.role} token cannot do this (needs ${roles.join(' or ')})`);
    }
  };
}

/** Whether this identity may act on follow-ups (assign, close). */
export function canActOnFollowups(identity: TokenIdentity): boolean {
  return identity.role === 'admin' || identity.role === 'analyst';
}
