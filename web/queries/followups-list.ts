import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { FollowupStatus } from '../../db/followups.table.js';
import { decodeFollowupCursor, encodeFollowupCursor } from './followups-cursor.js';
import { whereRows, type RowFilters } from './where-verbatims.js';

/** A follow-up as the dashboard lists it. */
export interface FollowupItem {
  readonly id: number;
  readonly status: FollowupStatus;
  readonly assignee: string | null;
  readonly due_at: Date;
  readonly closed_at: Date | null;
  readonly note: string | null;
  readonly close_reason: string | null;
  readonly overdue: boolean;
  readonly verbatim_id: string;
  readonly source: string;
  readonly text: string;
  readonly nps: number | null;
  readonly answered_at: Date;
  readonly segments: Readonly<Record<string, string>>;
}

/** What the follow-ups listing narrows to, besides the verbatim filters. */
export interface FollowupListOptions {
  readonly limit: number;
  readonly status?: FollowupStatus | undefined;
  /** Only those given to this person (exact). */
  readonly assignee?: string | undefined;
  /** Where the previous page ended (`nextCursor` of a page). */
  readonly cursor?: string | undefined;
}

/** One page of follow-ups and the cursor of the next (null on the last). */
export interface FollowupsPage {
  readonly followups: readonly FollowupItem[];
  readonly nextCursor: string | null;
}

/**
 * Follow-ups whose verbatim matches the filters (scope included): overdue first,
 * then open by due date, closed last — a page at a time, by keyset on
 * (rank, due_at, id), so page 2 starts exactly after page 1 whatever was closed meanwhile.
 *
 * @example const { followups, nextCursor } = await pageScopedFollowups(db, { segments: { branch: 'Lyon' } }, now(), { limit: 50 })
 */
export async function pageScopedFollowups(db: Kysely<Database>, filters: RowFilters, now: Date, options: FollowupListOptions): Promise<FollowupsPage> {
  const after = options.cursor === undefined ? undefined : decodeFollowupCursor(options.cursor);
  const rank = sql<number>`(case when f.status = 'closed' then 2 when f.due_at < ${now} then 0 else 1 end)`;
  let query = db
    .selectFrom('followups as f')
    .innerJoin('verbatims as v', 'v.id', 'f.verbatim_id')
    .where(whereRows(filters))
    .select([
      'f.id',
      'f.status',
      'f.assignee',
      'f.due_at',
      'f.closed_at',
      'f.note',
      'f.close_reason',
      'f.verbatim_id',
      'v.source',
      'v.text',
      'v.nps',
      'v.segments',
      sql<Date>`coalesce(v.created_at, v.imported_at)`.as('answered_at'),
      sql<boolean>`(f.status <> 'closed' and f.due_at < ${now})`.as('overdue'),
      rank.as('sort_rank'),
      sql<string>`to_char(f.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('sort_due'),
    ]);
  if (options.status !== undefined) query = query.where('f.status', '=', options.status);
  if (options.assignee !== undefined) query = query.where('f.assignee', '=', options.assignee);
  if (after !== undefined) query = query.where(sql<SqlBool>`(${rank}, f.due_at, f.id) > (${after.r}, ${after.d}::timestamptz, ${after.i})`);
  const rows = await query.orderBy(rank).orderBy('f.due_at').orderBy('f.id').limit(options.limit + 1).execute();
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    followups: page.map(({ sort_rank: _rank, sort_due: _due, ...row }) => ({ ...row, status: row.status as FollowupStatus, answered_at: new Date(row.answered_at) })),
    nextCursor: rows.length > options.limit && last !== undefined ? encodeFollowupCursor({ r: Number(last.sort_rank), d: last.sort_due, i: last.id }) : null,
  };
}

/**
 * The first `limit` follow-ups of {@link pageScopedFollowups} (the API's list).
 *
 * @example await listScopedFollowups(db, { segments: { branch: 'Lyon' } }, now(), { limit: 200 })
 */
export async function listScopedFollowups(db: Kysely<Database>, filters: RowFilters, now: Date, options: FollowupListOptions): Promise<FollowupItem[]> {
  return [...(await pageScopedFollowups(db, filters, now, options)).followups];
}

/**
 * Who follow-ups in view are given to, for the owner filter (at most `limit`, by name).
 *
 * @example await followupOwners(db, { segments: { branch: 'Lyon' } }) // ['claire', 'marc']
 */
export async function followupOwners(db: Kysely<Database>, filters: RowFilters, limit = 200): Promise<string[]> {
  const rows = await db
    .selectFrom('followups as f')
    .innerJoin('verbatims as v', 'v.id', 'f.verbatim_id')
    .where(whereRows(filters))
    .where('f.assignee', 'is not', null)
    .select('f.assignee')
    .distinct()
    .orderBy('f.assignee')
    .limit(limit)
    .execute();
  return rows.flatMap((row) => (row.assignee === null ? [] : [row.assignee]));
}

/**
 * Whether a follow-up exists and its verbatim is within the filters (the token's scope):
 * a scoped analyst may only act on the follow-ups it can see.
 */
export async function followupInScope(db: Kysely<Database>, id: number, filters: RowFilters): Promise<boolean> {
  const row = await db
    .selectFrom('followups as f')
    .innerJoin('verbatims as v', 'v.id', 'f.verbatim_id')
    .where('f.id', '=', id)
    .where(whereRows(filters))
    .select('f.id')
    .executeTakeFirst();
  return row !== undefined;
}
