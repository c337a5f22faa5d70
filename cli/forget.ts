import { forgetAuthor } from '../db/verbatims.table.js';
import type { CommandRegistration } from './program.js';
import { withDatabase } from './with-database.js';

/** `verbatim forget --author KEY`: erases every verbatim and derived row of one author (GDPR art. 17). */
export const registerForget: CommandRegistration = (program, context) => {
  program
    .command('forget')
    .description('delete every verbatim and derived row of one author (GDPR art. 17) and print the counts')
    .requiredOption('--author <key>', 'the author key (as stored: see `verbatim export`)')
    .action(async (options: { author: string }) => {
      const removed = await withDatabase(context, (db) => forgetAuthor(db, options.author));
      context.stdout.write(
        `forgot author ${options.author}: ${removed.verbatims} verbatims, ${removed.themes} theme tags, ${removed.followups} follow-ups deleted\n`,
      );
    });
};
