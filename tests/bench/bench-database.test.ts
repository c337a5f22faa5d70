import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { benchServerUrl, createBenchDatabase } from '../../bench/bench-database.js';
import { serverCpuMeter } from '../../bench/server-cpu.js';
import { openDatabase } from '../../db/open-database.js';
import { testServerUrl } from '../support/databases.js';

const SERVER = 'postgres://bench@127.0.0.1:5499/postgres';

describe('benchServerUrl', () => {
  it.each([
    [['--database-url', SERVER], { BENCH_DATABASE_URL: 'postgres://other/postgres', DATABASE_URL: 'postgres://third/postgres' }, SERVER],
    [[], { BENCH_DATABASE_URL: SERVER, DATABASE_URL: 'postgres://third/postgres' }, SERVER],
    [['--size', '10'], { DATABASE_URL: SERVER }, SERVER],
    [[], {}, undefined],
    [[], { DATABASE_URL: '' }, undefined],
  ] as const)('args %j, env %j → %s', (args, env, expected) => {
    expect(benchServerUrl(args, env)).toBe(expected);
  });

  it('refuses what is not a postgres:// URL, without echoing a password', () => {
    expect(() => benchServerUrl(['--database-url', 'mysql://root:secret@host/db'], {})).toThrow(/expected a postgres:\/\/ URL.*mysql:\/\/…@host/);
    expect(() => benchServerUrl(['--database-url', 'mysql://root:secret@host/db'], {})).not.toThrow(/secret/);
  });
});

describe('createBenchDatabase and serverCpuMeter (PostgreSQL)', () => {
  const exists = async (name: string): Promise<boolean> => {
    const client = new pg.Client({ connectionString: testServerUrl() });
    await client.connect();
    try {
      return (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
    } finally {
      await client.end();
    }
  };

  it('makes a fresh database the product can open, counts the server CPU its work costs, and drops it', async () => {
    const database = await createBenchDatabase(testServerUrl(), 'report 100k');
    expect(database.name).toMatch(/^verbatim_bench_report_100k_[0-9a-f]{8}$/);
    expect(new URL(database.url).pathname).toBe(`/${database.name}`);
    const opened = await openDatabase({ databaseUrl: database.url });
    try {
      expect((await opened.db.selectFrom('verbatims').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n).toBe('0');
      const cpu = await serverCpuMeter(opened.db);
      expect(cpu).toBeDefined(); // the test server runs on this machine
      const before = (await cpu?.()) ?? Number.NaN;
      await sql`select count(*) from generate_series(1, 3000000)`.execute(opened.db);
      const after = (await cpu?.()) ?? Number.NaN;
      expect(after - before).toBeGreaterThan(0);
    } finally {
      await opened.close();
      await database.drop();
    }
    expect(await exists(database.name)).toBe(false);
  });
});
