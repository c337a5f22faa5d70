import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server the tests may create databases on (`postgres://…/postgres`). */
    testDatabaseUrl: string;
  }
}

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

/**
 * Gives the suite a real PostgreSQL server: `TEST_DATABASE_URL` when set (checked
 * reachable), else a throwaway cluster on a free loopback port, stopped and
 * removed in teardown. Without PostgreSQL the suite fails at once: never skipped.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env['TEST_DATABASE_URL'];
  if (given !== undefined && given !== '') {
    await expectReachable(given, 'TEST_DATABASE_URL');
    project.provide('testDatabaseUrl', given);
    return async () => undefined;
  }
  const bin = findPostgresBin();
  if (bin === undefined) {
    throw new Error(
      'The test suite needs a PostgreSQL server and found none: install PostgreSQL (`apt-get install -y postgresql`, binaries under /usr/lib/postgresql/*/bin) or set TEST_DATABASE_URL=postgres://USER@HOST:PORT/postgres.',
    );
  }
  const cluster = await startCluster(bin);
  process.env['TEST_DATABASE_URL'] = cluster.url; // for tests that spawn the CLI
  project.provide('testDatabaseUrl', cluster.url);
  return cluster.stop;
}

function findPostgresBin(): string | undefined {
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT)
    .filter((name) => existsSync(path.join(PG_ROOT, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(PG_ROOT, versions[0], 'bin');
}

async function startCluster(bin: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-test-pg-'));
  const data = path.join(dir, 'data');
  // initdb refuses to run as root: run the server as the `postgres` user then.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']).catch(() => {
      throw new Error('running the tests as root needs the `postgres` system user (install the postgresql package) or TEST_DATABASE_URL');
    });
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pgRun = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]) : run(path.join(bin, tool), args);

  const port = await freePort();
  await pgRun('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  // Durability is worthless for a throwaway cluster; speed is not.
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  await pgRun('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', serverOptions, 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    await pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await expectReachable(url, 'the test cluster');
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function expectReachable(url: string, what: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(`cannot reach PostgreSQL at ${what} (${url}): ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
