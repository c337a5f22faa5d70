import { sql } from 'kysely';
import type { Insertable, Kysely, Selectable, SqlBool } from 'kysely';
import type { AlertsTable, Database } from './schema.js';

export type AlertRow = Selectable<AlertsTable>;
export type NewAlertRow = Insertable<AlertsTable>;
/** An event to store: its subject's segments as an object (stored as jsonb). */
export type NewAlert = Omit<NewAlertRow, 'segments' | 'id'> & { readonly segments: Readonly<Record<string, string>> };

/**
 * Stores the events not stored before, in one `INSERT … ON CONFLICT (event_key) DO NOTHING`:
 * what comes back is what was raised now (and only that may be delivered), so two runs
 * over the same data, even at once, raise each event exactly once.
 *
 * @example (await raiseAlerts(db, events)).length // 1, then 0 on the next run
 */
export async function raiseAlerts(db: Kysely<Database>, events: readonly NewAlert[]): Promise<AlertRow[]> {
  if (events.length === 0) return [];
  const rows = await db
    .insertInto('alerts')
    .values(events.map((event) => ({ ...event, segments: JSON.stringify(event.segments) })))
    .onConflict((conflict) => conflict.column('event_key').doNothing())
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}

/** What `listAlerts` keeps. */
export interface AlertListFilter {
  /** Segment values the viewer is limited to: only alerts about (a part of) that scope. */
  readonly scope?: Readonly<Record<string, string>>;
  readonly unacknowledgedOnly?: boolean;
  readonly limit?: number;
}

/**
 * Alerts newest first. A scoped viewer (`branch=Lyon`) sees only alerts whose subject
 * lies inside the scope, so an alert never tells them about another branch.
 *
 * @example await listAlerts(db, { scope: { branch: 'Lyon' } })
 */
export async function listAlerts(db: Kysely<Database>, filter: AlertListFilter = {}): Promise<AlertRow[]> {
  let query = db.selectFrom('alerts').selectAll();
  if (Object.keys(filter.scope ?? {}).length > 0) query = query.where(sql<SqlBool>`segments @> ${JSON.stringify(filter.scope)}::jsonb`);
  if (filter.unacknowledgedOnly === true) query = query.where('acknowledged_at', 'is', null);
  return query.orderBy('raised_at', 'desc').orderBy('id', 'desc').limit(filter.limit ?? 200).execute();
}

/**
 * Acknowledges one alert (within `scope`), once: the first acknowledgement is kept.
 *
 * @returns the updated row, or `undefined` when there is no such unacknowledged alert in scope.
 */
export async function acknowledgeAlert(
  db: Kysely<Database>,
  id: number,
  by: string,
  at: Date,
  scope: Readonly<Record<string, string>> = {},
): Promise<AlertRow | undefined> {
  let update = db.updateTable('alerts').set({ acknowledged_at: at, acknowledged_by: by }).where('id', '=', id).where('acknowledged_at', 'is', null);
  if (Object.keys(scope).length > 0) update = update.where(sql<SqlBool>`segments @> ${JSON.stringify(scope)}::jsonb`);
  return update.returningAll().executeTakeFirst();
}
