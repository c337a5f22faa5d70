import type { DuckDBConnection } from '@duckdb/node-api';
import type { EmergingCounts, EmergingWindows } from './emerging.js';
import type { ReportFilters } from './report-filters.js';
import { readReplicaRows, ReplicaParams, replicaTimestamp, replicaWhere } from './replica-sql.js';

/** `created_at` in a window (`from` exclusive, `to` inclusive), bounds to the millisecond as the source compares them. */
export function inWindow(window: { readonly from: string; readonly to: string }, params: ReplicaParams): string {
  return `(v.created_at > ${replicaTimestamp(window.from, params)} and v.created_at <= ${replicaTimestamp(window.to, params)})`;
}

/** `queryEmergingCounts` on the replica: commented verbatims and theme tags in the recent and baseline windows. */
export async function replicaEmergingCounts(connection: DuckDBConnection, filters: ReportFilters, windows: EmergingWindows): Promise<EmergingCounts> {
  const statement = (body: (where: string, recent: string, baseline: string) => string) => {
    const params = new ReplicaParams();
    const where = `${replicaWhere(filters, params)} and ${inWindow({ from: windows.baseline.from, to: windows.recent.to }, params)}`;
    return { text: body(where, inWindow(windows.recent, params), inWindow(windows.baseline, params)), params: params.values };
  };
  const [docs, themes] = await Promise.all([
    readReplicaRows(
      connection,
      statement(
        (where, recent, baseline) => `select count(*) filter (where ${recent}) as recent, count(*) filter (where ${baseline}) as baseline
          from verbatims v where ${where} and v.commented`,
      ),
    ),
    readReplicaRows(
      connection,
      statement(
        (where, recent, baseline) => `select t.theme, count(*) filter (where ${recent}) as recent, count(*) filter (where ${baseline}) as baseline
          from verbatim_themes t join verbatims v on v.row_id = t.row_id where ${where} group by t.theme`,
      ),
    ),
  ]);
  const [totals] = docs;
  return {
    recentDocs: Number(totals?.['recent'] ?? 0),
    baselineDocs: Number(totals?.['baseline'] ?? 0),
    themes: themes.map((row) => ({ theme: String(row['theme']), recent: Number(row['recent']), baseline: Number(row['baseline']) })),
  };
}
