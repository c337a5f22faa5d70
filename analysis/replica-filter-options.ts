import type { DuckDBConnection } from '@duckdb/node-api';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Scope } from '../db/tokens.table.js';
import { inReportSnapshot } from './report-snapshot.js';
import { readReplicaRows, ReplicaParams, replicaScopeConditions } from './replica-sql.js';

/** The values the dashboard's filter form offers, taken from the rows the token may see. */
export interface FilterOptions {
  readonly sources: readonly string[];
  readonly languages: readonly string[];
  readonly journeys: readonly string[];
  /** `key:value` pairs of segment fields (at most {@link MAX_SEGMENT_OPTIONS}). */
  readonly segments: readonly { readonly key: string; readonly value: string }[];
  readonly themes: readonly string[];
}

export const MAX_SEGMENT_OPTIONS = 300;

/**
 * The filter form's values counted on the DuckDB replica synced to a snapshot of `db`: the
 * same lists as web/queries/filter-options.ts reads from the source (customers and employees,
 * within the token's scope), in the same order. At 1M verbatims the source's five `DISTINCT`
 * scans (one over every row's segments, one over the theme rows) took about 4 s of every
 * dashboard page's first view after a change; the replica's take milliseconds.
 *
 * @example const options = await replicaFilterOptions(db, '.verbatim/analytics.duckdb', { branch: 'Lyon' })
 */
export async function replicaFilterOptions(db: Kysely<Database>, replicaPath: string, scope: Scope): Promise<FilterOptions> {
  const { withReplica } = await import('../db/analytics-replica.js');
  return inReportSnapshot(db, (snapshot) => withReplica(snapshot, replicaPath, (replica) => readFilterOptions(replica.connection, scope)));
}

async function readFilterOptions(connection: DuckDBConnection, scope: Scope): Promise<FilterOptions> {
  const inScope = (params: ReplicaParams): string => ['true', ...replicaScopeConditions({ segments: scope }, params)].join(' and ');
  const distinct = async (column: 'source' | 'lang' | 'journey'): Promise<string[]> => {
    const params = new ReplicaParams();
    const rows = await readReplicaRows(connection, {
      text: `select distinct v.${column} as value from verbatims v where ${inScope(params)} and v.${column} is not null order by value`,
      params: params.values,
    });
    return rows.map((row) => String(row['value']));
  };
  const segmentParams = new ReplicaParams();
  const segments = await readReplicaRows(connection, {
    // Two unnests in one select list walk the keys and values side by side: 0.1 s at 1M, where joining `unnest(map_entries(…))` took 3.5 s.
    text: `select key, value from (
        select distinct unnest(map_keys(v.segments)) as key, unnest(map_values(v.segments)) as value from verbatims v where ${inScope(segmentParams)}
      ) order by key, value limit ${MAX_SEGMENT_OPTIONS}`,
    params: segmentParams.values,
  });
  const themeParams = new ReplicaParams();
  const themeScope = replicaScopeConditions({ segments: scope }, themeParams);
  const themes = await readReplicaRows(connection, {
    // Unscoped, the theme rows alone: every one has its verbatim in the replica (written and deleted together), and the join cost 0.2 s at 1M.
    text:
      themeScope.length === 0
        ? 'select distinct t.theme from verbatim_themes t where not t.rolled_up order by t.theme'
        : `select distinct t.theme from verbatim_themes t join verbatims v on v.row_id = t.row_id
          where ${themeScope.join(' and ')} and not t.rolled_up order by t.theme`,
    params: themeParams.values,
  });
  return {
    sources: await distinct('source'),
    languages: await distinct('lang'),
    journeys: await distinct('journey'),
    segments: segments.map((row) => ({ key: String(row['key']), value: String(row['value']) })),
    themes: themes.map((row) => String(row['theme'])),
  };
}
