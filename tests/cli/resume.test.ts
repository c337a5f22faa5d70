import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeCorpus } from '../../bench/corpus.js';
import { openDatabase } from '../../db/open-database.js';
import { CLI, runCli } from './run-cli.js';
import { seedMigratedPglite } from '../support/pglite-template.js';

const TOTAL = 3_000;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verbatim-resume-'));
  env = { VERBATIM_DATA_DIR: path.join(dir, 'data') };
  await seedMigratedPglite(path.join(dir, 'data'));
  const corpus = path.join(dir, 'corpus.jsonl');
  await writeCorpus(corpus, TOTAL);
  const imported = await runCli(['import', corpus, '--source', 'bench'], { env });
  expect(imported.stdout).toContain(`${TOTAL} imported`);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Starts `enrich` as a process of its own and SIGKILLs it as soon as it reports a first batch saved
 * (`--log-every 0`: a progress line after every saved batch of 50): no clock involved, and some 2,900 rows
 * still to go when the kill lands. Resolves with the count it reported.
 */
function enrichAndKillAfterFirstBatch(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'enrich', '--batch-size', '50', '--log-every', '0'], { env: { ...process.env, ...env, DATABASE_URL: '' } });
    let done = 0;
    child.stderr.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/enrich: (\d+)\//g)) done = Math.max(done, Number(match[1]));
      if (done > 0 && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', () => resolve(done));
  });
}

/** What the embedded database holds, read once no process has it open. */
async function enrichmentState(): Promise<{ enriched: number; themeRows: number; distinctThemeRows: number }> {
  const opened = await openDatabase({ dataDir: env['VERBATIM_DATA_DIR'] });
  try {
    const { rows } = await sql<{ enriched: number; theme_rows: number; distinct_theme_rows: number }>`
      select (select count(*) from verbatims where enriched_at is not null)::int as enriched,
             (select count(*) from verbatim_themes)::int as theme_rows,
             (select count(*) from (select distinct verbatim_id, theme from verbatim_themes) t)::int as distinct_theme_rows`.execute(opened.db);
    const row = rows[0];
    return { enriched: row?.enriched ?? 0, themeRows: row?.theme_rows ?? 0, distinctThemeRows: row?.distinct_theme_rows ?? 0 };
  } finally {
    await opened.close();
  }
}

it('finishes a SIGKILLed enrich run on the next run, every verbatim enriched exactly once', async () => {
  const reachedBeforeKill = await enrichAndKillAfterFirstBatch();
  expect(reachedBeforeKill).toBeGreaterThan(0);
  expect(reachedBeforeKill).toBeLessThan(TOTAL);
  // Killed mid-way: what it saved (each batch in one transaction) is there, the rest is pending.
  const afterKill = await enrichmentState();
  expect(afterKill.enriched).toBeGreaterThanOrEqual(reachedBeforeKill);
  expect(afterKill.enriched).toBeLessThan(TOTAL);

  const second = await runCli(['enrich'], { env });
  expect(second.code).toBe(0);
  const resumed = Number(/enriched (\d+) verbatims/.exec(second.stdout)?.[1]);
  // The second run does only what the first did not save (a batch in flight at the kill is redone, never doubled).
  expect(resumed).toBeGreaterThan(0);
  expect(resumed).toBeLessThanOrEqual(TOTAL - reachedBeforeKill);
  expect(resumed).toBe(TOTAL - afterKill.enriched);

  const report = JSON.parse((await runCli(['report', '--format', 'json'], { env })).stdout) as { verbatims: number; enriched: number };
  expect(report).toMatchObject({ verbatims: TOTAL, enriched: TOTAL });
  const exported = (await runCli(['export'], { env })).stdout.trim().split('\n');
  expect(exported).toHaveLength(TOTAL);
  expect(new Set(exported.map((line) => (JSON.parse(line) as { id: string }).id)).size).toBe(TOTAL);
  // No theme written twice for a verbatim, across the kill and the resume.
  const final = await enrichmentState();
  expect(final.enriched).toBe(TOTAL);
  expect(final.themeRows).toBeGreaterThan(0);
  expect(final.themeRows).toBe(final.distinctThemeRows);
}, 120_000);
