import path from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root.js';
import type { Respondent } from '../core/vocabulary.js';
import { DEFAULT_FOLLOWUP_CUTOFF, type FollowupCutoff } from '../db/followups.table.js';
import { modelPlaces } from './context.js';
import { FOLLOWUPS_SINCE_HELP, followupsSince, olderDetractorsNote } from './followups-since.js';
import type { CommandRegistration } from './program.js';
import { withDatabase } from './with-database.js';
import { syncTaxonomyThemes } from './taxonomy-themes.js';

/** The bundled sample set: survey answers, reviews and an employee survey. */
const SAMPLE_FILES: readonly { readonly file: string; readonly source: string; readonly respondent: Respondent }[] = [
  { file: 'nps-survey-2026.csv', source: 'nps-survey-2026', respondent: 'customer' },
  { file: 'app-reviews.jsonl', source: 'app-reviews', respondent: 'customer' },
  { file: 'employee-survey.csv', source: 'employee-survey', respondent: 'employee' },
];

/**
 * `verbatim demo` (what `npm start` runs): imports the bundled samples, enriches
 * them, prints the report and writes it as Markdown, JSON, CSV and HTML. Running it again
 * imports nothing new and only enriches what is still pending.
 */
export const registerDemo: CommandRegistration = (program, context) => {
  program
    .command('demo')
    .description('import the bundled sample data, enrich it, print the report (what `npm start` runs)')
    .option('--followups-since <DATE|Nd|all>', `${FOLLOWUPS_SINCE_HELP}; Nd counts back from the newest sample answer`, followupsSince)
    .action(async (options: { followupsSince?: FollowupCutoff }) => {
      const cutoff = demoCutoff(options.followupsSince ?? DEFAULT_FOLLOWUP_CUTOFF);
      const log = context.stderr;
      const [{ buildReport }, { renderText }, { writeReportFiles }, { importFiles }, { importStore }, { enrichPending }, { enrichStore }] = await Promise.all([
        import('../analysis/report.js'),
        import('../reports/render-text.js'),
        import('../reports/write-report-files.js'),
        import('../imports/import-files.js'),
        import('../db/import-store.js'),
        import('../pipeline/enrich-pending.js'),
        import('../db/enrich-store.js'),
      ]);
      const report = await withDatabase(context, async (db) => {
        const { authorSecretFor } = await import('../db/author-keys.js');
        const secret = await authorSecretFor(db, context.env.dataDir);
        let followupsOpened = 0;
        for (const sample of SAMPLE_FILES) {
          const file = path.join(PACKAGE_ROOT, 'samples', 'data', sample.file);
          const options = { source: sample.source, respondent: sample.respondent, redact: true, secret };
          const { files, followupsOpened: opened } = await importFiles([file], options, importStore(db, { cutoff }), (line) => log.write(line), context.now());
          followupsOpened += opened;
          for (const result of files) log.write(`import ${sample.file}: ${result.inserted} new, ${result.duplicates} already there, ${result.skipped} skipped\n`);
        }
        const choice = await syncTaxonomyThemes(db, modelPlaces(context), {}, context.now()); // the active taxonomy version; the report labels themes from it
        const enriched = await enrichPending({ store: enrichStore(db, { cutoff }), places: modelPlaces(context), choice, batchSize: 500, now: context.now, log });
        const olderNote = await olderDetractorsNote(db, cutoff, context.now());
        log.write(`enrich: ${enriched.processed} verbatims, ${followupsOpened + enriched.followupsOpened} detractor follow-ups opened${olderNote === '' ? '' : `; ${olderNote}`}\n\n`);
        return buildReport(db, { respondent: 'customer' }, context.now());
      });
      context.stdout.write(renderText(report));
      const written = await writeReportFiles(report, path.join(context.env.dataDir, 'reports'), ['md', 'json', 'csv', 'html']);
      context.stdout.write(`\nFull reports: ${written.map((file) => path.relative(context.cwd, file)).join(', ')}\n`);
    });
};

/**
 * The samples are dated in the past: counted back from now, a week would open no callback
 * and the dashboard would show none; counted back from the newest sample answer, it opens
 * the handful a real programme would have in hand. A date or `all` is taken as given.
 */
function demoCutoff(cutoff: FollowupCutoff): FollowupCutoff {
  return cutoff.kind === 'days' ? { ...cutoff, before: 'newest-answer' } : cutoff;
}
