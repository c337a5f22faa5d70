import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Runs `body` in a transaction: the caller's when `db` already is one, else a new one.
 * Writers use it so their rows and their data-version bump (db/change-log.ts) commit together.
 *
 * @example await inWriteTransaction(db, async (trx) => { await insert(trx); await recordChange(trx, ids); })
 */
export function inWriteTransaction<T>(db: Kysely<Database>, body: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? body(db) : db.transaction().execute(body);
}
