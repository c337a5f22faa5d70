import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A database the bench made on a PostgreSQL server for one phase; `drop()` removes it. */
export interface BenchDatabase {
  readonly name: string;
  /** Its URL, handed to phases as `DATABASE_URL`. */
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * The PostgreSQL server the bench measures on, if any: `--database-url URL` among `args`, else
 * `BENCH_DATABASE_URL`, else `DATABASE_URL` — a server where the bench may create and drop
 * databases (each phase gets a fresh one). Undefined: embedded PGlite.
 *
 * @example benchServerUrl(['--database-url', 'postgres://postgres@127.0.0.1:5432/postgres'], {})
 */
export function benchServerUrl(args: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const flag = args.indexOf('--database-url');
  const given = flag === -1 ? (env['BENCH_DATABASE_URL'] ?? env['DATABASE_URL']) : args[flag + 1];
  if (given === undefined || given === '') return undefined;
  if (!/^postgres(ql)?:\/\//.test(given)) throw new Error(`bench: expected a postgres:// URL for the bench's server, got \`${given.replace(/\/\/[^@/]*@/, '//…@')}\``);
  return given;
}

/**
 * A new, empty database on the server of `serverUrl` (named after `what`), or a copy of `template`.
 *
 * @example const db = await createBenchDatabase(url, 'report'); try { … db.url … } finally { await db.drop(); }
 */
export async function createBenchDatabase(serverUrl: string, what: string, template?: string): Promise<BenchDatabase> {
  const name = `verbatim_bench_${what.replace(/[^a-z0-9_]/g, '_')}_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}${template === undefined ? '' : ` template ${template}`}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => onServer(serverUrl, `drop database if exists ${name} with (force)`) };
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
