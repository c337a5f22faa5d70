import { InvalidArgumentError } from 'commander';
import { InputError } from '../core/errors.js';
import { RESPONDENTS, type Respondent } from '../core/vocabulary.js';
import { authorSecretFor } from '../db/author-keys.js';
import { DEFAULT_FOLLOWUP_CUTOFF, type FollowupCutoff } from '../db/followups.table.js';
import { importStore } from '../db/import-store.js';
import { DATE_ORDERS, type DateOrder } from '../imports/date-order.js';
import { importFiles } from '../imports/import-files.js';
import { alertsAfterWrite } from './alerts.js';
import { FOLLOWUPS_SINCE_HELP, followupsSince, olderDetractorsNote } from './followups-since.js';
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
    .option('--date-format <order>', `how a/b/yyyy dates are written: ${DATE_ORDERS.join(' | ')} (default: told by the file's dates, else DMY with a warning; ISO yyyy-mm-dd is always read)`, dateOrder)
    .option('--followups-since <DATE|Nd|all>', FOLLOWUPS_SINCE_HELP, followupsSince)
    .option('--no-redact', 'store texts as they are (PII redaction is on by default; identity columns are hashed either way)')
    .action(
      async (
        files: string[],
        options: { source?: string; map: Record<string, string>; respondent?: Respondent; dateFormat?: DateOrder; redact: boolean; identity: string[]; pii: string[]; followupsSince?: FollowupCutoff },
      ) => {
        if (!options.redact) context.stderr.write('verbatim: import: --no-redact: comments and segment values are stored as written, personal data in them included\n');
        const { followupsSince, ...rest } = options;
        const cutoff = followupsSince ?? DEFAULT_FOLLOWUP_CUTOFF;
        const { files: results, failures, followupsOpened, olderNote } = await withDatabase(context, async (db) => {
          const store = importStore(db, { cutoff });
          const imported = await importFiles(files, { ...importOptions(rest), secret: await authorSecretFor(db, context.env.dataDir) }, store, (line) => context.stderr.write(line), context.now());
          await alertsAfterWrite(context, db, 'import');
          return { ...imported, olderNote: await olderDetractorsNote(db, cutoff, context.now()) };
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
        if (olderNote !== '') context.stdout.write(`${olderNote}\n`);
        if (failures.length > 0) throw new InputError(`${failures.length} of ${files.length} files could not be imported`);
      },
    );
};

/** The command's options as the importer names them (`--date-format` is `dateOrder`). */
function importOptions<T extends { dateFormat?: DateOrder }>(options: T): Omit<T, 'dateFormat'> & { dateOrder?: DateOrder } {
  const { dateFormat, ...rest } = options;
  return dateFormat === undefined ? rest : { ...rest, dateOrder: dateFormat };
}

/** `--date-format`: one of {@link DATE_ORDERS}, in any case. */
function dateOrder(value: string): DateOrder {
  const order = DATE_ORDERS.find((candidate) => candidate === value.toUpperCase());
  if (order === undefined) throw new InvalidArgumentError(`expected one of ${DATE_ORDERS.join(', ')}, got \`${value}\``);
  return order;
}

function collectList(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function collectMap(value: string, previous: Record<string, string>): Record<string, string> {
  const match = /^([A-Za-z_][\w.]*)=(.+)$/.exec(value);
  if (match === null) throw new InvalidArgumentError(`expected FIELD=COLUMN, got \`${value}\``);
  return { ...previous, [match[1] as string]: match[2] as string };
}
