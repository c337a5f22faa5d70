import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { whereFilters, type ReportFilters } from './report-filters.js';
import { PHRASE_SAMPLE_BUCKETS, stopWordSet } from '../core/text-phrases.js';

/** How many documents of the target and of the reference carry a phrase. */
export interface PhraseCount {
  readonly phrase: string;
  readonly target: number;
  readonly reference: number;
}

export interface PhraseCounts {
  /** Documents read on each side (after sampling). */
  readonly target_docs: number;
  readonly reference_docs: number;
  /** Documents in scope on each side (before sampling). */
  readonly target_scope: number;
  readonly reference_scope: number;
  /** True when a side had more than `maxDocs` and a deterministic sample of it was read. */
  readonly sampled: boolean;
  readonly phrases: readonly PhraseCount[];
}

export interface PhraseCountsQuery {
  readonly filters: ReportFilters;
  /** SQL boolean over the `v` alias: the documents under study. */
  readonly target: RawBuilder<boolean>;
  /** SQL boolean over `v`: what they are compared with (a document in both counts as target). */
  readonly reference: RawBuilder<boolean>;
  /** Most documents read a side; beyond it a hash sample of the ids is read (default 20,000). */
  readonly maxDocs?: number;
  /** Least target documents for a phrase to come back (default 3). */
  readonly minTargetDocs?: number;
  /** Most phrases returned, by target documents (default 400). */
  readonly limit?: number;
  /**
   * Commented documents in scope on each side, when the caller has counted them already
   * (the emerging windows): the scope count, a scan of every row in scope, is skipped.
   */
  readonly scope?: { readonly target: number; readonly reference: number };
}

/**
 * Document frequencies of words and two-word phrases, tokenised in SQL (lower-cased,
 * split on non-alphanumerics, tokens of 2+ characters, stop words out), so no text
 * leaves the database. Sides larger than `maxDocs` are sampled by a hash of the id:
 * the same data always gives the same sample.
 *
 * @example await queryPhraseCounts(db, { filters, target: sql`v.journey = 'closure'`, reference: sql`true` })
 */
export async function queryPhraseCounts(db: Kysely<Database>, query: PhraseCountsQuery): Promise<PhraseCounts> {
  const maxDocs = query.maxDocs ?? 20_000;
  const isTarget = sql<boolean>`coalesce(${query.target}, false)`;
  const isReference = sql<boolean>`(not ${isTarget} and coalesce(${query.reference}, false))`;
  const scope =
    query.scope ??
    (await db
      .selectFrom('verbatims as v')
      .where(whereFilters(query.filters))
      .where('v.text', '<>', '')
      .select([sql<string>`count(*) filter (where ${isTarget})`.as('target'), sql<string>`count(*) filter (where ${isReference})`.as('reference')])
      .executeTakeFirst());
  const targetScope = Number(scope?.target ?? 0);
  const referenceScope = Number(scope?.reference ?? 0);
  const bucketsOf = (n: number): number => (n <= maxDocs ? PHRASE_SAMPLE_BUCKETS : Math.floor((PHRASE_SAMPLE_BUCKETS * maxDocs) / n));
  const inSample = (buckets: number) => (buckets >= PHRASE_SAMPLE_BUCKETS ? sql<boolean>`true` : sql<boolean>`(hashtext(v.id) & ${PHRASE_SAMPLE_BUCKETS - 1}) < ${buckets}`);
  const docs = db
    .selectFrom('verbatims as v')
    .where(whereFilters(query.filters))
    .where('v.text', '<>', '')
    .where(sql<boolean>`((${isTarget} and ${inSample(bucketsOf(targetScope))}) or (${isReference} and ${inSample(bucketsOf(referenceScope))}))`)
    .select(['v.id', 'v.text', isTarget.as('target')]);
  const stop = [...stopWordSet()].filter((word) => !word.includes(' ')).join(' ');
  const result = await sql<{ phrase: string | null; target: string; reference: string }>`
    with docs as (${docs}),
    stop as (select distinct unnest(string_to_array(${stop}, ' ')) as word),
    words as (
      select d.id, d.target, w.word, w.pos
      from docs d cross join lateral regexp_split_to_table(lower(d.text), '[^[:alnum:]]+') with ordinality as w(word, pos)
      where char_length(w.word) > 1
    ),
    -- a join, not NOT EXISTS in the select list: that one re-reads the stop list for every token
    tagged as (
      select w.id, w.target, w.word, w.pos, (s.word is null and w.word ~ '[[:alpha:]]') as content
      from words w left join stop s on s.word = w.word
    ),
    seq as (
      select id, target, word, content,
        lead(word) over (partition by id order by pos) as next_word,
        lead(content) over (partition by id order by pos) as next_content
      from tagged
    ),
    grams as (
      select id, target, word as phrase from seq where content
      union all
      select id, target, word || ' ' || next_word from seq where content and next_content
    ),
    distinct_grams as (select distinct id, target, phrase from grams)
    select phrase, target, reference from (
      select phrase, count(*) filter (where target) as target, count(*) filter (where not target) as reference
      from distinct_grams
      group by phrase
      having count(*) filter (where target) >= ${query.minTargetDocs ?? 3}
      union all
      select null, count(*) filter (where target), count(*) filter (where not target) from docs
    ) counted
    -- byte order ("C"), as the replica sorts: both engines cut the list at the same phrase whatever the collation
    order by (phrase is null) desc, target desc, phrase collate "C"
    limit ${(query.limit ?? 400) + 1}
  `.execute(db);
  let targetDocs = 0;
  let referenceDocs = 0;
  const phrases: PhraseCount[] = [];
  for (const row of result.rows) {
    if (row.phrase === null) {
      targetDocs = Number(row.target);
      referenceDocs = Number(row.reference);
    } else phrases.push({ phrase: row.phrase, target: Number(row.target), reference: Number(row.reference) });
  }
  return {
    target_docs: targetDocs,
    reference_docs: referenceDocs,
    target_scope: targetScope,
    reference_scope: referenceScope,
    sampled: targetScope > maxDocs || referenceScope > maxDocs,
    phrases: phrases.slice(0, query.limit ?? 400),
  };
}
