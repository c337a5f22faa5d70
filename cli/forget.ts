import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { authorKey, isAuthorKey } from '../core/author-key.js';
import { InputError } from '../core/errors.js';
import { authorSecretFor, sourcesWithAuthors } from '../db/author-keys.js';
import { compactAfterForget } from '../db/author-tombstones.table.js';
import { forgetAuthor } from '../db/verbatims.table.js';
import { reviewKeyScope } from '../scrapers/to-verbatim.js';
import type { CommandRegistration } from './program.js';
import { withDatabase } from './with-database.js';

/**
 * `verbatim forget --author KEY`: erases every answer of one person (GDPR art. 17), found
 * by e-mail, phone, customer id, review display name or stored author key through the
 * installation's keyed hash; records a tombstone, compacts the tables, and removes the
 * report files of the data dir, which may quote them.
 */
export const registerForget: CommandRegistration = (program, context) => {
  program
    .command('forget')
    .description('delete every answer of one person (GDPR art. 17) and what derives from it; a re-import leaves them out')
    .requiredOption('--author <identity>', "the person's e-mail, phone, customer id, review display name, or author key (as stored)")
    .action(async (options: { author: string }) => {
      const given = options.author.trim();
      if (given === '') throw new InputError('--author: expected an e-mail, phone, customer id or author key, got an empty value', { field: 'author' });
      const { removed, keys } = await withDatabase(context, async (db) => {
        const secret = await authorSecretFor(db, context.env.dataDir);
        // One identity, every key it may have: as given (a stored key), in surveys, and as a display name on each review site.
        const candidates = isAuthorKey(given)
          ? [given]
          : [authorKey(given, secret), ...(await sourcesWithAuthors(db)).map((source) => authorKey(given, secret, reviewKeyScope(source)))];
        const result = await forgetAuthor(db, candidates);
        if (result.verbatims > 0) await compactAfterForget(db);
        return { removed: result, keys: candidates };
      });
      if (removed.verbatims === 0) {
        throw new InputError(
          `no answer matched \`${given}\` (looked up as an author key, and as an e-mail, phone, customer id or review name under this installation's secret); nothing deleted`,
          { field: 'author' },
        );
      }
      const reports = await removeReportFiles(path.join(context.env.dataDir, 'reports'));
      context.stdout.write(
        `forgot author ${keys[0] ?? ''}: ${removed.verbatims} verbatims, ${removed.themes} theme tags, ${removed.followups} follow-ups deleted; ` +
          'tombstone recorded (a re-import leaves them out); tables compacted (VACUUM FULL, ANALYZE)\n',
      );
      if (reports > 0) {
        context.stdout.write(`removed ${reports} report files under ${path.relative(context.cwd, path.join(context.env.dataDir, 'reports')) || '.'} (they may quote the forgotten answers; \`verbatim report --out DIR\` writes fresh ones)\n`);
      }
    });
};

/** Deletes every file of the data dir's report folder (written by `verbatim demo`): how many. */
async function removeReportFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((entry) => entry.isFile()).length;
  if (files > 0) await rm(dir, { recursive: true, force: true });
  return files;
}
