import { sql, type Kysely } from 'kysely';
import { THEME_SEPARATOR } from '../db/theme-hierarchy.js';
import type { Database } from '../db/schema.js';
import type { GroupMoments } from './period-compare-maths.js';
import { whereFilters, type ReportFilters } from './report-filters.js';
import { themeTags } from './theme-tags.js';

interface MomentsRow {
  grp: string | null;
  sum_a: string | number;
  sum_ay: string | number;
  sum_a2: string | number;
  sum_a2y: string | number;
  sum_a2y2: string | number;
  sum_ay2: string | number;
}

/**
 * The moments of the decomposition (`period-compare-maths.ts`) of one period, one row
 * per group: each scored answer is split equally over its k top-level themes (sub-themes
 * are already rolled up into them by `themeTags`), the themes not in `shown` and the
 * untagged answers pooled into "other" (key null). The inner GROUP BY adds up an
 * answer's weight per group first (two hidden themes of one answer: one weight 2/k),
 * so the second moments of "other" are exact too.
 *
 * @example await queryGroupMoments(db, { from: '2026-03-01', to: '2026-04-01' }, ['fees', 'app'])
 */
export async function queryGroupMoments(db: Kysely<Database>, filters: ReportFilters, shown: readonly string[]): Promise<GroupMoments[]> {
  // The group is named inside the derived table: the same expression with bound parameters in SELECT and GROUP BY would not match.
  const isShown = shown.length === 0 ? sql<boolean>`false` : sql<boolean>`tt.theme in (${sql.join(shown)})`;
  const tags = sql<{ verbatim_id: string; grp: string | null; k: number }>`(select tt.verbatim_id, case when ${isShown} then tt.theme end as grp,
    count(*) over (partition by tt.verbatim_id) as k from ${themeTags('tt')} where strpos(tt.theme, ${THEME_SEPARATOR}) = 0)`.as('t');
  const answers = db
    .selectFrom('verbatims as v')
    .leftJoin(tags, (join) => join.onRef('t.verbatim_id', '=', 'v.id'))
    .where(whereFilters(filters))
    .where('v.nps_category', 'is not', null)
    .groupBy(['v.id', 't.grp', 'v.nps_category'])
    .select([
      't.grp',
      sql<number>`case v.nps_category when 'promoter' then 1 when 'detractor' then -1 else 0 end`.as('y'),
      sql<number>`count(*)::float8 / coalesce(max(t.k), 1)`.as('a'),
    ])
    .as('g');
  const rows: MomentsRow[] = await db
    .selectFrom(answers)
    .groupBy('g.grp')
    .select([
      'g.grp',
      sql<string>`sum(g.a)`.as('sum_a'),
      sql<string>`sum(g.a * g.y)`.as('sum_ay'),
      sql<string>`sum(g.a * g.a)`.as('sum_a2'),
      sql<string>`sum(g.a * g.a * g.y)`.as('sum_a2y'),
      sql<string>`sum(g.a * g.a * g.y * g.y)`.as('sum_a2y2'),
      sql<string>`sum(g.a * g.y * g.y)`.as('sum_ay2'),
    ])
    .execute();
  return rows.map((row) => ({
    key: row.grp,
    sumA: Number(row.sum_a),
    sumAY: Number(row.sum_ay),
    sumA2: Number(row.sum_a2),
    sumA2Y: Number(row.sum_a2y),
    sumA2Y2: Number(row.sum_a2y2),
    sumAY2: Number(row.sum_ay2),
  }));
}
