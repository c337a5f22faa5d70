import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Times `buildReport` (and one root cause) on embedded databases of each size, each in
 * its own process and folder, and prints a table. The enriched rows are generated
 * through the database (see report-scale-phase.ts), which the output says.
 */
export async function printReportScale(sizes: readonly number[]): Promise<void> {
  const rows = [['report on PGlite', 'verbatims', 'build (s)', 'report (s)', 'again (s)', 'root cause (s)', 'replica build (s)', 'replica: report (s)', 'again (s)', 'root cause (s)', 'peak RSS (MB)']];
  for (const size of sizes) {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-report-scale-'));
    try {
      const { stdout } = await run(process.execPath, [path.join(here, 'report-scale-phase.js'), String(size), dir], { maxBuffer: 1 << 20, timeout: 3_600_000 });
      const result = JSON.parse(stdout) as Record<string, number>;
      rows.push([
        `  ${size.toLocaleString('en-US')}`,
        (result['verbatims'] ?? 0).toLocaleString('en-US'),
        (result['build_s'] ?? 0).toFixed(1),
        (result['report_s'] ?? 0).toFixed(2),
        (result['report_again_s'] ?? 0).toFixed(2),
        (result['root_cause_s'] ?? 0).toFixed(2),
        (result['replica_build_s'] ?? 0).toFixed(2),
        (result['replica_report_s'] ?? 0).toFixed(2),
        (result['replica_report_again_s'] ?? 0).toFixed(2),
        (result['replica_root_cause_s'] ?? 0).toFixed(2),
        (result['peak_rss_mb'] ?? 0).toFixed(0),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  console.log('');
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  for (const row of rows) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '));
  console.log('  (rows: 5,000 generated verbatims imported and enriched by the pipeline, then copied in SQL with new ids and shifted dates;');
  console.log('   build = that set-up; report = first run after the load, again = a second run, on the database (--engine source);');
  console.log('   replica = the same views on the DuckDB analytics replica after its first build (the default engine from 50,000 verbatims); peak RSS is the whole process)');
}
