import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { rekey, secretFingerprint, type AuthorSecret } from '../core/author-key.js';
import { ConfigError } from '../core/errors.js';
import { commitPendingSecret, loadAuthorSecret, pendingSecretFile, readAuthorSecret, secretFile, writePendingSecret } from './installation-secret.js';
import { jsonWithoutNul } from './jsonb.js';
import type { Database } from './schema.js';

const FINGERPRINT = 'author_secret_fingerprint';

/**
 * The secret this database's author keys were made with: secret.key of `dataDir`,
 * created on first use, checked against the fingerprint the database recorded
 * the first time. Another secret (a new machine, a lost file) is refused instead
 * of silently keying the same people twice; a rotation interrupted after the
 * database was re-keyed is completed.
 *
 * @example const secret = await authorSecretFor(db, env.dataDir)
 */
export async function authorSecretFor(db: Kysely<Database>, dataDir: string): Promise<AuthorSecret> {
  const secret = await loadAuthorSecret(dataDir);
  const fingerprint = secretFingerprint(secret);
  await db.insertInto('installation_settings').values({ name: FINGERPRINT, value: fingerprint }).onConflict((c) => c.column('name').doNothing()).execute();
  const recorded = (await db.selectFrom('installation_settings').select('value').where('name', '=', FINGERPRINT).executeTakeFirstOrThrow()).value;
  if (recorded === fingerprint) return secret;
  if (existsSync(pendingSecretFile(dataDir))) {
    const pending = await readAuthorSecret(pendingSecretFile(dataDir));
    if (secretFingerprint(pending) === recorded) {
      await commitPendingSecret(dataDir);
      return pending;
    }
  }
  throw new ConfigError(
    `${secretFile(dataDir)}: this is not the secret the database's author keys were made with (fingerprint ${fingerprint}, the database expects ${recorded}); ` +
      'restore that secret.key (from a backup, or from the machine that imported), or set VERBATIM_DATA_DIR to the folder that holds it',
  );
}

/** What a rotation re-keyed. */
export interface RotationResult {
  readonly verbatims: number;
  readonly tombstones: number;
  readonly keys: number;
}

/**
 * `verbatim secret rotate`: adds a key to the ring and re-keys every stored author key
 * and tombstone with it, in one transaction, then makes the new ring the secret. A
 * person keeps one key (imports compute the whole chain), and a copy of an older
 * secret.key no longer recomputes what the database holds.
 */
export async function rotateAuthorSecret(db: Kysely<Database>, dataDir: string): Promise<RotationResult> {
  const current = await authorSecretFor(db, dataDir);
  const { secret, added } = await writePendingSecret(dataDir, current);
  const result = await db.transaction().execute(async (trx) => {
    const keys = (await trx.selectFrom('verbatims').select('author_key').distinct().where('author_key', 'is not', null).execute()).map((row) => row.author_key as string);
    const tombs = (await trx.selectFrom('author_tombstones').select('author_key').execute()).map((row) => row.author_key);
    const pairs = [...new Set([...keys, ...tombs])].map((old) => ({ old, new: rekey(old, added) }));
    let verbatims = 0;
    if (pairs.length > 0) {
      const mapping = sql`jsonb_to_recordset(${jsonWithoutNul(pairs)}::text::jsonb) as x(old text, new text)`;
      const updated = await sql`update verbatims as v set author_key = x.new from ${mapping} where v.author_key = x.old`.execute(trx);
      verbatims = Number(updated.numAffectedRows ?? 0n);
      await sql`update author_tombstones as t set author_key = x.new from ${mapping} where t.author_key = x.old`.execute(trx);
    }
    await trx.updateTable('installation_settings').set({ value: secretFingerprint(secret) }).where('name', '=', FINGERPRINT).execute();
    return { verbatims, tombstones: tombs.length, keys: keys.length };
  });
  await commitPendingSecret(dataDir);
  return result;
}

/** The sources that hold answers with an author key: `forget` tries a review site's display-name scope for each. */
export async function sourcesWithAuthors(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('verbatims').select('source').distinct().where('author_key', 'is not', null).orderBy('source').execute();
  return rows.map((row) => row.source);
}
