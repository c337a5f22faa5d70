import type { DuckDBConnection } from '@duckdb/node-api';
import type { MomentCount, MomentScope } from './moment-matrix.js';
import { SENTIMENT_SPREAD, spreadCategories } from './replica-categories.js';
import { readReplicaRows, ReplicaParams, replicaScopeConditions } from './replica-sql.js';

/**
 * `queryMomentCounts` on the replica: commented verbatims with a sentiment per journey
 * step and side (customers, employees), on the period and role of `scope`.
 */
export async function replicaMomentCounts(connection: DuckDBConnection, scope: MomentScope): Promise<MomentCount[]> {
  const params = new ReplicaParams();
  const conditions = [
    ...replicaScopeConditions(scope, params),
    'v.journey is not null',
    'v.commented',
    'v.sentiment is not null',
    `v.respondent in ('customer', 'employee')`,
  ];
  const grouped = await readReplicaRows(connection, {
    text: `select v.journey, v.respondent, v.sentiment, count(*) as n
      from verbatims v where ${conditions.join(' and ')}
      group by v.journey, v.respondent, v.sentiment`,
    params: params.values,
  });
  const rows = spreadCategories(grouped, { keys: ['journey', 'respondent'], count: 'n', spreads: [SENTIMENT_SPREAD] });
  return rows.map((row) => ({
    step: String(row['journey']),
    respondent: row['respondent'] === 'employee' ? 'employee' : 'customer',
    n: Number(row['n']),
    positive: Number(row['positive']),
    negative: Number(row['negative']),
  }));
}
