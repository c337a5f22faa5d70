import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { JOURNEY_STEPS, RESPONDENTS, type JourneyStep, type Respondent } from '../core/vocabulary.js';
import { knownThemeLabel } from '../db/theme-label.js';
import { exportVerbatims, type ExportFilter } from '../db/verbatims.table.js';
import { EXPORT_FORMATS, writeExport, type ExportFormat } from '../reports/export.js';
import { isoDate, oneOf, segmentPair } from './option-parsers.js';
import type { CommandRegistration } from './program.js';
import { withDatabase } from './with-database.js';

interface ExportOptions {
  readonly format: ExportFormat;
  readonly out?: string;
  readonly theme?: string;
  readonly from?: string;
  readonly to?: string;
  readonly source?: string;
  readonly respondent?: Respondent;
  readonly journey?: JourneyStep;
  readonly segment: Record<string, string>;
}

/** `verbatim export`: the enriched verbatims with their enrichment, as JSONL or CSV, all of them or those the filters keep. */
export const registerExport: CommandRegistration = (program, context) => {
  program
    .command('export')
    .description('enriched verbatims with their enrichment (pipe-mode fields), as JSONL or CSV; filters combine with AND')
    .option('--format <format>', EXPORT_FORMATS.join(' | '), oneOf(EXPORT_FORMATS), 'jsonl')
    .option('--out <file>', 'output file (default: stdout); a CSV file starts with a UTF-8 BOM for Excel, stdout never does')
    .option('--theme <id>', 'only verbatims tagged with this theme (or one of its sub-themes)')
    .option('--from <date>', 'created from this date (inclusive)', isoDate)
    .option('--to <date>', 'created before this date (exclusive)', isoDate)
    .option('--source <name>', 'only this source')
    .option('--respondent <who>', `only ${RESPONDENTS.join(' | ')} answers`, oneOf(RESPONDENTS))
    .option('--journey <step>', `only this journey step: ${JOURNEY_STEPS.join(' | ')}`, oneOf(JOURNEY_STEPS))
    .option('--segment <key=value...>', 'only this segment (repeatable)', segmentPair, {})
    .action(async (options: ExportOptions) => {
      const filter = exportFilter(options);
      let out: Writable = context.stdout;
      const count = await withDatabase(context, async (db) => {
        // A typo in --theme is refused (as `report --theme` does), before any output file is created.
        if (filter.theme !== undefined) await knownThemeLabel(db, filter.theme);
        if (options.out !== undefined && options.out !== '-') out = createWriteStream(options.out);
        return writeExport(exportVerbatims(db, { batchSize: 2_000, filter }), options.format, out, { bom: out !== context.stdout });
      });
      if (out !== context.stdout) {
        out.end();
        await finished(out);
      }
      context.stderr.write(`export: ${count} verbatims\n`);
    });
};

/** The filter of the options given; an option left out narrows nothing. */
function exportFilter(options: ExportOptions): ExportFilter {
  return {
    ...(options.theme === undefined ? {} : { theme: options.theme }),
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.to === undefined ? {} : { to: options.to }),
    ...(options.source === undefined ? {} : { source: options.source }),
    ...(options.respondent === undefined ? {} : { respondent: options.respondent }),
    ...(options.journey === undefined ? {} : { journey: options.journey }),
    ...(Object.keys(options.segment).length === 0 ? {} : { segments: options.segment }),
  };
}
