import { sql, type Kysely } from 'kysely';
import { FOLLOWUP_DELAY_HOURS } from '../db/followups.table.js';
import type { Database } from '../db/schema.js';
import { round } from './nps.js';
import { whereFilters, type ReportFilters } from './report-filters.js';

export interface OverdueFollowup {
  readonly id: number;
  readonly verbatim_id: string;
  readonly external_id: string | null;
  readonly source: string;
  readonly nps: number | null;
  readonly status: string;
  readonly assignee: string | null;
  readonly due_at: string;
  /** Hours past the due time at `now`, one decimal. */
  readonly hours_late: number;
}

/** Closed-loop figures: how many detractors were called back within the SLA. */
export interface FollowupSla {
  readonly due_hours: number;
  readonly total: number;
  readonly open: number;
  readonly assigned: number;
  readonly closed: number;
  /** Closed no later than their due time. */
  readonly closed_in_time: number;
  /** Follow-ups whose due time has passed, or closed: the base of the compliance share. */
  readonly due: number;
  /** closed_in_time / due, null when nothing is due yet. */
  readonly compliance: number | null;
  /** Not closed and past due at `now`. */
  readonly overdue: number;
  /** The longest overdue first, at most `limit`. */
  readonly overdue_list: readonly OverdueFollowup[];
}

/**
 * SLA compliance of the detractor callbacks of the verbatims in scope, at `now`:
 * one aggregate and one short list.
 */
export async function followupSla(db: Kysely<Database>, filters: ReportFilters, now: Date, limit = 20): Promise<FollowupSla> {
  const scoped = db.selectFrom('followups as f').innerJoin('verbatims as v', 'v.id', 'f.verbatim_id').where(whereFilters(filters));
  const isOverdue = sql<boolean>`(f.status <> 'closed' and f.due_at < ${now})`;
  const [totals, overdue] = await Promise.all([
    scoped
      .select([
        sql<string>`count(*)`.as('total'),
        sql<string>`count(*) filter (where f.status = 'open')`.as('open'),
        sql<string>`count(*) filter (where f.status = 'assigned')`.as('assigned'),
        sql<string>`count(*) filter (where f.status = 'closed')`.as('closed'),
        sql<string>`count(*) filter (where f.status = 'closed' and f.closed_at <= f.due_at)`.as('closed_in_time'),
        sql<string>`count(*) filter (where f.status = 'closed' or f.due_at < ${now})`.as('due'),
        sql<string>`count(*) filter (where ${isOverdue})`.as('overdue'),
      ])
      .executeTakeFirst(),
    scoped
      .where(isOverdue)
      .select(['f.id', 'f.verbatim_id', 'v.external_id', 'v.source', 'v.nps', 'f.status', 'f.assignee', 'f.due_at'])
      .orderBy('f.due_at')
      .orderBy('f.id')
      .limit(limit)
      .execute(),
  ]);
  const count = (key: keyof NonNullable<typeof totals>): number => Number(totals?.[key] ?? 0);
  const due = count('due');
  return {
    due_hours: FOLLOWUP_DELAY_HOURS,
    total: count('total'),
    open: count('open'),
    assigned: count('assigned'),
    closed: count('closed'),
    closed_in_time: count('closed_in_time'),
    due,
    compliance: due === 0 ? null : round(count('closed_in_time') / due, 4),
    overdue: count('overdue'),
    overdue_list: overdue.map((row) => {
      const dueAt = new Date(row.due_at);
      return {
        id: Number(row.id),
        verbatim_id: row.verbatim_id,
        external_id: row.external_id,
        source: row.source,
        nps: row.nps,
        status: row.status,
        assignee: row.assignee,
        due_at: dueAt.toISOString(),
        hours_late: round((now.getTime() - dueAt.getTime()) / 3_600_000, 1),
      };
    }),
  };
}
