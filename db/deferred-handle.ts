import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { Database } from './schema.js';

/**
 * A database handle that exists before the one it stands for: its queries wait until
 * `resolve` names the real handle (a report snapshot opened later) and then run there, or
 * fail with the reason given to `reject`. A report can so start counting on the analytics
 * replica while the embedded database is still opening (analysis/early-report.ts).
 */
export interface DeferredHandle {
  readonly db: Kysely<Database>;
  resolve(target: Kysely<Database>): void;
  reject(reason: Error): void;
}

/** @example const snapshot = deferredHandle(); work(snapshot.db); …; snapshot.resolve(trx) */
export function deferredHandle(): DeferredHandle {
  let resolve!: (target: Kysely<Database>) => void;
  let reject!: (reason: Error) => void;
  const target = new Promise<Kysely<Database>>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  target.catch(() => undefined); // each query reports the failure; nobody may be waiting yet
  return { db: new Kysely<Database>({ dialect: new DeferredDialect(target) }), resolve, reject };
}

class DeferredDialect implements Dialect {
  readonly #target: Promise<Kysely<Database>>;

  constructor(target: Promise<Kysely<Database>>) {
    this.#target = target;
  }

  createDriver(): Driver {
    return new DeferredDriver(this.#target);
  }

  createQueryCompiler(): PostgresQueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): PostgresAdapter {
    return new PostgresAdapter();
  }

  createIntrospector(db: Kysely<unknown>): PostgresIntrospector {
    return new PostgresIntrospector(db);
  }
}

class DeferredDriver implements Driver {
  readonly #connection: DatabaseConnection;

  constructor(target: Promise<Kysely<Database>>) {
    this.#connection = {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => (await target).executeQuery<R>(query),
      // A stream would outlive the snapshot it reads: refused (no report streams).
      streamQuery: async function* () {
        throw new Error('a deferred handle does not stream');
      },
    };
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {}

  // The handle stands for a snapshot that is already a transaction: none is opened inside it.
  async beginTransaction(): Promise<void> {
    throw new Error('a deferred handle runs inside its target’s transaction; it opens none');
  }

  async commitTransaction(): Promise<void> {}

  async rollbackTransaction(): Promise<void> {}

  async destroy(): Promise<void> {}
}
