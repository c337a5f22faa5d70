import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import { closeFollowups, MAX_CLOSE_REASON_LENGTH } from '../db/followups.table.js';
import type { Database } from '../db/schema.js';
import { identityOf } from './auth.js';
import { ApiError } from './errors.js';
import { FOLLOWUPS_PER_PAGE } from './pages/followups.js';

/** Ids one form may close: a page's worth, with room (rows may be checked on an older copy of the page). */
const MAX_IDS = FOLLOWUPS_PER_PAGE * 4;

/** Where the form may send the browser back to: this page only, never another site. */
const BACK = /^\/followups(\?[^\\\s]*)?$/;

type Form = Readonly<Record<string, unknown>> | undefined;

/**
 * `POST /followups/close`: the follow-ups page's bulk form. `which=checked` closes the
 * ticked rows (`ids`, repeated), `which=shown` every open row the page showed (`shown`,
 * comma-separated); one reason for all, one UPDATE, only within the token's scope.
 * The guards (session, CSRF, analyst or admin) are the row forms'.
 */
export function registerFollowupBulkClose(app: FastifyInstance, options: { db: Kysely<Database>; now: () => Date; guards: preHandlerHookHandler[] }): void {
  const { db, now, guards } = options;
  app.post('/followups/close', { preHandler: guards }, async (request, reply) => {
    const body = request.body as Form;
    const reason = text(body, 'reason');
    if (reason === '') throw new ApiError('bad_request', 'field `reason`: say why these follow-ups are closed without a call');
    if (reason.length > MAX_CLOSE_REASON_LENGTH) throw new ApiError('bad_request', `field \`reason\`: longer than ${MAX_CLOSE_REASON_LENGTH} characters`);
    const which = text(body, 'which');
    if (which !== 'checked' && which !== 'shown') throw new ApiError('bad_request', 'field `which`: expected checked or shown');
    const ids = which === 'shown' ? idsOf(text(body, 'shown').split(',')) : idsOf(values(body, 'ids'));
    if (ids.length === 0) throw new ApiError('bad_request', 'no follow-up selected: tick some rows, or close all shown');
    const { closed } = await closeFollowups(db, { kind: 'ids', ids }, reason, now(), identityOf(request).scope);
    request.log.info({ closed: closed.length, asked: ids.length }, 'follow-ups closed in bulk');
    const back = text(body, 'back');
    return reply.redirect(BACK.test(back) ? back : '/followups', 303);
  });
}

function text(body: Form, name: string): string {
  const value = body?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

function values(body: Form, name: string): string[] {
  const value = body?.[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function idsOf(parts: readonly string[]): number[] {
  const ids = parts.map((part) => part.trim()).filter((part) => part !== '');
  if (ids.length > MAX_IDS) throw new ApiError('bad_request', `at most ${MAX_IDS} follow-ups at once, got ${ids.length}`);
  for (const id of ids) if (!/^[1-9]\d{0,8}$/.test(id)) throw new ApiError('bad_request', `not a follow-up id: \`${id}\``);
  return [...new Set(ids.map(Number))];
}
