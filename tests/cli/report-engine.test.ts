import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedViews } from '../analysis/views-fixture.js';
import { runCli } from './run-cli.js';
import { seededDataDir, type SeededDataDir } from './seeded-data-dir.js';

/** One clock for every run: the follow-ups' hours late would otherwise differ between two runs. */
const NOW = new Date('2026-12-01T12:00:00.000Z');
const now = (): Date => NOW;

/** `verbatim report --engine duckdb` (issue 13's opt-in replica) on the hand-computed views fixture. */
describe('verbatim report --engine', () => {
  let seeded: SeededDataDir;
  let env: Record<string, string>;
  const replica = () => path.join(env['VERBATIM_DATA_DIR'] as string, 'analytics.duckdb');
  const report = async (args: readonly string[], extraEnv: Record<string, string> = {}) => {
    const run = await runCli(['report', '--format', 'json', '--min-count', '1', '--granularity', 'month', ...args], { env: { ...env, ...extraEnv }, now });
    expect(run.stderr).toBe('');
    const { generated_at: _ignored, ...rest } = JSON.parse(run.stdout) as Record<string, unknown>;
    return rest;
  };
  beforeAll(async () => {
    seeded = await seededDataDir('report-engine', seedViews);
    env = seeded.env;
  });
  afterAll(async () => {
    await seeded.remove();
  });

  it('the default engine (auto) on small data writes no replica; --engine duckdb writes <data dir>/analytics.duckdb and prints the same report', async () => {
    const source = await report([]);
    await expect(access(replica())).rejects.toThrow();
    const duckdb = await report(['--engine', 'duckdb']);
    await access(replica());
    expect(duckdb).toEqual(source);
    expect(duckdb['nps']).toMatchObject({ score: 30, n: 10 });
  });

  it('VERBATIM_REPORT_ENGINE=duckdb chooses it too, and --engine source wins over it', async () => {
    const fromEnv = await report(['--segment', 'branch=Lyon'], { VERBATIM_REPORT_ENGINE: 'duckdb' });
    const source = await report(['--segment', 'branch=Lyon', '--engine', 'source'], { VERBATIM_REPORT_ENGINE: 'duckdb' });
    expect(fromEnv).toEqual(source);
    expect(fromEnv['nps']).toMatchObject({ score: 100, n: 5 });
  });

  it('report --theme --engine duckdb (root cause) syncs the replica and prints the same root cause as the source', async () => {
    const [first] = (await report([]))['drivers'] as { theme: string }[];
    const theme = first?.theme ?? '';
    const rootCause = async (engine: string) => {
      const run = await runCli(['report', '--theme', theme, '--format', 'json', '--engine', engine], { env, now });
      expect(run.stderr).toBe('');
      const { generated_at: _ignored, ...rest } = JSON.parse(run.stdout) as Record<string, unknown>;
      return rest;
    };
    await rm(replica(), { force: true });
    const source = await rootCause('source');
    await expect(access(replica())).rejects.toThrow();
    const duckdb = await rootCause('duckdb');
    await access(replica());
    expect(duckdb).toEqual(source);
    expect(duckdb['theme']).toBe(theme);
  });

  it('report --compare --engine duckdb counts the period comparison on the replica, as the source does', async () => {
    const args = ['--from', '2026-03-01', '--to', '2026-04-01', '--compare', '2026-02-01..2026-03-01'];
    const source = await report([...args, '--engine', 'source']);
    const duckdb = await report([...args, '--engine', 'duckdb']);
    expect(duckdb).toEqual(source);
    // February has 4 of the fixture's answers, March 6.
    expect(duckdb['comparison']).toMatchObject({ previous: { n: 4 }, current: { n: 6 } });
    expect((duckdb['comparison'] as { contributions: unknown[] }).contributions.length).toBeGreaterThan(1);
  });

  it('an unknown engine is a usage error (exit 1)', async () => {
    const run = await runCli(['report', '--engine', 'sqlite'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('sqlite');
    const fromEnv = await runCli(['report'], { env: { ...env, VERBATIM_REPORT_ENGINE: 'sqlite' } });
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.stderr).toContain('VERBATIM_REPORT_ENGINE');
  });

  // Last: it adds rows. The report starts on the replica file before the database opens (cli/report.ts);
  // here the file is a write behind, so that early work must be dropped and the new rows counted.
  it('a report after a write the replica has not seen counts the new rows, as the source does', async () => {
    const before = await report(['--engine', 'duckdb']);
    const folder = await mkdtemp(path.join(tmpdir(), 'verbatim-t-report-engine-'));
    try {
      const csv = path.join(folder, 'more.csv');
      await writeFile(csv, ['id,date,score,comment', 'late1,2026-03-02,0,the fees are far too high', 'late2,2026-03-03,10,great advisor'].join('\n'));
      const imported = await runCli(['import', csv, '--no-replica-sync'], { env, now });
      expect(imported.code).toBe(0);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    const after = await report(['--engine', 'duckdb']);
    expect(after['verbatims']).toBe((before['verbatims'] as number) + 2);
    expect(after).toEqual(await report(['--engine', 'source']));
    const theme = (after['drivers'] as { theme: string }[])[0]?.theme ?? '';
    const rootCause = async (engine: string) => {
      const run = await runCli(['report', '--theme', theme, '--format', 'json', '--engine', engine], { env, now });
      const { generated_at: _ignored, ...rest } = JSON.parse(run.stdout) as Record<string, unknown>;
      return rest;
    };
    expect(await rootCause('duckdb')).toEqual(await rootCause('source'));
  });
});
