import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { FollowupStatus } from '../../db/followups.table.js';
import { whereRows, type RowFilters } from './where-verbatims.js';

/** A follow-up as the dashboard lists it. */
export interface FollowupItem {
  readonly id: number;
  readonly status: FollowupStatus;
  readonly assignee: string | null;
  readonly due_at: Date;
  readonly closed_at: Date | null;
  readonly note: string | null;
  readonly overdue: boolean;
  readonly verbatim_id: string;
  readonly source: string;
  readonly text: string;
  readonly nps: number | null;
  readonly answered_at: Date;
  readonly segments: Readonly<Record<string, string>>;
}

/**
 * Follow-ups whose verbatim matches the filters (scope included): overdue first,
 * then open by due date, closed last.
 *
 * @example await listScopedFollowups(db, { segments: { branch: 'Lyon' } }, now(), { limit: 200 })
 */
export async function listScopedFollowups(
  db: Kysely<Database>,
  filters: RowFilters,
  now: Date,
  options: { limit: number; status?: FollowupStatus | undefined },
): Promise<FollowupItem[]> {
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
      'f.verbatim_id',
      'v.source',
      'v.text',
      'v.nps',
      'v.segments',
      sql<Date>`coalesce(v.created_at, v.imported_at)`.as('answered_at'),
      sql<boolean>`(f.status <> 'closed' and f.due_at < ${now})`.as('overdue'),
    ]);
  if (options.status !== undefined) query = query.where('f.status', '=', options.status);
  const rows = await query
    .orderBy(sql`case when f.status = 'closed' then 2 when f.due_at < ${now} then 0 else 1 end`)
    .orderBy('f.due_at')
    .orderBy('f.id')
    .limit(options.limit)
    .execute();
  return rows.map((row) => ({ ...row, status: row.status as FollowupStatus, answered_at: new Date(row.answered_at) }));
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
