import path from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root.js';
import type { Respondent } from '../core/vocabulary.js';
import { DEFAULT_FOLLOWUP_CUTOFF, type FollowupCutoff } from '../db/followups.table.js';
import { modelPlaces } from './context.js';
import { FOLLOWUPS_SINCE_HELP, followupsSince, olderDetractorsNote } from './followups-since.js';
import type { CommandRegistration } from './program.js';
import { importEnriched } from './import-enrich.js';
import { withDatabase } from './with-database.js';
import { syncTaxonomyThemes } from './taxonomy-themes.js';

/** The bundled sample set: survey answers, reviews and an employee survey. */
const SAMPLE_FILES: readonly { readonly file: string; readonly source: string; readonly respondent: Respondent }[] = [
  { file: 'nps-survey-2026.csv', source: 'nps-survey-2026', respondent: 'customer' },
  { file: 'app-reviews.jsonl', source: 'app-reviews', respondent: 'customer' },
  { file: 'employee-survey.csv', source: 'employee-survey', respondent: 'employee' },
];

/**
 * `verbatim demo` (what `npm start` runs): imports the bundled samples enriched in one pass
 * (`import --enrich`), prints the report and writes it as Markdown, JSON, CSV and HTML. Running it
 * again imports nothing new and only enriches what is still pending.
 */
export const registerDemo: CommandRegistration = (program, context) => {
  program
    .command('demo')
    .description('import the bundled sample data, enrich it, print the report (what `npm start` runs)')
    .option('--followups-since <DATE|Nd|all>', `${FOLLOWUPS_SINCE_HELP}; Nd counts back from the newest sample answer`, followupsSince)
    .action(async (options: { followupsSince?: FollowupCutoff }) => {
      const cutoff = demoCutoff(options.followupsSince ?? DEFAULT_FOLLOWUP_CUTOFF);
      const log = context.stderr;
      const [{ buildReport }, { renderText }, { writeReportFiles }, { enrichPending }, { enrichStore }, { countPending }] = await Promise.all([
        import('../analysis/report.js'),
        import('../reports/render-text.js'),
        import('../reports/write-report-files.js'),
        import('../pipeline/enrich-pending.js'),
        import('../db/enrich-store.js'),
        import('../db/verbatims.table.js'),
      ]);
      const report = await withDatabase(context, async (db) => {
        const { authorSecretFor } = await import('../db/author-keys.js');
        const secret = await authorSecretFor(db, context.env.dataDir);
        // One pass (`import --enrich`): each sample file's batches are stored already enriched; the models load once.
        const jobs = SAMPLE_FILES.map((sample) => ({
          files: [path.join(PACKAGE_ROOT, 'samples', 'data', sample.file)],
          ingest: { source: sample.source, respondent: sample.respondent, redact: true, secret },
        }));
        const imported = await importEnriched(context, db, jobs, { cutoff, model: {}, logEveryMs: 5_000 });
        let followupsOpened = 0;
        imported.jobs.forEach((job, index) => {
          followupsOpened += job.followupsOpened;
          for (const result of job.files) log.write(`import ${SAMPLE_FILES[index]?.file ?? ''}: ${result.inserted} new, ${result.duplicates} already there, ${result.skipped} skipped\n`);
        });
        let processed = imported.enriched;
        // What an earlier run left pending (stopped half-way, or a verbatim the models failed on) is enriched here.
        if ((await countPending(db)) > 0) {
          const choice = await syncTaxonomyThemes(db, modelPlaces(context), {}, context.now());
          const enriched = await enrichPending({ store: enrichStore(db, { cutoff }), places: modelPlaces(context), choice, batchSize: 500, now: context.now, log });
          processed += enriched.processed;
          followupsOpened += enriched.followupsOpened;
        }
        const olderNote = await olderDetractorsNote(db, cutoff, context.now());
        log.write(`enrich: ${processed} verbatims, ${followupsOpened} detractor follow-ups opened${olderNote === '' ? '' : `; ${olderNote}`}\n\n`);
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
