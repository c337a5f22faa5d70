import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { writeCsvCorpus } from './corpus.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * `npm run bench -- import-enrich [--size N] [--threads N] [--batch N]`: a generated N-verbatim CSV imported and
 * enriched in one pass (`import --enrich`), then the same file by `import` and `enrich`, each in a
 * fresh process and database (import-enrich-phase.ts); prints one row per mode.
 */
export async function printImportEnrichBench(args: readonly string[]): Promise<void> {
  const flag = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at === -1 ? undefined : args[at + 1];
  };
  const size = Number(flag('--size') ?? 100_000);
  const batch = flag('--batch');
  const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-import-enrich-bench-'));
  try {
    const file = path.join(dir, 'corpus.csv');
    await writeCsvCorpus(file, size);
    const rows: string[][] = [['mode', 'verbatims', 'wall s', 'CPU s', 'verbatims/s', 'db writes s', 'share', 'peak RSS MB']];
    for (const mode of ['one-pass', 'two-step'] as const) {
      const phaseArgs = [path.join(here, 'import-enrich-phase.js'), mode, file, path.join(dir, `db-${mode}`), flag('--threads') ?? '', batch ?? ''];
      const { stdout } = await run(process.execPath, phaseArgs, { maxBuffer: 1 << 20 });
      const measured = JSON.parse(stdout) as Record<string, number>;
      rows.push([
        mode === 'one-pass' ? 'import --enrich' : 'import, then enrich',
        String(measured['enriched']),
        (measured['wall_s'] ?? 0).toFixed(1),
        (measured['cpu_s'] ?? 0).toFixed(1),
        String(measured['verbatims_per_s']),
        (measured['db_write_s'] ?? 0).toFixed(1),
        `${Math.round((measured['db_write_share'] ?? 0) * 100)} %`,
        String(measured['peak_rss_mb']),
      ]);
    }
    const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
    for (const row of rows) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
