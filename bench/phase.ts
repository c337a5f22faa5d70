/**
 * One measured phase, run in its own process so its peak memory is its own:
 * `node dist/bench/phase.js pipe|embedded CORPUS DATA_DIR [THREADS]` prints one JSON line.
 * THREADS: enrichment threads, as `enrich --threads` (default: the command's default).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';

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
const result: Record<string, number> = { threads };

if (phase === 'pipe') {
  const { runPipeMode } = await import('../pipeline/pipe-mode.js');
  const pipeline = await openEnrichmentPipeline(places, {}, threads);
  try {
    const { lines } = await runPipeMode({ input: createReadStream(corpus), output: createWriteStream('/dev/null'), pipeline, batchSize: 1000, concurrency: defaultConcurrency(threads) });
    result['verbatims'] = lines;
  } finally {
    await pipeline.close();
  }
} else {
  // The product's own use cases, as `verbatim import` then `verbatim enrich` run them.
  const { openDatabase } = await import('../db/open-database.js');
  const { authorSecretFor } = await import('../db/author-keys.js');
  const { importStore } = await import('../db/import-store.js');
  const { enrichStore } = await import('../db/enrich-store.js');
  const { importFiles } = await import('../imports/import-files.js');
  const { enrichPending } = await import('../pipeline/enrich-pending.js');
  const { buildReport } = await import('../analysis/report.js');
  const opened = await openDatabase({ dataDir });
  const { db } = opened;
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  const importStart = performance.now();
  const secret = await authorSecretFor(db, dataDir ?? places.dataDir);
  const { files } = await importFiles([corpus], { source: 'bench', secret }, importStore(db), () => undefined, new Date());
  result['import_s'] = (performance.now() - importStart) / 1000;
  const enrichStart = performance.now();
  const run = await enrichPending({ store: enrichStore(db), places, choice: {}, batchSize: 500, threads, now: () => new Date(), log: quiet });
  result['enrich_s'] = (performance.now() - enrichStart) / 1000;
  const reportStart = performance.now();
  await buildReport(db, {}, new Date());
  result['report_s'] = (performance.now() - reportStart) / 1000;
  await opened.close();
  result['verbatims'] = files[0]?.inserted ?? 0;
  result['enriched'] = run.processed;
}
result['seconds'] = (performance.now() - started) / 1000;
result['peak_rss_mb'] = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify(result)}\n`);
