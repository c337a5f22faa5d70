import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { jsonWithoutNul } from './jsonb.js';
import type { Database, RunsTable } from './schema.js';

export type RunRow = Selectable<RunsTable>;
export type NewRunRow = Insertable<RunsTable>;
export type RunRowUpdate = Updateable<RunsTable>;

/** Where a run stands: `running` until `finishRun` says how it ended. */
export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * Records the start of a pipeline run (`import`, `enrich`, `scrape` …).
 *
 * @example const runId = await startRun(db, 'enrich', now());
 */
export async function startRun(db: Kysely<Database>, kind: string, now: Date): Promise<number> {
  const row = await db
    .insertInto('runs')
    .values({ kind, status: 'running', started_at: now, stats: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Records how a run ended and what it did.
 *
 * @example await finishRun(db, runId, 'succeeded', { enriched: 2000, failed: 0 }, now());
 */
export async function finishRun(
  db: Kysely<Database>,
  id: number,
  status: Exclude<RunStatus, 'running'>,
  stats: Readonly<Record<string, unknown>>,
  now: Date,
): Promise<void> {
  const result = await db
    .updateTable('runs')
    .set({ status, stats: jsonWithoutNul(stats), finished_at: now })
    .where('id', '=', id)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new Error(`run ${id} does not exist`);
}

/** The `n` most recent runs, newest first. */
export async function lastRuns(db: Kysely<Database>, n: number): Promise<RunRow[]> {
  return db.selectFrom('runs').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(n).execute();
}
