import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

type Measured = Record<string, number | string>;

async function phase(args: readonly string[]): Promise<Measured> {
  const { stdout } = await run(process.execPath, [path.join(here, 'replica-phase.js'), ...args], { maxBuffer: 1 << 20, timeout: 3_600_000 });
  return JSON.parse(stdout) as Measured;
}

const ROWS: readonly (readonly [label: string, key: string])[] = [
  ['open the source database', 'open_s'],
  ['sync the replica', 'sync_s'],
  ['totals', 'totals_s'],
  ['theme drivers (themes ⋈ verbatims)', 'drivers_s'],
  ['key drivers (theme bitmask histogram)', 'key_drivers_s'],
  ['journey (steps, step × theme)', 'journey_s'],
  ['languages and sentiment', 'distributions_s'],
  ['breakdowns (journey, source, segments)', 'breakdowns_s'],
  ['trend (by month)', 'trend_s'],
  ['date range', 'date_range_s'],
  ['theme drivers, last 30 days', 'drivers_30_days_s'],
  ['whole `buildReport`', 'report_s'],
];

/**
 * `npm run bench -- replica [--sizes 100000,1000000]`: for each size, an embedded database
 * built as for the report bench, then in a fresh process each: the ported sections'
 * counts on the source; on the DuckDB replica with no file (full rebuild); again with the
 * file in sync (the version check only); and the whole report on each engine.
 */
export async function printReplicaBench(sizes: readonly number[]): Promise<void> {
  for (const size of sizes) {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-replica-bench-'));
    try {
      const build = await phase(['build', String(size), dir]);
      const columns: [string, Measured][] = [
        ['source', await phase(['sections', 'source', dir])],
        ['duckdb, rebuilt', await phase(['sections', 'duckdb', dir])],
        ['duckdb, in sync', await phase(['sections', 'duckdb', dir])],
      ];
      const reports = { source: await phase(['report', 'source', dir]), duckdb: await phase(['report', 'duckdb', dir]) };
      (columns[0] as [string, Measured])[1]['report_s'] = reports.source['report_s'] ?? '';
      (columns[2] as [string, Measured])[1]['report_s'] = reports.duckdb['report_s'] ?? '';
      const table = [[`${size.toLocaleString('en-US')} verbatims, cold process (s)`, ...columns.map(([name]) => name)]];
      for (const [label, key] of ROWS) table.push([`  ${label}`, ...columns.map(([, measured]) => seconds(measured[key]))]);
      table.push(['  peak RSS (MB)', ...columns.map(([, measured]) => Number(measured['peak_rss_mb'] ?? 0).toFixed(0))]);
      console.log('');
      const widths = table[0]?.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length))) ?? [];
      for (const row of table) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '));
      console.log(`  (database built in ${seconds(build['build_s'])} s; verbatims counted: ${String(columns[0]?.[1]['verbatims'] ?? '?')}; whole report: source in its own process, duckdb with the file in sync)`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

function seconds(value: number | string | undefined): string {
  return typeof value === 'number' ? value.toFixed(value < 10 ? 3 : 1) : '—';
}
