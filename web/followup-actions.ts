import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { assignFollowup, closeFollowup } from '../db/followups.table.js';
import type { Database } from '../db/schema.js';
import { identityOf, requireRole, sessionAuth } from './auth.js';
import { ApiError } from './errors.js';
import { registerFollowupBulkClose } from './followup-bulk-close.js';
import { followupInScope } from './queries/followups-list.js';

/** The assign, close and bulk-close forms of the follow-ups page: CSRF-checked, analysts and admins only, within the token's scope. */
export function registerFollowupActions(app: FastifyInstance, options: { db: Kysely<Database>; now: () => Date }): void {
  const { db, now } = options;
  const guards = [sessionAuth(db, now), app.csrfProtection, requireRole('admin', 'analyst')];

  const target = async (idParam: string, scope: Readonly<Record<string, string>>): Promise<number> => {
    const id = Number(idParam);
    if (!Number.isInteger(id) || id < 1) throw new ApiError('bad_request', `not a follow-up id: \`${idParam}\``);
    if (!(await followupInScope(db, id, { segments: scope }))) throw new ApiError('not_found', `no follow-up #${id} here`);
    return id;
  };
  const field = (body: unknown, name: string, max: number): string => {
    const value = (body as Record<string, unknown> | undefined)?.[name];
    const text = typeof value === 'string' ? value.trim() : '';
    if (text.length > max) throw new ApiError('bad_request', `field \`${name}\`: longer than ${max} characters`);
    return text;
  };

  app.post<{ Params: { id: string } }>('/followups/:id/assign', { preHandler: guards }, async (request, reply) => {
    const id = await target(request.params.id, identityOf(request).scope);
    const assignee = field(request.body, 'assignee', 100);
    if (assignee === '') throw new ApiError('bad_request', 'field `assignee`: say who calls the customer back');
    if ((await assignFollowup(db, id, assignee)) === undefined) throw new ApiError('not_found', `follow-up #${id} is closed`);
    return reply.redirect('/followups', 303);
  });

  app.post<{ Params: { id: string } }>('/followups/:id/close', { preHandler: guards }, async (request, reply) => {
    const id = await target(request.params.id, identityOf(request).scope);
    if ((await closeFollowup(db, id, field(request.body, 'note', 1000), now())) === undefined) {
      throw new ApiError('not_found', `follow-up #${id} is already closed`);
    }
    return reply.redirect('/followups', 303);
  });

  registerFollowupBulkClose(app, { db, now, guards });
}
