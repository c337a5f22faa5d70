import path from 'node:path';
import { InputError } from '../core/errors.js';
import { removeReplicas } from '../db/analytics-replica-path.js';
import { authorSecretFor } from '../db/author-keys.js';
import { forgetPerson } from '../db/forget-person.js';
import { removeReportFiles } from '../reports/remove-report-files.js';
import type { CommandRegistration } from './program.js';
import { NO_REPLICA_SYNC_HELP, syncReplicaAfterWrite } from './replica-after-write.js';
import { withDatabase } from './with-database.js';

/**
 * `verbatim forget --author KEY`: erases every answer of one person (GDPR art. 17), found
 * by e-mail, phone, customer id, review display name or stored author key through the
 * installation's keyed hash; records a tombstone, compacts the tables, and removes the
 * report files of the data dir, which may quote them, and the analytics replicas, which hold their rows —
 * but the one reports count on, which is synced past the forget instead (its file rewritten without them).
 */
export const registerForget: CommandRegistration = (program, context) => {
  program
    .command('forget')
    .description('delete every answer of one person (GDPR art. 17) and what derives from it; a re-import leaves them out')
    .requiredOption('--author <identity>', "the person's e-mail, phone, customer id, review display name, or author key (as stored)")
    .option('--no-replica-sync', `${NO_REPLICA_SYNC_HELP}; the replicas are removed either way`)
    .action(async (options: { author: string; replicaSync: boolean }) => {
      const given = options.author.trim();
      if (given === '') throw new InputError('--author: expected an e-mail, phone, customer id or author key, got an empty value', { field: 'author' });
      const { removed, keys, synced } = await withDatabase(context, async (db) => {
        const forgotten = await forgetPerson(db, given, await authorSecretFor(db, context.env.dataDir));
        // Only the replica a report would count on: synced incrementally, the forgotten rows compacted out (db/analytics-replica.ts).
        const synced = forgotten.removed.verbatims > 0 && options.replicaSync ? await syncReplicaAfterWrite(context, db, 'counted') : undefined;
        return { ...forgotten, synced };
      });
      if (removed.verbatims === 0) {
        throw new InputError(
          `no answer matched \`${given}\` (looked up as an author key, and as an e-mail, phone, customer id or review name under this installation's secret); nothing deleted`,
          { field: 'author' },
        );
      }
      const reports = await removeReportFiles(path.join(context.env.dataDir, 'reports'));
      const replicas = await removeReplicas(context.env.dataDir, synced);
      context.stdout.write(
        `forgot author ${keys[0] ?? ''}: ${removed.verbatims} verbatims, ${removed.themes} theme tags, ${removed.followups} follow-ups deleted; ` +
          'tombstone recorded (a re-import leaves them out); tables compacted (VACUUM FULL, ANALYZE)\n',
      );
      if (reports > 0) {
        context.stdout.write(`removed ${reports} report files under ${path.relative(context.cwd, path.join(context.env.dataDir, 'reports')) || '.'} (they may quote the forgotten answers; \`verbatim report --out DIR\` writes fresh ones)\n`);
      }
      if (replicas > 0) context.stdout.write(`removed the analytics replica (${replicas} files; the next \`report --engine duckdb\` rebuilds it)\n`);
    });
};

