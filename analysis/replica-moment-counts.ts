import type { DuckDBConnection } from '@duckdb/node-api';
import type { MomentCount, MomentScope } from './moment-matrix.js';
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
  const rows = await readReplicaRows(connection, {
    text: `select v.journey, v.respondent, count(*) as n,
        count(*) filter (where v.sentiment = 'positive') as positive,
        count(*) filter (where v.sentiment = 'negative') as negative
      from verbatims v where ${conditions.join(' and ')}
      group by v.journey, v.respondent`,
    params: params.values,
  });
  return rows.map((row) => ({
    step: String(row['journey']),
    respondent: row['respondent'] === 'employee' ? 'employee' : 'customer',
    n: Number(row['n']),
    positive: Number(row['positive']),
    negative: Number(row['negative']),
  }));
}
