/**
 * One measured phase, run in its own process so its peak memory is its own:
 * `node dist/bench/phase.js pipe|embedded CORPUS DATA_DIR [THREADS]` prints one JSON line.
 * THREADS: enrichment threads, as `enrich --threads` (default: the command's default).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';

process.env['DOTENV_CONFIG_QUIET'] ??= 'true';
const [phase, corpus, dataDir, threadsArg] = process.argv.slice(2);
if (corpus === undefined || (phase !== 'pipe' && phase !== 'embedded')) {
  process.stderr.write('usage: phase.js pipe|embedded CORPUS [DATA_DIR] [THREADS]\n');
  process.exit(1);
}

const started = performance.now();
const { defaultConcurrency, defaultThreads, openEnrichmentPipeline } = await import('../cli/enrichment-pipeline.js');
const { readEnvironment } = await import('../cli/environment.js');
const context = { env: readEnvironment({}, process.cwd()), cwd: process.cwd() };
const threads = threadsArg === undefined ? defaultThreads(context, {}) : Number(threadsArg);
const pipeline = await openEnrichmentPipeline(context, {}, threads);
const result: Record<string, number> = { threads };

if (phase === 'pipe') {
  const { runPipeMode } = await import('../pipeline/pipe-mode.js');
  const { lines } = await runPipeMode({ input: createReadStream(corpus), output: createWriteStream('/dev/null'), pipeline, batchSize: 1000, concurrency: defaultConcurrency(threads) });
  result['verbatims'] = lines;
} else {
  const { openDatabase } = await import('../db/open-database.js');
  const { insertVerbatims, pendingVerbatims, saveEnrichments } = await import('../db/verbatims.table.js');
  const { readSurveyFile } = await import('../imports/import-file.js');
  const { InProcessRunner } = await import('../pipeline/in-process-runner.js');
  const { buildReport } = await import('../analysis/report.js');
  const { redactPii } = await import('../pipeline/stages/redact-pii.js');
  const opened = await openDatabase({ dataDir });
  const { db } = opened;
  const importStart = performance.now();
  let batch = [];
  let imported = 0;
  for await (const event of readSurveyFile(corpus, { source: 'bench' })) {
    if (event.kind !== 'record') continue;
    batch.push({ ...event.verbatim, text: redactPii(event.verbatim.text) });
    if (batch.length === 2000) {
      imported += (await insertVerbatims(db, batch)).inserted;
      batch = [];
    }
  }
  imported += (await insertVerbatims(db, batch)).inserted;
  result['import_s'] = (performance.now() - importStart) / 1000;
  const enrichStart = performance.now();
  const run = await new InProcessRunner({ concurrency: threads + 1 }).run({
    source: pendingVerbatims(db, { batchSize: 1000 }),
    pipeline,
    sink: { write: async (items) => void (await saveEnrichments(db, items)) },
  });
  // As `verbatim enrich` does at the end of a run.
  const { refreshPlannerStatistics } = await import('../db/planner-statistics.js');
  await refreshPlannerStatistics(db);
  result['enrich_s'] = (performance.now() - enrichStart) / 1000;
  const reportStart = performance.now();
  await buildReport(db, {}, new Date());
  result['report_s'] = (performance.now() - reportStart) / 1000;
  await opened.close();
  result['verbatims'] = imported;
  result['enriched'] = run.processed;
}
await pipeline.close();
result['seconds'] = (performance.now() - started) / 1000;
result['peak_rss_mb'] = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify(result)}\n`);
