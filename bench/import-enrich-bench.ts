import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { benchServerUrl, createBenchDatabase } from './bench-database.js';
import { writeCsvCorpus } from './corpus.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const MODES = ['one-pass', 'two-step'] as const;
type Mode = (typeof MODES)[number];

/**
 * `npm run bench -- import-enrich [--size N] [--threads N] [--batch N] [--modes one-pass,two-step] [--database-url URL]`:
 * a generated N-verbatim CSV imported and enriched in one pass (`import --enrich`), then the same
 * file by `import` and `enrich`, each in a fresh process and database (import-enrich-phase.ts);
 * prints one row per mode. On PostgreSQL (`--database-url`, `BENCH_DATABASE_URL` or `DATABASE_URL`:
 * a server where the bench may create databases) each mode gets a new database, dropped after, and
 * the row adds the server's CPU seconds.
 */
export async function printImportEnrichBench(args: readonly string[]): Promise<void> {
  const flag = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at === -1 ? undefined : args[at + 1];
  };
  const size = Number(flag('--size') ?? 100_000);
  const batch = flag('--batch');
  const modes = (flag('--modes') ?? MODES.join(',')).split(',') as Mode[];
  if (modes.some((mode) => !MODES.includes(mode))) throw new Error(`bench import-enrich: --modes takes ${MODES.join(', ')}, got \`${flag('--modes')}\``);
  const server = benchServerUrl(args);
  const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-import-enrich-bench-'));
  try {
    const file = path.join(dir, 'corpus.csv');
    await writeCsvCorpus(file, size);
    const rows: string[][] = [['mode', 'verbatims', 'wall s', 'CPU s', 'server CPU s', 'verbatims/s', 'db writes s', 'share', 'peak RSS MB', 'load']];
    for (const mode of modes) {
      const database = server === undefined ? undefined : await createBenchDatabase(server, `import_${mode}`);
      try {
        const phaseArgs = [path.join(here, 'import-enrich-phase.js'), mode, file, path.join(dir, `db-${mode}`), flag('--threads') ?? '', batch ?? ''];
        const env = { ...process.env, DATABASE_URL: database?.url ?? '' };
        const { stdout } = await run(process.execPath, phaseArgs, { maxBuffer: 1 << 20, env });
        const measured = JSON.parse(stdout) as Record<string, number>;
        process.stderr.write(`bench import-enrich, ${mode}: ${stdout.trim()}\n`); // every statement's seconds
        rows.push([
          mode === 'one-pass' ? 'import --enrich' : 'import, then enrich',
          String(measured['enriched']),
          (measured['wall_s'] ?? 0).toFixed(1),
          (measured['cpu_s'] ?? 0).toFixed(1),
          measured['server_cpu_s'] === undefined ? '—' : measured['server_cpu_s'].toFixed(1),
          String(measured['verbatims_per_s']),
          (measured['db_write_s'] ?? 0).toFixed(1),
          `${Math.round((measured['db_write_share'] ?? 0) * 100)} %`,
          String(measured['peak_rss_mb']),
          `${(measured['load_start'] ?? 0).toFixed(1)}–${(measured['load_end'] ?? 0).toFixed(1)}`,
        ]);
      } finally {
        await database?.drop();
      }
    }
    console.log(`  (${server === undefined ? 'embedded PGlite' : 'PostgreSQL, a fresh database per mode'}; load = 1-minute load average at start and end)`);
    const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
    for (const row of rows) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
