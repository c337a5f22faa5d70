import type { DatabaseConnection, DatabaseIntrospector, Dialect, DialectAdapter, Driver, Kysely, QueryCompiler, TransactionSettings } from 'kysely';
import type { ConnectionLease, LeaseRelease } from './connection-lease.js';

/**
 * A dialect whose connections are held under a {@link ConnectionLease}: a Kysely
 * connection is held for one query, or for a whole transaction, so nobody else
 * sharing the lease runs a statement in the middle of it.
 *
 * @example new Kysely<Database>({ dialect: new LeasedDialect(new PGliteDialect(pglite), lease) })
 */
export class LeasedDialect implements Dialect {
  readonly #inner: Dialect;
  readonly #lease: ConnectionLease;

  constructor(inner: Dialect, lease: ConnectionLease) {
    this.#inner = inner;
    this.#lease = lease;
  }

  createDriver(): Driver {
    return new LeasedDriver(this.#inner.createDriver(), this.#lease);
  }

  createQueryCompiler(): QueryCompiler {
    return this.#inner.createQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return this.#inner.createAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return this.#inner.createIntrospector(db);
  }
}

class LeasedDriver implements Driver {
  readonly #inner: Driver;
  readonly #lease: ConnectionLease;
  // The inner driver lends one connection at a time, and only under the lease: one release pending at most.
  #release: LeaseRelease | undefined;

  constructor(inner: Driver, lease: ConnectionLease) {
    this.#inner = inner;
    this.#lease = lease;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#lease.acquire();
    try {
      const connection = await this.#inner.acquireConnection();
      this.#release = release;
      return connection;
    } catch (error) {
      release();
      throw error;
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    try {
      await this.#inner.releaseConnection(connection);
    } finally {
      release?.();
    }
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(connection);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}
