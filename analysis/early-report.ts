import type { DuckDBConnection } from '@duckdb/node-api';
import type { Kysely } from 'kysely';
import type { AnalyticsReplica } from '../db/analytics-replica.js';
import { formatDataVersion, readDataVersionState } from '../db/data-version.js';
import { deferredHandle } from '../db/deferred-handle.js';
import type { Database } from '../db/schema.js';
import { sourceCounts, type ReportCounts } from './report-counts.js';
import { inReportSnapshot } from './report-snapshot.js';

/** A report (or root cause) started on the replica file before the source was open. */
export interface EarlyReport<T> {
  /**
   * Opens the report's snapshot on `db` and, when the replica holds that snapshot's version,
   * lets the early report read the source there and returns it. Undefined when the
   * replica is stale: its work is dropped, and the caller builds the report the usual way
   * (which syncs the replica first).
   */
  finish(db: Kysely<Database>): Promise<T | undefined>;
  /** Drops the early work (the report counts elsewhere after all). */
  abandon(): Promise<void>;
}

/** Why the early report's source queries failed: the replica was stale, or the work was abandoned. */
class EarlyReportDropped extends Error {}

/**
 * Starts a report's work — `count`, given the snapshot handle and the replica's counts, as
 * `buildReport` or `buildRootCause` run it — on the replica at `replicaPath` as the file holds
 * it, before the source is open: a cold `verbatim report` opens the embedded database (≈ 1 s of
 * PGlite start on the main thread) while DuckDB counts on its own threads, instead of after it.
 * Everything it reads on the source waits for `finish`'s snapshot, and is used only when that
 * snapshot's data version is the one the replica holds — so the result is exactly the replica
 * engine's on that snapshot. Undefined when there is no readable replica file of the current layout.
 *
 * @example const early = await startEarlyReport(file, (snapshot, counts) => reportInSnapshot(snapshot, { filters }, now, options, counts)); const report = (await early?.finish(db)) ?? (await buildReport(db, filters, now, { ...options, replicaPath: file }))
 */
export async function startEarlyReport<T>(
  replicaPath: string,
  count: (snapshot: Kysely<Database>, counts: ReportCounts) => Promise<T>,
): Promise<EarlyReport<T> | undefined> {
  const [{ openHeldReplica }, { replicaCounts }] = await Promise.all([import('../db/analytics-replica.js'), import('./replica-counts.js')]);
  const held = await openHeldReplica(replicaPath);
  if (held === undefined) return undefined;
  const tracked = trackStatements(held);
  const snapshot = deferredHandle();
  const building = count(snapshot.db, replicaCounts(tracked.replica, sourceCounts(snapshot.db)));
  building.catch(() => undefined); // awaited by finish, or dropped
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await tracked.settled();
    held.close();
  };
  const drop = async (): Promise<void> => {
    snapshot.reject(new EarlyReportDropped('the early report was dropped'));
    await building.catch(() => undefined);
    await close();
  };
  return {
    finish: async (db) => {
      let report: T | undefined;
      try {
        report = await inReportSnapshot(db, async (trx) => {
          const version = formatDataVersion(await readDataVersionState(trx), 'replica');
          if (version !== held.version) return undefined;
          snapshot.resolve(trx);
          return building;
        });
      } finally {
        // Stale (undefined) or failed: nothing may wait for a snapshot any more.
        if (report === undefined) await drop();
        else await close();
      }
      return report;
    },
    abandon: drop,
  };
}

/**
 * The replica with its connection's statements counted: the file is closed only once every
 * statement started on it has ended (a dropped report may still have some running).
 */
function trackStatements(replica: AnalyticsReplica): { replica: AnalyticsReplica; settled(): Promise<void> } {
  const running = new Set<Promise<unknown>>();
  const connection = new Proxy(replica.connection, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (result instanceof Promise) {
          running.add(result);
          result.then(
            () => running.delete(result),
            () => running.delete(result),
          );
        }
        return result;
      };
    },
  }) satisfies DuckDBConnection;
  return {
    replica: { ...replica, connection },
    settled: async () => {
      // A statement's end may start the next one: wait until none is left.
      while (running.size > 0) {
        await Promise.allSettled([...running]);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}
