import type { DuckDBConnection } from '@duckdb/node-api';
import { THEME_SEPARATOR } from '../db/theme-hierarchy.js';
import type { GroupMoments } from './period-compare-maths.js';
import type { ReportFilters } from './report-filters.js';
import { readReplicaRows, ReplicaParams, replicaWhere } from './replica-sql.js';

/**
 * `queryGroupMoments` on the replica. Each scored answer's weight in a group is
 * c/k (c of its k top-level themes fall in the group; an untagged answer weighs 1 in
 * "other"), so the replica returns the histogram of (group, k, c, y) and the six sums
 * are added here, in one fixed order: the result does not depend on how DuckDB splits
 * the work over its threads.
 */
export async function replicaGroupMoments(connection: DuckDBConnection, filters: ReportFilters, shown: readonly string[]): Promise<GroupMoments[]> {
  const params = new ReplicaParams();
  const isShown = shown.length === 0 ? 'false' : `top.theme in (${shown.map((theme) => params.add(theme)).join(', ')})`;
  const separator = params.add(THEME_SEPARATOR);
  const rows = await readReplicaRows(connection, {
    text: `with top as (select t.row_id, t.theme from verbatim_themes t where strpos(t.theme, ${separator}) = 0),
      ks as (select row_id, count(*) as k from top group by row_id),
      answers as (
        select v.row_id, case when ${isShown} then top.theme end as grp, coalesce(any_value(ks.k), 1) as k, count(*) as c,
          case v.nps_category when 'promoter' then 1 when 'detractor' then -1 else 0 end as y
        from verbatims v left join top on top.row_id = v.row_id left join ks on ks.row_id = v.row_id
        where ${replicaWhere(filters, params)} and v.nps_category is not null
        group by v.row_id, 2, v.nps_category)
      select grp, k, c, y, count(*) as n from answers group by grp, k, c, y order by grp nulls first, k, c, y`,
    params: params.values,
  });
  const groups = new Map<string | null, { sumA: number; sumAY: number; sumA2: number; sumA2Y: number; sumA2Y2: number; sumAY2: number }>();
  for (const row of rows) {
    const key = row['grp'] === null ? null : String(row['grp']);
    const sums = groups.get(key) ?? { sumA: 0, sumAY: 0, sumA2: 0, sumA2Y: 0, sumA2Y2: 0, sumAY2: 0 };
    const [n, a, y] = [Number(row['n']), Number(row['c']) / Number(row['k']), Number(row['y'])];
    sums.sumA += n * a;
    sums.sumAY += n * a * y;
    sums.sumA2 += n * a * a;
    sums.sumA2Y += n * a * a * y;
    sums.sumA2Y2 += n * a * a * y * y;
    sums.sumAY2 += n * a * y * y;
    groups.set(key, sums);
  }
  return [...groups].map(([key, sums]) => ({ key, ...sums }));
}
