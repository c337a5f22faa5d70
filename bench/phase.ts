/**
 * One measured phase, run in its own process so its peak memory is its own:
 * `node dist/bench/phase.js pipe|embedded CORPUS DATA_DIR [THREADS]` prints one JSON line.
 * THREADS: enrichment threads, as `enrich --threads` (default: the command's default).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

process.env['DOTENV_CONFIG_QUIET'] ??= 'true';
const [phase, corpus, dataDir, threadsArg] = process.argv.slice(2);
if (corpus === undefined || (phase !== 'pipe' && phase !== 'embedded')) {
  process.stderr.write('usage: phase.js pipe|embedded CORPUS [DATA_DIR] [THREADS]\n');
  process.exit(1);
}

const started = performance.now();
const { defaultConcurrency, defaultThreads, openEnrichmentPipeline } = await import('../pipeline/enrichment-pipeline.js');
// As the CLI with an empty environment: the default data folder, the fast tier.
const places = { cwd: process.cwd(), dataDir: path.resolve('.verbatim'), modelDir: undefined };
const threads = threadsArg === undefined ? defaultThreads(places, {}) : Number(threadsArg);
const pipeline = await openEnrichmentPipeline(places, {}, threads);
const result: Record<string, number> = { threads };

if (phase === 'pipe') {
  const { runPipeMode } = await import('../pipeline/pipe-mode.js');
  const { lines } = await runPipeMode({ input: createReadStream(corpus), output: createWriteStream('/dev/null'), pipeline, batchSize: 1000, concurrency: defaultConcurrency(threads) });
  result['verbatims'] = lines;
} else {
  const { openDatabase } = await import('../db/open-database.js');
  const { insertVerbatims, pendingVerbatims, saveEnrichments } = await import('../db/verbatims.table.js');
  const { ingestSurveyFile } = await import('../imports/ingest.js');
  const { InProcessRunner } = await import('../pipeline/in-process-runner.js');
  const { buildReport } = await import('../analysis/report.js');
  const opened = await openDatabase({ dataDir });
  const { db } = opened;
  const importStart = performance.now();
  // As `verbatim import` does: redacted, in batches of 2,000.
  const { inserted: imported } = await ingestSurveyFile(corpus, { source: 'bench' }, (batch) => insertVerbatims(db, batch), () => undefined);
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
