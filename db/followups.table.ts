import { sql } from 'kysely';
import type { ExpressionBuilder, Insertable, Kysely, Selectable, SqlBool, Updateable } from 'kysely';
import { recordFollowupChange } from './change-log.js';
import type { Database, FollowupsTable, VerbatimsTable } from './schema.js';
import { inWriteTransaction } from './write-transaction.js';

export type FollowupRow = Selectable<FollowupsTable>;
export type NewFollowupRow = Insertable<FollowupsTable>;
export type FollowupRowUpdate = Updateable<FollowupsTable>;

/** A callback's life: `open` → `assigned` → `closed` (closing straight from `open` is allowed). */
export const FOLLOWUP_STATUSES = ['open', 'assigned', 'closed'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

/** The SLA: a detractor is called back within this long after answering. */
export const FOLLOWUP_DELAY_HOURS = 48;

/** A bulk close's reason is a sentence, not an essay (CLI and dashboard alike). */
export const MAX_CLOSE_REASON_LENGTH = 500;

/** A follow-up with what the caller needs to know of its verbatim. */
export interface FollowupListItem extends FollowupRow {
  readonly source: string;
  readonly external_id: string | null;
  readonly text: string;
  readonly nps: number | null;
  readonly answered_at: Date;
}

/** When the answer was given: its own date, else when it was imported (the clock of the SLA and of the cut-off). */
const ANSWERED_AT = sql<Date>`coalesce(v.created_at, v.imported_at)`;

/**
 * How far back callbacks are opened: every detractor (`all`), those answered since a
 * date, or in the last `days` before now — or before the newest customer answer, for
 * data dated in the past (the bundled samples).
 */
export type FollowupCutoff =
  | { readonly kind: 'all' }
  | { readonly kind: 'since'; readonly at: Date }
  | { readonly kind: 'days'; readonly days: number; readonly before: 'now' | 'newest-answer' };

/** What a programme can act on: the last week's answers. */
export const DEFAULT_FOLLOWUP_CUTOFF: FollowupCutoff = Object.freeze({ kind: 'days', days: 7, before: 'now' });

const DAY_MS = 86_400_000;

/**
 * The first answer time a cut-off keeps, or null for `all` (or `newest-answer` with no dated answer).
 *
 * @example await cutoffDate(db, { kind: 'days', days: 7, before: 'now' }, new Date('2026-12-06')) // 2026-11-29
 */
export async function cutoffDate(db: Kysely<Database>, cutoff: FollowupCutoff, now: Date): Promise<Date | null> {
  if (cutoff.kind === 'all') return null;
  if (cutoff.kind === 'since') return cutoff.at;
  const from = cutoff.before === 'now' ? now : await newestCustomerAnswer(db);
  return from === null ? null : new Date(from.getTime() - cutoff.days * DAY_MS);
}

/**
 * Opens a callback for every customer detractor (NPS 0–6) that has none, due 48 h
 * after the answer (its `created_at`, else when it was imported). One `INSERT … SELECT`;
 * running it again creates nothing new. Answers older than the cut-off get none:
 * importing a year of history must not open callbacks nobody can make any more.
 *
 * @example await openDetractorFollowups(db, now(), DEFAULT_FOLLOWUP_CUTOFF) // 12
 * @returns how many follow-ups were created.
 */
export async function openDetractorFollowups(db: Kysely<Database>, now: Date, cutoff: FollowupCutoff = { kind: 'all' }): Promise<number> {
  const since = await cutoffDate(db, cutoff, now);
  return withFollowupBump(db, (trx) => openFollowupsSince(trx, since, now));
}

/** The `INSERT … SELECT` of `openDetractorFollowups`: callbacks for answers since `since` (null: all). */
async function openFollowupsSince(db: Kysely<Database>, since: Date | null, now: Date): Promise<number> {
  const result = await db
    .insertInto('followups')
    .columns(['verbatim_id', 'status', 'due_at', 'created_at'])
    .expression((eb) => {
      let detractors = eb.selectFrom('verbatims as v').where(detractorWithoutFollowup);
      if (since !== null) detractors = detractors.where(ANSWERED_AT, '>=', since);
      // Ordered, so callback numbers follow the answers whatever order the rows lie in (an enriching import writes them otherwise).
      return detractors
        .select([
          'v.id',
          sql<string>`'open'`.as('status'),
          sql<Date>`${ANSWERED_AT} + make_interval(hours => ${FOLLOWUP_DELAY_HOURS})`.as('due_at'),
          sql<Date>`${now}::timestamptz`.as('created_at'),
        ])
        .orderBy(ANSWERED_AT)
        .orderBy('v.id');
    })
    .onConflict((conflict) => conflict.column('verbatim_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

/**
 * Customer detractors answered before `before` that have no callback: what a cut-off
 * left out, for the command's summary.
 *
 * @example await countDetractorsWithoutFollowup(db, new Date('2026-11-29')) // 1368
 */
export async function countDetractorsWithoutFollowup(db: Kysely<Database>, before: Date): Promise<number> {
  const row = await db
    .selectFrom('verbatims as v')
    .where(detractorWithoutFollowup)
    .where(ANSWERED_AT, '<', before)
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * When the newest customer answer was given (dated answers only), or null: the demo's
 * cut-off counts back from it, its samples being dated in the past.
 */
async function newestCustomerAnswer(db: Kysely<Database>): Promise<Date | null> {
  const row = await db
    .selectFrom('verbatims as v')
    .where('v.respondent', '=', 'customer')
    .select((eb) => eb.fn.max('v.created_at').as('newest'))
    .executeTakeFirst();
  return row?.newest == null ? null : new Date(row.newest);
}

/** Customer detractors (NPS 0–6) with no follow-up yet. */
function detractorWithoutFollowup(eb: ExpressionBuilder<Database & { v: VerbatimsTable }, 'v'>) {
  return eb.and([
    eb('v.respondent', '=', 'customer'),
    eb('v.nps', '<=', 6),
    eb.not(eb.exists(eb.selectFrom('followups as f').select('f.id').whereRef('f.verbatim_id', '=', 'v.id'))),
  ]);
}

/** What `listFollowups` keeps; every field narrows, absent ones do not. */
export interface FollowupListFilter {
  readonly status?: FollowupStatus;
  /** Only those not closed whose due date is before it. */
  readonly overdueAt?: Date;
  /** Only those given to this person (exact). */
  readonly assignee?: string;
  /** Segment values the verbatim must have, e.g. `{ branch: 'Lyon' }`. */
  readonly segments?: Readonly<Record<string, string>>;
}

/**
 * Follow-ups by due date, narrowed by `filter`.
 *
 * @example await listFollowups(db, { overdueAt: now(), segments: { branch: 'Lyon' } }) // what is late in Lyon
 */
export async function listFollowups(db: Kysely<Database>, filter: FollowupListFilter = {}): Promise<FollowupListItem[]> {
  let query = db
    .selectFrom('followups as f')
    .innerJoin('verbatims as v', 'v.id', 'f.verbatim_id')
    .selectAll('f')
    .select(['v.source', 'v.external_id', 'v.text', 'v.nps', ANSWERED_AT.as('answered_at')]);
  if (filter.status !== undefined) query = query.where('f.status', '=', filter.status);
  if (filter.overdueAt !== undefined) query = query.where('f.status', '<>', 'closed').where('f.due_at', '<', filter.overdueAt);
  if (filter.assignee !== undefined) query = query.where('f.assignee', '=', filter.assignee);
  for (const [key, value] of Object.entries(filter.segments ?? {})) query = query.where(sql<SqlBool>`v.segments ->> ${key} = ${value}`);
  return query.orderBy('f.due_at').orderBy('f.id').execute();
}

/**
 * Which follow-ups a bulk close takes: those overdue at a time, those whose answer was
 * given before a date, or a list of ids. Closed ones are never touched again.
 */
export type FollowupSelection =
  | { readonly kind: 'overdue'; readonly at: Date }
  | { readonly kind: 'answered-before'; readonly before: Date }
  | { readonly kind: 'ids'; readonly ids: readonly number[] };

/** What a bulk close did to every follow-up it was asked about. */
export interface BulkCloseResult {
  /** The ids closed now, ascending. */
  readonly closed: readonly number[];
  /** Ids asked for (`kind: 'ids'`) that were not closed now: unknown, already closed or out of `within`. */
  readonly notClosed: readonly number[];
}

/**
 * Closes many follow-ups at once with one reason (stored in `close_reason`), in one
 * `UPDATE … RETURNING`: the way out of a backlog nobody will call back. `within`
 * limits it to verbatims with these segment values (a scoped token's reach).
 *
 * @example await closeFollowups(db, { kind: 'overdue', at: now() }, 'history import, not called', now()) // { closed: [3, 4], notClosed: [] }
 */
export async function closeFollowups(
  db: Kysely<Database>,
  selection: FollowupSelection,
  reason: string,
  now: Date,
  within: Readonly<Record<string, string>> = {},
): Promise<BulkCloseResult> {
  if (selection.kind === 'ids' && selection.ids.length === 0) return { closed: [], notClosed: [] };
  const rows = await withFollowupBump(db, (trx) => closeSelected(trx, selection, reason, now, within), (closed) => closed.length);
  const closed = rows.map((row) => row.id).sort((a, b) => a - b);
  const done = new Set(closed);
  return { closed, notClosed: selection.kind === 'ids' ? [...new Set(selection.ids)].filter((id) => !done.has(id)) : [] };
}

/** The `UPDATE … RETURNING` of `closeFollowups`. */
function closeSelected(db: Kysely<Database>, selection: FollowupSelection, reason: string, now: Date, within: Readonly<Record<string, string>>): Promise<{ id: number }[]> {
  let update = db.updateTable('followups').set({ status: 'closed', close_reason: reason, closed_at: now }).where('status', '<>', 'closed');
  if (selection.kind === 'overdue') update = update.where('due_at', '<', selection.at);
  if (selection.kind === 'ids') update = update.where('id', 'in', [...selection.ids]);
  const answeredBefore = selection.kind === 'answered-before' ? selection.before : undefined;
  const segments = Object.entries(within);
  if (answeredBefore !== undefined || segments.length > 0) {
    update = update.where('verbatim_id', 'in', (eb) => {
      let verbatims = eb.selectFrom('verbatims as v').select('v.id');
      if (answeredBefore !== undefined) verbatims = verbatims.where(ANSWERED_AT, '<', answeredBefore);
      for (const [key, value] of segments) verbatims = verbatims.where(sql<SqlBool>`v.segments ->> ${key} = ${value}`);
      return verbatims;
    });
  }
  return update.returning('id').execute();
}

/**
 * Gives an open (or already assigned) follow-up to someone.
 *
 * @returns the updated row, or `undefined` when no follow-up with that id is still open.
 */
export async function assignFollowup(db: Kysely<Database>, id: number, assignee: string): Promise<FollowupRow | undefined> {
  return withFollowupBump(
    db,
    (trx) => trx.updateTable('followups').set({ assignee, status: 'assigned' }).where('id', '=', id).where('status', '<>', 'closed').returningAll().executeTakeFirst(),
    (row) => (row === undefined ? 0 : 1),
  );
}

/**
 * Closes a follow-up with a note on what was done.
 *
 * @returns the updated row, or `undefined` when no follow-up with that id is still open.
 */
export async function closeFollowup(db: Kysely<Database>, id: number, note: string, now: Date): Promise<FollowupRow | undefined> {
  return withFollowupBump(
    db,
    (trx) => trx.updateTable('followups').set({ status: 'closed', note, closed_at: now }).where('id', '=', id).where('status', '<>', 'closed').returningAll().executeTakeFirst(),
    (row) => (row === undefined ? 0 : 1),
  );
}

/**
 * Runs a follow-up write and, in its transaction, bumps the dashboard's data version
 * when it changed anything (`changed` counts what it did; a count by default).
 */
async function withFollowupBump<T>(db: Kysely<Database>, write: (trx: Kysely<Database>) => Promise<T>, changed: (result: T) => number = Number): Promise<T> {
  return inWriteTransaction(db, async (trx) => {
    const result = await write(trx);
    if (changed(result) > 0) await recordFollowupChange(trx);
    return result;
  });
}
