import { InvalidArgumentError } from 'commander';
import { openDetractorFollowups } from '../db/followups.table.js';
import { refreshPlannerStatistics } from '../db/planner-statistics.js';
import { InputError } from '../core/errors.js';
import { RESPONDENTS, type Respondent } from '../core/vocabulary.js';
import { authorSecretFor } from '../db/author-keys.js';
import { insertRemembered } from '../db/insert-remembered.js';
import { ingestSurveyFile, type IngestResult } from '../imports/ingest.js';
import { oneOf } from './option-parsers.js';
import type { CommandRegistration } from './program.js';
import { withDatabase } from './with-database.js';

/** `verbatim import FILE...`: survey exports (CSV, XLSX, JSON, JSONL) into the database. */
export const registerImport: CommandRegistration = (program, context) => {
  program
    .command('import')
    .description('import survey exports (CSV with any delimiter/encoding, XLSX, JSON, JSONL); a file imported twice adds nothing')
    .argument('<files...>', 'survey files')
    .option('--source <name>', 'source name (default: the file name)')
    .option('--map <field=column...>', 'map a field (external_id, text, nps, created_at, author, journey, respondent, rating, or a segment) to a column', collectMap, {})
    .option('--respondent <who>', `who answered: ${RESPONDENTS.join(' | ')}`, oneOf(RESPONDENTS))
    .option('--identity <column>', 'a column that identifies the respondent (e-mail, phone, customer number): stored only as a keyed hash in the author key (repeatable, first filled wins)', collectList, [])
    .option('--pii <column>', 'a column of personal data that is not an identity: never stored (repeatable)', collectList, [])
    .option('--no-redact', 'store texts as they are (PII redaction is on by default; identity columns are hashed either way)')
    .action(
      async (
        files: string[],
        options: { source?: string; map: Record<string, string>; respondent?: Respondent; redact: boolean; identity: string[]; pii: string[] },
      ) => {
        const results: (IngestResult & { forgotten: number })[] = [];
        const failures: string[] = [];
        let followupsOpened = 0;
        if (!options.redact) context.stderr.write('verbatim: import: --no-redact: comments and segment values are stored as written, personal data in them included\n');
        await withDatabase(context, async (db) => {
          const secret = await authorSecretFor(db, context.env.dataDir);
          for (const file of files) {
            let forgotten = 0;
            // Answers of forgotten authors (tombstones) are left out, so a re-import does not bring them back.
            const sink = async (batch: Parameters<typeof insertRemembered>[1]) => {
              const stored = await insertRemembered(db, batch);
              forgotten += stored.forgotten;
              return stored;
            };
            try {
              const result = await ingestSurveyFile(file, { ...options, secret }, sink, (line) => context.stderr.write(line));
              results.push({ ...result, forgotten });
            } catch (error) {
              // One unreadable file does not stop the others; it is reported and fails the run.
              if (!(error instanceof InputError)) throw error;
              failures.push(error.describe());
              context.stderr.write(`verbatim: ${error.describe()}\n`);
            }
          }
          // A detractor's callback clock runs from the answer, not from its enrichment: open it now.
          followupsOpened = await openDetractorFollowups(db, context.now());
          await refreshPlannerStatistics(db);
        });
        for (const result of results) {
          context.stdout.write(
            `${result.file}: ${result.read} rows read, ${result.inserted} imported, ${result.duplicates} already there, ` +
              `${result.skipped} skipped, ${result.warnings} warnings` +
              (result.forgotten > 0 ? `, ${result.forgotten} of forgotten authors left out` : '') +
              '\n',
          );
        }
        if (followupsOpened > 0) context.stdout.write(`${followupsOpened} detractor follow-ups opened (callback due 48 h after the answer)\n`);
        if (failures.length > 0) throw new InputError(`${failures.length} of ${files.length} files could not be imported`);
      },
    );
};

function collectList(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function collectMap(value: string, previous: Record<string, string>): Record<string, string> {
  const match = /^([A-Za-z_][\w.]*)=(.+)$/.exec(value);
  if (match === null) throw new InvalidArgumentError(`expected FIELD=COLUMN, got \`${value}\``);
  return { ...previous, [match[1] as string]: match[2] as string };
}
