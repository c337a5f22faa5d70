import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { exportVerbatims } from '../db/verbatims.table.js';
import { EXPORT_FORMATS, writeExport, type ExportFormat } from '../reports/export.js';
import { oneOf } from './option-parsers.js';
import type { CommandRegistration } from './program.js';
import { withDatabase } from './with-database.js';

/** `verbatim export`: every enriched verbatim with its enrichment, as JSONL or CSV. */
export const registerExport: CommandRegistration = (program, context) => {
  program
    .command('export')
    .description('every enriched verbatim with its enrichment (pipe-mode fields), as JSONL or CSV')
    .option('--format <format>', EXPORT_FORMATS.join(' | '), oneOf(EXPORT_FORMATS), 'jsonl')
    .option('--out <file>', 'output file (default: stdout)')
    .action(async (options: { format: ExportFormat; out?: string }) => {
      const out = options.out === undefined || options.out === '-' ? context.stdout : createWriteStream(options.out);
      const count = await withDatabase(context, (db) => writeExport(exportVerbatims(db, { batchSize: 2_000 }), options.format, out));
      if (out !== context.stdout) {
        out.end();
        await finished(out);
      }
      context.stderr.write(`export: ${count} verbatims\n`);
    });
};
