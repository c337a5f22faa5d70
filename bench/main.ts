/**
 * `npm run bench`: throughput (verbatims/s) and peak memory of pipe mode and of the
 * embedded end-to-end run (import → enrich → report on PGlite) on a generated corpus.
 * `npm run bench -- accuracy` scores the models on the shared evaluation set;
 * `npm run bench -- train-public` only its `verbatim train` part: BANKING77 and the French product lines (train-public.ts);
 * `npm run bench -- tune` cross-validates the bundled classifiers' thresholds on cx-dev ∪ cx-dev-b (tune-thresholds.ts);
 * `npm run bench -- tune-overrides` which kinds of sentiment override help (tune-sentiment-overrides.ts).
 * Then the report on 100k and 1M verbatims (`npm run bench -- report` for that alone,
 * `--report-sizes 100000,1000000` to choose; see report-scale-phase.ts for how the rows are made).
 * With REDIS_URL and DATABASE_URL set, also the scale-out comparison (in-process vs
 * BullMQ with 1 and 2 workers on PostgreSQL, see queue-bench.ts).
 * Then p50/p95 of the HTTP API routes on 100k and 1M verbatims (`npm run bench -- web`
 * for that alone, `--web-sizes 100000` to choose; see web-api.ts).
 * `npm run bench -- replica [--sizes 100000,1000000]`: the report's ported sections on the source and on the DuckDB replica, cold (replica-bench.ts).
 * `npm run bench -- pipe [--size N] [--in FILE] [--sentiment combined]`: pipe-mode throughput of the fast tier alone, one thread, warm (pipe-one-thread.ts).
 * Options: `--size N` (default 100000); `--database-url URL` (or BENCH_DATABASE_URL, DATABASE_URL): a PostgreSQL server
 * where the report, web and import-enrich benches create a fresh database per phase (dropped after) instead of PGlite.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { benchServerUrl } from './bench-database.js';
import { writeCorpus } from './corpus.js';
import { printQueueComparison } from './queue-bench.js';
import { printReportScale } from './report-scale.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const sizeFlag = args.indexOf('--size');
const size = sizeFlag === -1 ? 100_000 : Number(args[sizeFlag + 1]);
const reportSizesFlag = args.indexOf('--report-sizes');
const reportSizes = reportSizesFlag === -1 ? [100_000, 1_000_000] : (args[reportSizesFlag + 1] ?? '').split(',').map(Number);
// `--database-url`, BENCH_DATABASE_URL or DATABASE_URL: the report, web and import-enrich phases run on that PostgreSQL server.
const serverUrl = benchServerUrl(args);

if (args[0] === 'accuracy') {
  await import('./accuracy.js');
} else if (args[0] === 'train-public') {
  await (await import('./train-public.js')).printTrainPublic();
} else if (args[0] === 'tune') {
  await import('./tune-thresholds.js');
} else if (args[0] === 'tune-overrides') {
  await import('./tune-sentiment-overrides.js');
} else if (args[0] === 'pipe') {
  await (await import('./pipe-one-thread.js')).printPipeOneThread(args.slice(1));
} else if (args[0] === 'report') {
  await printReportScale(reportSizes, serverUrl);
} else if (args[0] === 'replica') {
  const sizesFlag = args.indexOf('--sizes');
  const sizes = sizesFlag === -1 ? [100_000, 1_000_000] : (args[sizesFlag + 1] ?? '').split(',').map(Number);
  await (await import('./replica-bench.js')).printReplicaBench(sizes);
} else if (args[0] === 'import-enrich') {
  await (await import('./import-enrich-bench.js')).printImportEnrichBench(args.slice(1));
} else if (args[0] === 'web') {
  await (await import('./web-api.js')).runWebBenchFromArgs(args.slice(1));
} else {
  const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-bench-'));
  try {
    const corpus = path.join(dir, 'corpus.jsonl');
    await writeCorpus(corpus, size);
    const phase = async (name: string, threads?: number): Promise<Record<string, number>> => {
      const threadArgs = threads === undefined ? [] : [String(threads)];
      const { stdout } = await run(process.execPath, [path.join(here, 'phase.js'), name, corpus, path.join(dir, `db-${name}-${threads ?? 'default'}`), ...threadArgs], { maxBuffer: 1 << 20 });
      return JSON.parse(stdout) as Record<string, number>;
    };
    const pipeOne = await phase('pipe', 1);
    const pipe = await phase('pipe');
    const embeddedOne = await phase('embedded', 1);
    const embedded = await phase('embedded');
    const rate = (n: number | undefined, seconds: number | undefined): string => Math.round((n ?? 0) / (seconds ?? 1)).toLocaleString('en-US');
    const threads = (measured: Record<string, number>): string => `${measured['threads']} thread${measured['threads'] === 1 ? '' : 's'}`;
    const pipeRow = (measured: Record<string, number>): string[] => [
      `pipe mode, ${threads(measured)} (incl. start-up)`, String(measured['verbatims']), (measured['seconds'] ?? 0).toFixed(1), rate(measured['verbatims'], measured['seconds']), (measured['peak_rss_mb'] ?? 0).toFixed(0),
    ];
    const embeddedRows = (measured: Record<string, number>): string[][] => [
      [`embedded end to end, ${threads(measured)}`, String(measured['verbatims']), (measured['seconds'] ?? 0).toFixed(1), rate(measured['verbatims'], measured['seconds']), (measured['peak_rss_mb'] ?? 0).toFixed(0)],
      ['  import (PGlite)', '', (measured['import_s'] ?? 0).toFixed(1), rate(measured['verbatims'], measured['import_s']), ''],
      ['  enrich (PGlite)', '', (measured['enrich_s'] ?? 0).toFixed(1), rate(measured['enriched'], measured['enrich_s']), ''],
      ['  report (SQL aggregates)', '', (measured['report_s'] ?? 0).toFixed(2), '', ''],
    ];
    const rows = [['run', 'verbatims', 'seconds', 'verbatims/s', 'peak RSS (MB)'], pipeRow(pipeOne), pipeRow(pipe), ...embeddedRows(embeddedOne), ...embeddedRows(embedded)];
    const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
    for (const row of rows) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '));
    await printQueueComparison(corpus, serverUrl === undefined ? process.env : { ...process.env, DATABASE_URL: serverUrl });
    await printReportScale(reportSizes, serverUrl);
    const webSizes = args.indexOf('--web-sizes');
    const webServer = serverUrl === undefined ? [] : ['--database-url', serverUrl];
    await (await import('./web-api.js')).runWebBenchFromArgs([...(webSizes === -1 ? [] : ['--sizes', args[webSizes + 1] ?? '']), ...webServer]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
