import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { REPLICA_FROM_VERBATIMS } from '../analysis/report-engine-choice.js';
import { createBenchDatabase } from './bench-database.js';
import { coldCommand, type ColdRun } from './cold-command.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Times `buildReport` (and one root cause) on databases of each size, each in its own process
 * and folder, then `verbatim report` and `verbatim report --theme` twice each in fresh processes
 * (cold, default engine), and prints two tables. The enriched rows are generated through the
 * database (see report-scale-phase.ts), which the output says. `serverUrl`: a PostgreSQL server
 * where each size gets a fresh database (dropped after); otherwise embedded PGlite.
 */
export async function printReportScale(sizes: readonly number[], serverUrl?: string): Promise<void> {
  const engine = serverUrl === undefined ? 'PGlite' : 'PostgreSQL';
  const rows = [[`report on ${engine}`, 'verbatims', 'build (s)', 'report (s)', 'again (s)', 'root cause (s)', 'replica build (s)', 'replica: report (s)', 'again (s)', 'root cause (s)', 'peak RSS (MB)']];
  const cold = [[`cold process on ${engine} (default engine)`, 'verbatims', 'wall (s)', 'CPU (s)', 'peak RSS (MB)', 'load']];
  for (const size of sizes) {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-report-scale-'));
    const database = serverUrl === undefined ? undefined : await createBenchDatabase(serverUrl, `report_${size}`);
    try {
      const env = { ...process.env, DATABASE_URL: database?.url ?? '', VERBATIM_DATA_DIR: dir, DOTENV_CONFIG_QUIET: 'true' };
      const { stdout } = await run(process.execPath, [path.join(here, 'report-scale-phase.js'), String(size), dir], { maxBuffer: 1 << 20, timeout: 3_600_000, env });
      const result = JSON.parse(stdout) as Record<string, number | string>;
      process.stderr.write(`bench report, ${size}: ${stdout.trim()}\n`); // server CPU seconds and RSS growth too
      const number = (key: string): number => Number(result[key] ?? 0);
      rows.push([
        `  ${size.toLocaleString('en-US')}`,
        number('verbatims').toLocaleString('en-US'),
        number('build_s').toFixed(1),
        number('report_s').toFixed(2),
        number('report_again_s').toFixed(2),
        number('root_cause_s').toFixed(2),
        number('replica_build_s').toFixed(2),
        number('replica_report_s').toFixed(2),
        number('replica_report_again_s').toFixed(2),
        number('replica_root_cause_s').toFixed(2),
        number('peak_rss_mb').toFixed(0),
      ]);
      const commands: [string, string[]][] = [['verbatim report --format json', ['report', '--format', 'json']]];
      if (typeof result['theme'] === 'string') commands.push([`verbatim report --theme ${result['theme']}`, ['report', '--theme', result['theme'], '--format', 'json']]);
      for (const [label, args] of commands) {
        for (let round = 1; round <= 2; round++) {
          const load = loadavg()[0] ?? 0;
          const measured: ColdRun = await coldCommand(args, env);
          cold.push([`  ${label} (${round})`, number('verbatims').toLocaleString('en-US'), measured.wall_s.toFixed(2), measured.cpu_s.toFixed(2), measured.peak_rss_mb.toFixed(0), load.toFixed(1)]);
        }
      }
    } finally {
      await database?.drop();
      await rm(dir, { recursive: true, force: true });
    }
  }
  console.log('');
  printTable(rows);
  console.log('  (rows: 5,000 generated verbatims imported and enriched by the pipeline, then copied in SQL with new ids and shifted dates;');
  console.log('   build = that set-up; report = first run after the load, again = a second run, on the database (--engine source);');
  console.log(`   replica = the same views on the DuckDB analytics replica after its first build (the default engine from ${REPLICA_FROM_VERBATIMS.toLocaleString('en-US')} verbatims); peak RSS is the whole process)`);
  console.log('');
  printTable(cold);
  console.log('  (each a fresh `verbatim` process with the replica in sync, output discarded; load = 1-minute load average when it started)');
}

function printTable(rows: readonly (readonly string[])[]): void {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  for (const row of rows) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '));
}
