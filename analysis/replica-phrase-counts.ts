import type { DuckDBConnection } from '@duckdb/node-api';
import { PHRASE_SAMPLE_BUCKETS } from '../core/text-phrases.js';
import type { PhraseCount, PhraseCounts } from './phrase-counts.js';
import type { PhraseCountRequest, PhraseSides } from './phrase-sides.js';
import { inWindow } from './replica-emerging.js';
import { readReplicaRows, ReplicaParams, replicaWhere, type ReplicaStatement } from './replica-sql.js';

/**
 * `queryPhraseCounts` on the replica, from the phrases stored per verbatim at sync
 * (db/analytics-replica-phrases.ts): no text is read or tokenised. Same sides, same scope,
 * and the same sample — the source's `hashtext(id)` bucket is stored per row, so a side
 * beyond `maxDocs` reads the very comments the source would — and the same cut of the list
 * (target documents, then the phrase in byte order).
 *
 * @example await replicaPhraseCounts(connection, { filters, sides: { kind: 'theme', theme: 'fees' } })
 */
export async function replicaPhraseCounts(connection: DuckDBConnection, request: PhraseCountRequest): Promise<PhraseCounts> {
  const maxDocs = request.maxDocs ?? 20_000;
  const limit = request.limit ?? 400;
  const scope = request.scope ?? (await countScope(connection, request));
  const bucketsOf = (n: number): number => (n <= maxDocs ? PHRASE_SAMPLE_BUCKETS : Math.floor((PHRASE_SAMPLE_BUCKETS * maxDocs) / n));
  const sampled = (body: (sample: string) => string): ReplicaStatement =>
    statement(request, (docs, params) => {
      const inSample = `(target and sample_bucket < ${params.add(bucketsOf(scope.target))}) or (reference and sample_bucket < ${params.add(bucketsOf(scope.reference))})`;
      return body(`(select row_id, target from ${docs} where ${inSample})`);
    });
  const [docs, phrases] = await Promise.all([
    readReplicaRows(connection, sampled((sample) => `select count(*) filter (where target) as target, count(*) filter (where not target) as reference from ${sample}`)),
    readReplicaRows(
      connection,
      sampled(
        (sample) => `select d.phrase, c.target, c.reference
          from (
            select p.phrase_id, count(*) filter (where s.target) as target, count(*) filter (where not s.target) as reference
            from ${sample} s join verbatim_phrases p on p.row_id = s.row_id
            group by p.phrase_id
            having count(*) filter (where s.target) >= ${Math.max(0, Math.floor(request.minTargetDocs ?? 3))}
          ) c join phrases d on d.phrase_id = c.phrase_id
          order by c.target desc, d.phrase
          limit ${Math.max(0, Math.floor(limit))}`,
      ),
    ),
  ]);
  const [sides] = docs;
  return {
    target_docs: Number(sides?.['target'] ?? 0),
    reference_docs: Number(sides?.['reference'] ?? 0),
    target_scope: scope.target,
    reference_scope: scope.reference,
    sampled: scope.target > maxDocs || scope.reference > maxDocs,
    phrases: phrases.map((row): PhraseCount => ({ phrase: String(row['phrase']), target: Number(row['target']), reference: Number(row['reference']) })),
  };
}

/** Commented verbatims in scope on each side (a verbatim on both sides is a target). */
async function countScope(connection: DuckDBConnection, request: PhraseCountRequest): Promise<{ target: number; reference: number }> {
  const [row] = await readReplicaRows(
    connection,
    statement(request, (docs) => `select count(*) filter (where target) as target, count(*) filter (where reference) as reference from ${docs}`),
  );
  return { target: Number(row?.['target'] ?? 0), reference: Number(row?.['reference'] ?? 0) };
}

/** A statement over the request's documents in scope: a subquery of `row_id`, `target`, `reference`, `sample_bucket`. */
function statement(request: PhraseCountRequest, body: (docs: string, params: ReplicaParams) => string): ReplicaStatement {
  const params = new ReplicaParams();
  const where = replicaWhere(request.filters, params);
  const [target, reference] = sideConditions(request.sides, params);
  const docs = `(select v.row_id, coalesce(${target}, false) as target, not coalesce(${target}, false) and coalesce(${reference}, false) as reference, v.sample_bucket
    from verbatims v where ${where} and v.commented)`;
  return { text: body(docs, params), params: params.values };
}

/** The sides as conditions over `verbatims v`, as `sourcePhraseCounts` writes them on the source. */
function sideConditions(sides: PhraseSides, params: ReplicaParams): [string, string] {
  if (sides.kind === 'windows') return [inWindow(sides.target, params), inWindow(sides.reference, params)];
  return [`v.row_id in (select t.row_id from verbatim_themes t where t.theme = ${params.add(sides.theme)})`, 'true'];
}
