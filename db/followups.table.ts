import { sql } from 'kysely';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, FollowupsTable } from './schema.js';

export type FollowupRow = Selectable<FollowupsTable>;
export type NewFollowupRow = Insertable<FollowupsTable>;
export type FollowupRowUpdate = Updateable<FollowupsTable>;

/** A callback's life: `open` → `assigned` → `closed` (closing straight from `open` is allowed). */
export const FOLLOWUP_STATUSES = ['open', 'assigned', 'closed'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

/** The SLA: a detractor is called back within this long after answering. */
export const FOLLOWUP_DELAY_HOURS = 48;

/** A follow-up with what the caller needs to know of its verbatim. */
export interface FollowupListItem extends FollowupRow {
  readonly source: string;
  readonly external_id: string | null;
  readonly text: string;
  readonly nps: number | null;
  readonly answered_at: Date;
}

/**
 * Opens a callback for every customer detractor (NPS 0–6) that has none, due 48 h
 * after the answer (its `created_at`, else when it was imported). One `INSERT … SELECT`;
 * running it again creates nothing new.
 *
 * @example await openDetractorFollowups(db, now()) // 12
 * @returns how many follow-ups were created.
 */
export async function openDetractorFollowups(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db
    .insertInto('followups')
    .columns(['verbatim_id', 'status', 'due_at', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('verbatims as v')
        .select([
          'v.id',
          sql<string>`'open'`.as('status'),
          sql<Date>`coalesce(v.created_at, v.imported_at) + make_interval(hours => ${FOLLOWUP_DELAY_HOURS})`.as('due_at'),
          sql<Date>`${now}::timestamptz`.as('created_at'),
        ])
        .where('v.respondent', '=', 'customer')
        .where('v.nps', '<=', 6)
        .where((w) => w.not(w.exists(w.selectFrom('followups as f').select('f.id').whereRef('f.verbatim_id', '=', 'v.id')))),
    )
    .onConflict((conflict) => conflict.column('verbatim_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

/**
 * Follow-ups by due date. `overdueAt`: only those not closed whose due date is before it.
 *
 * @example await listFollowups(db, { overdueAt: now() }) // what is late
 */
export async function listFollowups(
  db: Kysely<Database>,
  options: { status?: FollowupStatus; overdueAt?: Date } = {},
): Promise<FollowupListItem[]> {
  let query = db
    .selectFrom('followups as f')
    .innerJoin('verbatims as v', 'v.id', 'f.verbatim_id')
    .selectAll('f')
    .select(['v.source', 'v.external_id', 'v.text', 'v.nps', sql<Date>`coalesce(v.created_at, v.imported_at)`.as('answered_at')]);
  if (options.status !== undefined) query = query.where('f.status', '=', options.status);
  if (options.overdueAt !== undefined) query = query.where('f.status', '<>', 'closed').where('f.due_at', '<', options.overdueAt);
  return query.orderBy('f.due_at').orderBy('f.id').execute();
}

/**
 * Gives an open (or already assigned) follow-up to someone.
 *
 * @returns the updated row, or `undefined` when no follow-up with that id is still open.
 */
export async function assignFollowup(db: Kysely<Database>, id: number, assignee: string): Promise<FollowupRow | undefined> {
  return db
    .updateTable('followups')
    .set({ assignee, status: 'assigned' })
    .where('id', '=', id)
    .where('status', '<>', 'closed')
    .returningAll()
    .executeTakeFirst();
}

/**
 * Closes a follow-up with a note on what was done.
 *
 * @returns the updated row, or `undefined` when no follow-up with that id is still open.
 */
export async function closeFollowup(db: Kysely<Database>, id: number, note: string, now: Date): Promise<FollowupRow | undefined> {
  return db
    .updateTable('followups')
    .set({ status: 'closed', note, closed_at: now })
    .where('id', '=', id)
    .where('status', '<>', 'closed')
    .returningAll()
    .executeTakeFirst();
}
