import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '../../db/open-database.js';
import { runCli } from './run-cli.js';

let dir: string;
let env: Record<string, string>;
let survey: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verbatim-cli-'));
  env = { VERBATIM_DATA_DIR: path.join(dir, 'data') };
  survey = path.join(dir, 'survey.csv');
  await writeFile(
    survey,
    [
      'id;date;score;commentaire;branch;email',
      '1;02/03/2026;2;Les frais sont exorbitants, contactez-moi à jean@example.com;Lyon;jean@example.com',
      '2;03/03/2026;10;Conseillère très aimable et efficace;Lyon;marie@example.com',
      '3;04/03/2026;onze;;Paris;paul@example.com',
      '4;05/03/2026;9;;Paris;luc@example.com',
      '5;06/03/2026;4;45 minutes d\'attente au téléphone;Paris;jean@example.com',
    ].join('\n'),
  );
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the embedded flow: import → enrich → report → export → forget', () => {
  it('imports valid rows, reports the bad one with its line and field, and adds nothing the second time', async () => {
    // The answers are from March: `--followups-since all` opens their callbacks (the default keeps the last 7 days).
    const first = await runCli(['import', survey, '--source', 'nps', '--followups-since', 'all'], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('4 rows read');
    expect(first.stdout).toContain('4 imported');
    // NPS 2 and 4: their callbacks are due from the answer, so they open at import, before any enrich.
    expect(first.stdout).toContain('2 detractor follow-ups opened');
    expect(first.stderr).toContain(`${survey}:4: field \`nps\`: skipped: expected a whole number from 0 to 10, got \`onze\``);
    const second = await runCli(['import', survey, '--source', 'nps'], { env });
    expect(second.stdout).toContain('0 imported, 4 already there');
    expect(second.stdout).not.toContain('follow-ups opened');
    // The import left the planner its statistics (PGlite has no autovacuum): 4 rows estimated, not "never analysed".
    const opened = await openDatabase({ dataDir: env['VERBATIM_DATA_DIR'] });
    try {
      const estimate = await sql<{ n: number }>`select reltuples::int as n from pg_class where relname = 'verbatims' and relkind = 'r'`.execute(opened.db);
      expect(estimate.rows[0]?.n).toBe(4);
    } finally {
      await opened.close();
    }
  });

  it('enriches what is pending, then nothing the second time', async () => {
    const first = await runCli(['enrich'], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('enriched 4 verbatims');
    expect((await runCli(['enrich'], { env })).stdout).toContain('enriched 0 verbatims');
  });

  it('reports NPS, drivers and journey as JSON per the contract', async () => {
    const run = await runCli(['report', '--format', 'json', '--min-count', '1'], { env });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { nps: Record<string, unknown>; drivers: Record<string, unknown>[]; journey: unknown[] };
    // 2, 10, 9, 4 → 2 P, 0 N, 2 D → 0
    expect(report.nps).toMatchObject({ score: 0, n: 4, promoters: 2, passives: 0, detractors: 2 });
    expect(Object.keys(report.drivers[0] ?? {})).toEqual(expect.arrayContaining(['theme', 'count', 'share', 'sentiment_score', 'nps_with', 'nps_without', 'impact', 'ci95', 'significant']));
    expect(report.drivers.map((driver) => driver['theme'])).toEqual(expect.arrayContaining(['fees_pricing', 'advisor_quality', 'reachability_wait']));
  });

  it('stored the text with the email redacted, and exports it', async () => {
    const run = await runCli(['export', '--format', 'jsonl'], { env });
    const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { text: string; external_id: string });
    expect(records).toHaveLength(4);
    expect(records.find((record) => record.external_id === '1')?.text).toBe('Les frais sont exorbitants, contactez-moi à [EMAIL]');
    expect(run.stdout).not.toContain('jean@example.com');
  });

  it('opens a follow-up for each detractor', async () => {
    const run = await runCli(['followups', 'list', '--json'], { env });
    const rows = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { nps: number; due_at: string; answered_at: string });
    expect(rows.map((row) => row.nps).sort()).toEqual([2, 4]);
    for (const row of rows) expect(new Date(row.due_at).getTime() - new Date(row.answered_at).getTime()).toBe(48 * 3600 * 1000);
  });

  it('forgets an author, says how many rows went, and deletes the analytics replica that held them', async () => {
    expect((await runCli(['report', '--format', 'json', '--engine', 'duckdb'], { env })).code).toBe(0);
    const replicaFiles = async (): Promise<string[]> => (await readdir(env['VERBATIM_DATA_DIR'] ?? '')).filter((name) => name.startsWith('analytics'));
    expect(await replicaFiles()).toContain('analytics.duckdb');
    const run = await runCli(['forget', '--author', 'jean@example.com'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/: 2 verbatims, \d+ theme tags, 2 follow-ups deleted/);
    expect(run.stdout).toContain('removed the analytics replica');
    expect(await replicaFiles()).toEqual([]);
    const report = JSON.parse((await runCli(['report', '--format', 'json'], { env })).stdout) as { nps: { n: number } };
    expect(report.nps.n).toBe(2);
  });

  it.each([
    ['binary', Buffer.from([0, 1, 2, 3, 255, 0]), 'this is a binary file'],
    ['empty', Buffer.alloc(0), 'the file is empty'],
  ])('rejects a %s file with one line and exit code 1', async (name, content, message) => {
    const file = path.join(dir, `${name}.csv`);
    await writeFile(file, content);
    const run = await runCli(['import', file], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`verbatim: ${file}: ${message}`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('verbatim --help', () => {
  it('lists the commands', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['import', 'enrich', 'report', 'export', 'followups', 'forget', 'demo']) expect(run.stdout).toContain(command);
  });
});
