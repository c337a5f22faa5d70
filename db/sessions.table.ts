import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, SessionsTable } from './schema.js';
import { hashSecret, toIdentity, type TokenIdentity } from './tokens.table.js';

export type SessionRow = Selectable<SessionsTable>;

/** How long a dashboard session lasts after sign-in. */
export const SESSION_HOURS = 12;

/**
 * Opens a session for a token; returns the cookie value (only its hash is stored).
 *
 * @example const sessionId = await createSession(db, identity.id, now())
 */
export async function createSession(db: Kysely<Database>, tokenId: number, now: Date): Promise<string> {
  const sessionId = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({ id_hash: hashSecret(sessionId), token_id: tokenId, created_at: now, expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000) })
    .execute();
  return sessionId;
}

/** The identity behind a live session (not expired, token not revoked), or `undefined`. */
export async function findSession(db: Kysely<Database>, sessionId: string, now: Date): Promise<TokenIdentity | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('tokens as t', 't.id', 's.token_id')
    .select(['t.id', 't.role', 't.scope', 't.label'])
    .where('s.id_hash', '=', hashSecret(sessionId))
    .where('s.expires_at', '>', now)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
    .executeTakeFirst();
  return row === undefined ? undefined : toIdentity(row);
}

/** Ends a session (sign-out). */
export async function deleteSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hashSecret(sessionId)).execute();
}

/** Drops expired sessions; returns how many. */
export async function deleteExpiredSessions(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
