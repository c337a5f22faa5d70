import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.js';
import { givenUrl, messageOf, type TestService } from './service.js';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

/** The newest `/usr/lib/postgresql/N/bin` holding `initdb`, if any (the Debian `postgresql` package). */
export function findPostgresBin(): string | undefined {
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT)
    .filter((name) => existsSync(path.join(PG_ROOT, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(PG_ROOT, versions[0], 'bin');
}

/**
 * `TEST_DATABASE_URL` when set (checked reachable), else a throwaway cluster on a
 * free loopback port, stopped and removed by `stop()`.
 *
 * @example const postgres = await startPostgres(); try { … postgres.url … } finally { await postgres.stop(); }
 */
export async function startPostgres(): Promise<TestService> {
  const given = givenUrl('TEST_DATABASE_URL');
  if (given !== undefined) {
    await expectPostgresReachable(given, 'TEST_DATABASE_URL');
    return { url: given, stop: async () => undefined };
  }
  const bin = findPostgresBin();
  if (bin === undefined) {
    throw new Error(
      'The test suite needs a PostgreSQL server and found none: install PostgreSQL (`apt-get install -y postgresql`, binaries under /usr/lib/postgresql/*/bin) or set TEST_DATABASE_URL=postgres://USER@HOST:PORT/postgres.',
    );
  }
  return startCluster(bin);
}

async function startCluster(bin: string): Promise<TestService> {
  const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-test-pg-'));
  const data = path.join(dir, 'data');
  // initdb refuses to run as root: run the server as the `postgres` user then.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout: uid } = await run('id', ['-u', 'postgres']).catch(() => {
      throw new Error('running the tests as root needs the `postgres` system user (install the postgresql package) or TEST_DATABASE_URL');
    });
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(uid.trim()), Number(gid.trim()));
  }
  const pgRun = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]) : run(path.join(bin, tool), args);

  const port = await freePort();
  await pgRun('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  // Durability is worthless for a throwaway cluster; speed is not.
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  await pgRun('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', serverOptions, 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async (): Promise<void> => {
    await pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await expectPostgresReachable(url, 'the test cluster');
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function expectPostgresReachable(url: string, what: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(`cannot reach PostgreSQL at ${what} (${url}): ${messageOf(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
