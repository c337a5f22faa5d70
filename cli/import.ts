import { InvalidArgumentError, Option } from 'commander';
import { InputError, UsageError } from '../core/errors.js';
import { RESPONDENTS, type Respondent } from '../core/vocabulary.js';
import { authorSecretFor } from '../db/author-keys.js';
import { DEFAULT_FOLLOWUP_CUTOFF, type FollowupCutoff } from '../db/followups.table.js';
import { importStore } from '../db/import-store.js';
import { DATE_ORDERS, type DateOrder } from '../imports/date-order.js';
import { importFiles, type ImportFilesResult } from '../imports/import-files.js';
import { alertsAfterWrite } from './alerts.js';
import { importEnriched, type EnrichedImportResult } from './import-enrich.js';
import { ENRICH_MODEL_FLAGS, withEnrichModelOptions, type EnrichModelOptions } from './model-options.js';
import { FOLLOWUPS_SINCE_HELP, followupsSince, olderDetractorsNote } from './followups-since.js';
import { oneOf, seconds } from './option-parsers.js';
import type { CommandRegistration } from './program.js';
import { NO_REPLICA_SYNC_HELP, syncReplicaAfterWrite } from './replica-after-write.js';
import { withDatabase } from './with-database.js';

/** `verbatim import FILE...`: survey exports (CSV, XLSX, JSON, JSONL) into the database. */
export const registerImport: CommandRegistration = (program, context) => {
  const command = program
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
    .option('--enrich', 'enrich each batch on the way in and store it enriched (one pass: no `verbatim enrich` needed after)')
    .option('--log-every <seconds>', 'with --enrich: progress line interval when stderr is not a terminal', seconds, 5)
    .option('--no-replica-sync', `with --enrich: ${NO_REPLICA_SYNC_HELP}`)
    .option('--no-replica-feed', 'with --enrich: rebuild the analytics replica after storing instead of writing it while storing (by default the import feeds it into an empty database or a replica in step: no rebuild at the end)')
    // The opt-in spelling of before the feed was the default: still accepted, now a no-op.
    .addOption(new Option('--replica-feed').hideHelp());
  withEnrichModelOptions(command, { batchSizeHelp: `verbatims per batch (default: 2,000)` })
    .action(
      async (files: string[], options: ImportCommandOptions) => {
        if (!options.redact) context.stderr.write('verbatim: import: --no-redact: comments and segment values are stored as written, personal data in them included\n');
        const { followupsSince, enrich, logEvery, replicaSync, replicaFeed, batchSize, threads, taxonomy, classifier, modelDir, sentiment, ...rest } = options;
        const model = { batchSize, threads, taxonomy, classifier, modelDir, sentiment };
        if (enrich !== true) {
          const given = ENRICH_MODEL_FLAGS.find(([key]) => model[key] !== undefined);
          if (given !== undefined) throw new UsageError(`${given[1]} chooses the models: it needs --enrich`);
        }
        const cutoff = followupsSince ?? DEFAULT_FOLLOWUP_CUTOFF;
        const { files: results, failures, followupsOpened, olderNote, enriched } = await withDatabase(context, async (db) => {
          const ingest = { ...importOptions(rest), secret: await authorSecretFor(db, context.env.dataDir) };
          let imported: ImportFilesResult;
          let enriched: EnrichedImportResult | undefined;
          if (enrich === true) {
            enriched = await importEnriched(context, db, [{ files, ingest }], { cutoff, model: definedOnly(model), logEveryMs: logEvery * 1000, feedReplica: replicaSync && replicaFeed });
            imported = enriched.jobs[0] as ImportFilesResult;
          } else imported = await importFiles(files, batchSize === undefined ? ingest : { ...ingest, batchSize }, importStore(db, { cutoff }), (line) => context.stderr.write(line), context.now());
          try {
            await alertsAfterWrite(context, db, 'import');
            // Without --enrich the rows are pending: `enrich` changes every one of them again and syncs then (one rebuild after a bulk load, not two).
            // With it, the replica the import fed as it stored is sealed instead of a rebuild.
            if (replicaSync && enrich === true) await syncReplicaAfterWrite(context, db, 'counted-or-present', enriched?.replicaFeed);
          } finally {
            await enriched?.replicaFeed?.discard();
          }
          return { ...imported, olderNote: await olderDetractorsNote(db, cutoff, context.now()), enriched };
        });
        for (const result of results) {
          context.stdout.write(
            `${result.file}: ${result.read} rows read, ${result.inserted} imported, ${result.duplicates} already there, ` +
              `${result.skipped} skipped, ${result.warnings} warnings` +
              (result.forgotten > 0 ? `, ${result.forgotten} of forgotten authors left out` : '') +
              '\n',
          );
        }
        if (enriched !== undefined) context.stdout.write(`enriched ${enriched.enriched} verbatims${enriched.failed > 0 ? `, ${enriched.failed} failed (still pending)` : ''}\n`);
        if (followupsOpened > 0) context.stdout.write(`${followupsOpened} detractor follow-ups opened (callback due 48 h after the answer)\n`);
        if (olderNote !== '') context.stdout.write(`${olderNote}\n`);
        if (failures.length > 0) throw new InputError(`${failures.length} of ${files.length} files could not be imported`);
      },
    );
};

interface ImportCommandOptions extends EnrichModelOptions {
  readonly source?: string;
  readonly map: Record<string, string>;
  readonly respondent?: Respondent;
  readonly dateFormat?: DateOrder;
  readonly redact: boolean;
  readonly identity: string[];
  readonly pii: string[];
  readonly followupsSince?: FollowupCutoff;
  readonly enrich?: boolean;
  readonly logEvery: number;
  /** False with `--no-replica-sync`. */
  readonly replicaSync: boolean;
  /** False with `--no-replica-feed`. */
  readonly replicaFeed: boolean;
}

/** The options given, without the keys left undefined (`exactOptionalPropertyTypes`-safe spreading). */
function definedOnly<T extends object>(options: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

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
