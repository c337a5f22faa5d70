import type { Kysely } from 'kysely';
import { authorKey, isAuthorKey, reviewKeyScope, type AuthorSecret } from '../core/author-key.js';
import { sourcesWithAuthors } from './author-keys.js';
import { compactAfterForget } from './author-tombstones.table.js';
import type { Database } from './schema.js';
import { forgetAuthor, type ForgetResult } from './verbatims.table.js';

/**
 * GDPR art. 17 for one person given as an e-mail, phone, customer id, review display
 * name or stored author key: every key they may have (as given, in surveys, and as a
 * display name on each review site) is deleted with what derives from it and
 * tombstoned; the tables are compacted when anything went, so the text leaves the files.
 *
 * @example const { removed, keys } = await forgetPerson(db, 'jean.dupont@example.fr', secret)
 */
export async function forgetPerson(
  db: Kysely<Database>,
  identity: string,
  secret: AuthorSecret,
): Promise<{ readonly removed: ForgetResult; readonly keys: readonly string[] }> {
  const keys = isAuthorKey(identity)
    ? [identity]
    : [authorKey(identity, secret), ...(await sourcesWithAuthors(db)).map((source) => authorKey(identity, secret, reviewKeyScope(source)))];
  const removed = await forgetAuthor(db, keys);
  if (removed.verbatims > 0) await compactAfterForget(db);
  return { removed, keys };
}
