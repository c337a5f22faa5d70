import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { distinctiveWithin, type ClusterDoc as Doc } from './cluster-phrases.js';
import { whereFilters, type ReportFilters } from './report-filters.js';
import { phrasesOf } from '../core/text-phrases.js';
import type { TextEmbedder } from '../models/transformer/load-transformer-models.js';

/** A group of verbatims no theme covers, held together by a shared phrase: a candidate new theme. */
export interface SuggestedTheme {
  /** `suggested_1`, `suggested_2`… by size. */
  readonly id: string;
  /** The phrase that defines the cluster: every member contains it (by phrases), or its most distinctive one (by embeddings). */
  readonly seed: string;
  /** Members in the sample read. */
  readonly sample_size: number;
  /** Members estimated over all untagged verbatims (= sample_size when nothing was sampled). */
  readonly estimated_size: number;
  /** Phrases most over-represented in the cluster against the other untagged verbatims (G²). */
  readonly top_phrases: readonly { readonly phrase: string; readonly docs: number }[];
  readonly examples: readonly { readonly id: string; readonly text: string }[];
}

export interface UntaggedClusters {
  /** Commented verbatims in scope with no theme. */
  readonly untagged: number;
  /** How many of them were read (a deterministic sample beyond `maxSample`). */
  readonly sample: number;
  readonly clusters: readonly SuggestedTheme[];
  /** Sampled verbatims left in no cluster. */
  readonly unclustered: number;
  /** `phrases`: frequent-phrase clusters; `embeddings`: spherical k-means on sentence embeddings. */
  readonly method: 'phrases' | 'embeddings';
}

export interface UntaggedClusterOptions {
  /** Cluster by meaning with these sentence embeddings (the transformer tier) instead of by shared phrases. */
  readonly embedder?: TextEmbedder;
  /** Most untagged verbatims read (default 5,000). */
  readonly maxSample?: number;
  readonly maxClusters?: number;
  /** Least members of a cluster (default max(3, 1 % of the sample)). */
  readonly minSize?: number;
}


/** The commented verbatims in scope that no theme covers: how many, and the ids of the sample to read, in sample order. */
export interface UntaggedSample {
  readonly untagged: number;
  /** At most `maxSample` ids, ordered by the md5 of the id (a stable sample of any size). */
  readonly ids: readonly string[];
}

/** Where `clusterUntagged` picks its sample: the source (default) or the replica (`ReportCounts.untaggedSample`). */
export type UntaggedPicker = (filters: ReportFilters, maxSample: number) => Promise<UntaggedSample>;

/**
 * Frequent-phrase clustering (after Beil, Ester & Xu 2002) of the verbatims no theme
 * covers: take the phrase shared by most unclustered verbatims, make them a cluster,
 * repeat. Each cluster is explained by its seed and its most distinctive phrases.
 * Reads at most `maxSample` texts (ordered by a hash of the id, so the sample is stable);
 * `pick` says which (default: the source counts and orders the untagged verbatims).
 */
export async function clusterUntagged(
  db: Kysely<Database>,
  filters: ReportFilters,
  options: UntaggedClusterOptions = {},
  pick: UntaggedPicker = (scope, maxSample) => queryUntaggedSample(db, scope, maxSample),
): Promise<UntaggedClusters> {
  const maxSample = options.maxSample ?? 5_000;
  const { untagged, ids } = await pick(filters, maxSample);
  const rows = await readTexts(db, ids);
  const docs: Doc[] = rows.map((row) => ({ id: row.id, text: row.text, phrases: phrasesOf(row.text) }));
  const minSize = options.minSize ?? Math.max(3, Math.ceil(docs.length * 0.01));
  const scale = docs.length === 0 ? 0 : untagged / docs.length;
  if (options.embedder !== undefined) {
    const { clusterByMeaning } = await import('./embedding-clusters.js');
    const byMeaning = await clusterByMeaning(docs, options.embedder, { minSize, scale, maxClusters: options.maxClusters ?? 8 });
    return { untagged, sample: docs.length, ...byMeaning, method: 'embeddings' };
  }
  const clusters: SuggestedTheme[] = [];
  let remaining = docs;
  while (clusters.length < (options.maxClusters ?? 8)) {
    const seed = mostSharedPhrase(remaining, minSize);
    if (seed === undefined) break;
    const members = remaining.filter((doc) => doc.phrases.has(seed));
    const memberSet = new Set(members);
    const others = docs.filter((doc) => !memberSet.has(doc));
    const topPhrases = distinctiveWithin(members, others, seed);
    const top = new Set(topPhrases.map((row) => row.phrase));
    const examples = [...members]
      .sort((a, b) => overlap(b, top) - overlap(a, top) || a.text.length - b.text.length || a.id.localeCompare(b.id))
      .slice(0, 3)
      .map((doc) => ({ id: doc.id, text: doc.text }));
    clusters.push({
      id: `suggested_${clusters.length + 1}`,
      seed,
      sample_size: members.length,
      estimated_size: Math.round(members.length * scale),
      top_phrases: topPhrases,
      examples,
    });
    remaining = remaining.filter((doc) => !doc.phrases.has(seed));
  }
  return { untagged, sample: docs.length, clusters, unclustered: remaining.length, method: 'phrases' };
}

/** The phrase in most docs (at least `minSize`); ties go to two-word phrases, then alphabetical order. */
function mostSharedPhrase(docs: readonly Doc[], minSize: number): string | undefined {
  const frequency = new Map<string, number>();
  for (const doc of docs) for (const phrase of doc.phrases) frequency.set(phrase, (frequency.get(phrase) ?? 0) + 1);
  let best: [string, number] | undefined;
  for (const entry of frequency) {
    if (entry[1] < minSize) continue;
    if (best === undefined || entry[1] > best[1] || (entry[1] === best[1] && compareTies(entry[0], best[0]) < 0)) best = entry;
  }
  return best?.[0];
}

function compareTies(a: string, b: string): number {
  const words = b.split(' ').length - a.split(' ').length;
  return words !== 0 ? words : a.localeCompare(b);
}


function overlap(doc: Doc, phrases: ReadonlySet<string>): number {
  let count = 0;
  for (const phrase of phrases) if (doc.phrases.has(phrase)) count += 1;
  return count;
}

/** The source's `UntaggedPicker`: a count and the first `maxSample` ids by md5 of the id. */
export async function queryUntaggedSample(db: Kysely<Database>, filters: ReportFilters, maxSample: number): Promise<UntaggedSample> {
  const untaggedQuery = db
    .selectFrom('verbatims as v')
    .where(whereFilters(filters))
    .where('v.text', '<>', '')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('verbatim_themes as t').select('t.verbatim_id').whereRef('t.verbatim_id', '=', 'v.id'))));
  const [countRow, rows] = await Promise.all([
    untaggedQuery.select(sql<string>`count(*)`.as('n')).executeTakeFirst(),
    untaggedQuery.select('v.id').orderBy(sql`md5(v.id)`).limit(maxSample).execute(),
  ]);
  return { untagged: Number(countRow?.n ?? 0), ids: rows.map((row) => row.id) };
}

/** The texts of `ids`, in their order (one lookup by primary key each). */
async function readTexts(db: Kysely<Database>, ids: readonly string[]): Promise<{ id: string; text: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('verbatims as v')
    .where(sql<boolean>`v.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::text::jsonb))`)
    .select(['v.id', 'v.text'])
    .execute();
  const texts = new Map(rows.map((row) => [row.id, row.text]));
  return ids.flatMap((id) => {
    const text = texts.get(id);
    return text === undefined ? [] : [{ id, text }];
  });
}
