import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { acknowledgeAlert, listAlerts } from '../db/alerts.table.js';
import type { Database } from '../db/schema.js';
import { bearerAuth, identityOf, requireRole, sessionAuth } from './auth.js';
import { ApiError } from './errors.js';
import { single, type RawQuery } from './filters.js';
import { alertVerbatimsHref } from './pages/alerts.js';

/**
 * The acknowledge button of the alerts inbox (CSRF-checked, analysts and admins only,
 * within the token's scope) and `GET /api/alerts[?show=all]` for scripts.
 */
export function registerAlertRoutes(app: FastifyInstance, options: { db: Kysely<Database>; now: () => Date }): void {
  const { db, now } = options;
  const guards = [sessionAuth(db, now), app.csrfProtection, requireRole('admin', 'analyst')];

  app.post<{ Params: { id: string } }>('/alerts/:id/acknowledge', { preHandler: guards }, async (request, reply) => {
    const id = Number(request.params.id);
    if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647) throw new ApiError('bad_request', `not an alert id: \`${request.params.id}\``);
    const identity = identityOf(request);
    const by = identity.label ?? `token #${identity.id}`;
    if ((await acknowledgeAlert(db, id, by, now(), identity.scope)) === undefined) {
      throw new ApiError('not_found', `no alert #${id} to acknowledge here (unknown, out of scope, or already acknowledged)`);
    }
    return reply.redirect('/alerts', 303);
  });

  app.get('/api/alerts', { preHandler: bearerAuth(db, now) }, async (request) => {
    const show = single(request.query as RawQuery, 'show');
    if (show !== undefined && show !== 'all') throw new ApiError('bad_request', `query parameter \`show\`: expected all, got \`${show}\``);
    const alerts = await listAlerts(db, { scope: identityOf(request).scope, unacknowledgedOnly: show === undefined });
    return { alerts: alerts.map((alert) => ({ ...alert, verbatims: alertVerbatimsHref(alert) })) };
  });
}
