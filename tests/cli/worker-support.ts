import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import pg from 'pg';
import { expect } from 'vitest';
import { writeCorpus } from '../../bench/corpus.js';
import { createPostgresDatabase } from '../support/databases.js';
import { findExecutable } from '../support/services/executables.js';
import { freePort } from '../support/services/free-port.js';
import { CLI, runCli } from './run-cli.js';

/** A `verbatim` process started in the background, its stderr collected. */
export interface Background {
  readonly child: ChildProcess;
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Resolves once stderr matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/** Starts `verbatim ARGS` with `env` on top of the test process's environment. */
export function startVerbatim(args: readonly string[], env: Record<string, string>): Background {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const listener of listeners) listener();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    pid: child.pid ?? -1,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (!pattern.test(stderr)) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${pattern} on stderr within ${timeoutMs} ms; stderr so far:\n${stderr}`));
        }, timeoutMs);
        const gone = (): void => {
          cleanup();
          reject(new Error(`the process exited before printing ${pattern}; stderr:\n${stderr}`));
        };
        const cleanup = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('close', gone);
        };
        listeners.add(check);
        child.once('close', gone);
        check();
      }),
  };
}

/** Starts a worker and waits until it takes jobs. */
export async function startWorker(env: Record<string, string>, concurrency = 1): Promise<Background> {
  const worker = startVerbatim(['worker', '--concurrency', String(concurrency), '--log-every', '0'], env);
  await worker.waitFor(/worker: ready on queue/);
  return worker;
}

/** The highest `enrich: N/TOTAL` progress line a producer printed so far. */
export function progressOf(producer: Background): number {
  let done = 0;
  for (const match of producer.stderr().matchAll(/enrich: (\d+)\//g)) done = Math.max(done, Number(match[1]));
  return done;
}

/** A fresh PostgreSQL database with `total` generated verbatims imported, and every enrichment write counted (see `enrichmentWrites`). */
export async function importedDatabase(total: number): Promise<{ url: string; drop: () => Promise<void> }> {
  const database = await createPostgresDatabase();
  const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-worker-'));
  try {
    const corpus = path.join(dir, 'corpus.jsonl');
    await writeCorpus(corpus, total);
    const imported = await runCli(['import', corpus, '--source', 'bench'], { env: { DATABASE_URL: database.url } });
    expect(imported.stdout).toContain(`${total} imported`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // Test-only: a row per write of `enriched_at`, to prove each verbatim is written once however jobs are re-delivered.
  await query(
    database.url,
    `create table test_enrichment_writes (verbatim_id text not null);
     create function test_count_enrichment_write() returns trigger language plpgsql as
       $$ begin insert into test_enrichment_writes values (new.id); return new; end $$;
     create trigger test_count_enrichment_write after update of enriched_at on verbatims
       for each row when (new.enriched_at is not null) execute function test_count_enrichment_write();`,
  );
  return database;
}

/** What the database holds after a run: the counts the crash tests assert on. */
export async function enrichmentCounts(url: string): Promise<Record<string, number>> {
  const [row] = await query(
    url,
    `select
       (select count(*) from verbatims)::int as verbatims,
       (select count(*) from verbatims where enriched_at is not null)::int as enriched,
       (select count(*) from test_enrichment_writes)::int as writes,
       (select count(distinct verbatim_id) from test_enrichment_writes)::int as written_verbatims,
       (select count(*) from verbatim_themes)::int as theme_rows,
       (select count(*) from (select distinct verbatim_id, theme from verbatim_themes) t)::int as distinct_theme_rows,
       (select count(*) from followups)::int as followups,
       (select count(*) from verbatims where respondent = 'customer' and nps <= 6)::int as detractors`,
  );
  return row as Record<string, number>;
}

/** The ids of the jobs a worker process holds right now (BullMQ records the worker's name, `host:pid`, on the job). */
export async function activeJobsOf(env: Record<string, string>, pid: number): Promise<string[]> {
  const queue = new Queue(env['VERBATIM_QUEUE'] ?? '', { connection: { url: env['REDIS_URL'] ?? '' }, prefix: 'verbatim' });
  try {
    const active = await queue.getJobs(['active']);
    return active.filter((job) => job.processedBy === `${hostname()}:${pid}`).map((job) => job.id ?? '');
  } finally {
    await queue.close();
  }
}

/** Where a job stands, and which worker ran it last. */
export async function jobState(env: Record<string, string>, jobId: string): Promise<{ state: string; processedBy: string | undefined }> {
  const queue = new Queue(env['VERBATIM_QUEUE'] ?? '', { connection: { url: env['REDIS_URL'] ?? '' }, prefix: 'verbatim' });
  try {
    const job = await queue.getJob(jobId);
    return { state: await queue.getJobState(jobId), processedBy: job?.processedBy };
  } finally {
    await queue.close();
  }
}

/** Polls `condition` every `everyMs`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * A redis-server of the test's own (on a free loopback port), to stop and start at will. Nothing is saved to
 * disk, unless `persistIn` names a folder: then every write goes to an append-only file first (fsynced before
 * Redis answers), so a crash loses nothing acknowledged.
 */
export class OwnRedis {
  readonly port: number;
  readonly #persistIn: string | undefined;
  #server: ChildProcess | undefined;

  private constructor(port: number, persistIn: string | undefined) {
    this.port = port;
    this.#persistIn = persistIn;
  }

  static async start(options: { persistIn?: string } = {}): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort(), options.persistIn);
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** (Re)starts the server — empty, or with what its append-only file holds — and waits until it accepts connections. */
  async restart(): Promise<void> {
    const persistence =
      this.#persistIn === undefined ? ['--appendonly', 'no'] : ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.#persistIn];
    const server = spawn(findExecutable('redis-server') ?? '/usr/bin/redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', ...persistence], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.#server = server;
    let out = '';
    server.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await until(() => /Ready to accept connections/.test(out) || server.exitCode !== null, 'redis-server to start', 10_000);
    if (server.exitCode !== null) throw new Error(`redis-server did not start on port ${this.port}:\n${out}`);
  }

  /** Kills the server as a crash would (SIGKILL): with nothing saved, it comes back empty; persisted, as it was. */
  async crash(): Promise<void> {
    const server = this.#server;
    if (server === undefined || server.exitCode !== null) return;
    const closed = once(server, 'close');
    server.kill('SIGKILL');
    await closed;
  }
}

async function query(url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(text);
    return Array.isArray(result) ? [] : result.rows;
  } finally {
    await client.end();
  }
}
