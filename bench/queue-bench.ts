/**
 * The scale-out comparison of `npm run bench`: the same corpus enriched on PostgreSQL
 * by the in-process runner, then by BullMQ with 1 and with 2 `verbatim worker`
 * processes. Needs `REDIS_URL` and `DATABASE_URL` (a server where it may create and
 * drop databases); without them it says so and measures nothing.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createBenchDatabase as createDatabase } from './bench-database.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.join(here, '..', 'cli', 'main.js');

const BATCH_NOTE = '1,000 verbatims a job';

interface Measured {
  readonly label: string;
  readonly verbatims: number;
  readonly seconds: number;
}

/** Prints the comparison table (or why it was skipped) to stdout. */
export async function printQueueComparison(corpus: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const databaseUrl = env['DATABASE_URL'];
  const redisUrl = env['REDIS_URL'];
  if (!databaseUrl || !redisUrl) {
    console.log('\nscale-out (BullMQ) comparison skipped: set REDIS_URL and DATABASE_URL (a PostgreSQL server where the bench may create databases) to run it');
    return;
  }
  const template = await createDatabase(databaseUrl, 'tpl');
  try {
    // Imported once; each run starts from a copy, so all three enrich the same rows.
    await run(process.execPath, [CLI, 'import', corpus, '--source', 'bench'], { env: { ...env, DATABASE_URL: template.url }, maxBuffer: 1 << 24 });
    const phases: [string, string, number][] = [
      ['enrich on PostgreSQL, in-process runner', 'inprocess', 0],
      ['enrich on PostgreSQL, BullMQ, 1 worker', 'bullmq', 1],
      ['enrich on PostgreSQL, BullMQ, 2 workers', 'bullmq', 2],
      ['the queue alone (jobs that do nothing)', 'noop', 1],
    ];
    const measured: Measured[] = [];
    for (const [label, mode, workers] of phases) {
      const copy = await createDatabase(databaseUrl, mode, template.name);
      try {
        const { stdout } = await run(process.execPath, [path.join(here, 'queue-phase.js'), mode, String(workers), copy.url, redisUrl], { maxBuffer: 1 << 20 });
        const result = JSON.parse(stdout) as Record<string, number>;
        if ((result['still_pending'] ?? 0) > 0) console.log(`warning: ${label}: ${result['still_pending']} verbatims left pending`);
        measured.push({ label, verbatims: result['verbatims'] ?? 0, seconds: result['seconds'] ?? 0 });
      } finally {
        await copy.drop();
      }
    }
    printTable(measured);
  } finally {
    await template.drop();
  }
}

function printTable(measured: readonly Measured[]): void {
  const rate = (m: Measured): number => m.verbatims / Math.max(m.seconds, 1e-9);
  const rows = [
    ['scale-out (workers started, models loaded)', 'verbatims', 'seconds', 'verbatims/s'],
    ...measured.map((m) => [m.label, String(m.verbatims), m.seconds.toFixed(1), Math.round(rate(m)).toLocaleString('en-US')]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  console.log('');
  for (const row of rows) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '));
  const [inProcess, oneWorker, , queueAlone] = measured;
  if (inProcess !== undefined && oneWorker !== undefined && inProcess.verbatims > 0) {
    // Same compute (one process, 2 batches in flight) on both sides: the difference is what the queue costs, plus noise.
    const overheadUs = ((oneWorker.seconds - inProcess.seconds) / inProcess.verbatims) * 1e6;
    console.log(`queue overhead per verbatim, 1 worker vs in-process wall time: ${overheadUs.toFixed(0)} µs`);
  }
  if (queueAlone !== undefined && queueAlone.verbatims > 0) {
    console.log(`queue overhead per verbatim, jobs that do nothing: ${((queueAlone.seconds / queueAlone.verbatims) * 1e6).toFixed(1)} µs (${BATCH_NOTE})`);
  }
}
