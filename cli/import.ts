import { InvalidArgumentError } from 'commander';
import { openDetractorFollowups } from '../db/followups.table.js';
import { refreshPlannerStatistics } from '../db/planner-statistics.js';
import { InputError } from '../core/errors.js';
import { RESPONDENTS, type Respondent } from '../core/vocabulary.js';
import { insertVerbatims } from '../db/verbatims.table.js';
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
    .option('--no-redact', 'store texts as they are (PII redaction is on by default)')
    .action(
      async (
        files: string[],
        options: { source?: string; map: Record<string, string>; respondent?: Respondent; redact: boolean },
      ) => {
        const results: IngestResult[] = [];
        const failures: string[] = [];
        let followupsOpened = 0;
        await withDatabase(context, async (db) => {
          for (const file of files) {
            try {
              results.push(await ingestSurveyFile(file, options, (batch) => insertVerbatims(db, batch), (line) => context.stderr.write(line)));
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
              `${result.skipped} skipped, ${result.warnings} warnings\n`,
          );
        }
        if (followupsOpened > 0) context.stdout.write(`${followupsOpened} detractor follow-ups opened (callback due 48 h after the answer)\n`);
        if (failures.length > 0) throw new InputError(`${failures.length} of ${files.length} files could not be imported`);
      },
    );
};

function collectMap(value: string, previous: Record<string, string>): Record<string, string> {
  const match = /^([A-Za-z_][\w.]*)=(.+)$/.exec(value);
  if (match === null) throw new InvalidArgumentError(`expected FIELD=COLUMN, got \`${value}\``);
  return { ...previous, [match[1] as string]: match[2] as string };
}
