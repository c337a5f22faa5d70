import { createHash, randomBytes } from 'node:crypto';
import type { Insertable, Kysely, Selectable } from 'kysely';
import { jsonWithoutNul } from './jsonb.js';
import type { Database, TokensTable } from './schema.js';

export type TokenRow = Selectable<TokensTable>;
export type NewTokenRow = Insertable<TokensTable>;

/** What a token may do: admin everything, analyst read and act on follow-ups, viewer read only. */
export const ROLES = ['admin', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Segment values that every row a token sees must carry (`{ branch: 'Lyon' }`); empty = everything. */
export type Scope = Readonly<Record<string, string>>;

/** A token as the server knows it once authenticated: never the secret, never its hash. */
export interface TokenIdentity {
  readonly id: number;
  readonly role: Role;
  readonly scope: Scope;
  readonly label: string | null;
}

/** Days a new token lives unless told otherwise (`token create --expires-in DAYS`). */
export const DEFAULT_TOKEN_DAYS = 90;

/** Prefix of every token, so a leaked one is easy to recognise (and to grep for in logs). */
export const TOKEN_PREFIX = 'vbt_';

/** SHA-256 of a secret (token or session id), hex: what the tables store. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * Creates a token and returns it in clear: the only time it exists outside the caller's hands.
 *
 * @example const { token } = await createToken(db, { role: 'viewer', scope: { branch: 'Lyon' } }) // 'vbt_…'
 */
export async function createToken(
  db: Kysely<Database>,
  options: { role: Role; scope?: Scope; label?: string | null; now?: Date; expiresInDays?: number },
): Promise<{ id: number; token: string; expiresAt: Date }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const days = options.expiresInDays ?? DEFAULT_TOKEN_DAYS;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`Expected \`expiresInDays\` to be a whole number from 1 and up, got \`${days}\``);
  const createdAt = options.now ?? new Date();
  const expiresAt = new Date(createdAt.getTime() + days * 86_400_000);
  const row = await db
    .insertInto('tokens')
    .values({
      token_hash: hashSecret(token),
      role: options.role,
      scope: jsonWithoutNul(options.scope ?? {}),
      label: options.label ?? null,
      created_at: createdAt,
      expires_at: expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token, expiresAt };
}

/**
 * The live (not revoked, not expired at `now`) token with this secret, or `undefined`.
 *
 * @example await findToken(db, request.headers.authorization.slice(7), new Date())
 */
export async function findToken(db: Kysely<Database>, token: string, now: Date = new Date()): Promise<TokenIdentity | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const row = await db
    .selectFrom('tokens')
    .select(['id', 'role', 'scope', 'label'])
    .where('token_hash', '=', hashSecret(token))
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  return row === undefined ? undefined : toIdentity(row);
}

/** Every token (live and revoked), oldest first, without hashes. */
export async function listTokens(db: Kysely<Database>): Promise<(TokenIdentity & { created_at: Date; revoked_at: Date | null; expires_at: Date | null })[]> {
  const rows = await db.selectFrom('tokens').select(['id', 'role', 'scope', 'label', 'created_at', 'revoked_at', 'expires_at']).orderBy('id').execute();
  return rows.map((row) => ({ ...toIdentity(row), created_at: row.created_at, revoked_at: row.revoked_at, expires_at: row.expires_at }));
}

/**
 * Revokes a token; its sessions end with it.
 *
 * @returns false when no live token has that id.
 */
export async function revokeToken(db: Kysely<Database>, id: number, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    await trx.deleteFrom('sessions').where('token_id', '=', id).execute();
    return result.numUpdatedRows > 0n;
  });
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A stored row as an identity; a role the code does not know is a corrupt row, not a viewer. */
export function toIdentity(row: Pick<TokenRow, 'id' | 'role' | 'scope' | 'label'>): TokenIdentity {
  if (!isRole(row.role)) throw new Error(`tokens.role of ${row.id}: unexpected value \`${row.role}\``);
  const scope: unknown = typeof row.scope === 'string' ? JSON.parse(row.scope) : row.scope;
  const entries = scope !== null && typeof scope === 'object' ? Object.entries(scope).map(([key, value]) => [key, String(value)]) : [];
  return { id: row.id, role: row.role, scope: Object.freeze(Object.fromEntries(entries) as Record<string, string>), label: row.label };
}
