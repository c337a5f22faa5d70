import { rotateAuthorSecret } from '../db/author-keys.js';
import { secretFile } from '../db/installation-secret.js';
import type { CommandRegistration } from './program.js';
import { withDatabase } from './with-database.js';

/** `verbatim secret rotate`: a new author-key secret, every stored author key and tombstone re-keyed with it. */
export const registerSecret: CommandRegistration = (program, context) => {
  const secret = program.command('secret').description('the author-key secret (VERBATIM_DATA_DIR/secret.key): author keys are HMACs under it');
  secret
    .command('rotate')
    .description('add a new key to the secret and re-key every stored author key and tombstone with it; people keep one key')
    .action(async () => {
      const result = await withDatabase(context, (db) => rotateAuthorSecret(db, context.env.dataDir));
      context.stdout.write(
        `rotated ${secretFile(context.env.dataDir)}: ${result.keys} author keys (${result.verbatims} answers) and ${result.tombstones} tombstones re-keyed; ` +
          'copies of the old secret.key no longer match the database\n',
      );
    });
};
