import { seededRandom } from '../learned/hashing.js';
import type { TextEmbedder } from './load-transformer-models.js';
import { dot, meanDirection, normalize } from './vector-math.js';

export interface EmbeddedItem {
  readonly id: string;
  /** Any length; compared by direction (cosine). */
  readonly vector: ArrayLike<number>;
}

/** A group of texts that say similar things. */
export interface DiscoveredCluster {
  /** Member ids, closest to the centre first. */
  readonly members: readonly string[];
  /** The member closest to the centre: the verbatim to show first. */
  readonly representative: string;
  /** Mean cosine of the members to the centre, 0..1: how tight the group is. */
  readonly cohesion: number;
}

export interface ClusterOptions {
  /** Number of clusters; default √(n / 2), at least 1. */
  readonly k?: number;
  /** Seed of the k-means++ start, so a run can be repeated. Default 1. */
  readonly seed?: number;
  readonly maxIterations?: number;
}

/**
 * Spherical k-means (cosine) with a seeded k-means++ start: clusters of
 * embeddings, largest first, empty clusters dropped. Deterministic for a seed.
 *
 * @example clusterEmbeddings(items.map((item, i) => ({ id: item.id, vector: vectors[i] })), { k: 8 })
 */
export function clusterEmbeddings(items: readonly EmbeddedItem[], options: ClusterOptions = {}): DiscoveredCluster[] {
  if (items.length === 0) return [];
  const k = Math.min(items.length, options.k ?? Math.max(1, Math.round(Math.sqrt(items.length / 2))));
  if (!Number.isInteger(k) || k < 1) throw new TypeError(`Expected \`k\` to be a number from 1 and up, got \`${options.k}\` (${typeof options.k})`);
  const vectors = items.map((item) => normalize(item.vector));
  const random = seededRandom(options.seed ?? 1);
  let centres = kMeansPlusPlus(vectors, k, random);
  let assignment = new Array<number>(vectors.length).fill(-1);
  for (let iteration = 0; iteration < (options.maxIterations ?? 50); iteration++) {
    const next = vectors.map((vector) => nearest(vector, centres).index);
    const changed = next.some((cluster, index) => cluster !== assignment[index]);
    assignment = next;
    if (!changed) break;
    centres = centres.map((centre, cluster) => {
      const members = vectors.filter((_, index) => assignment[index] === cluster);
      return members.length === 0 ? centre : meanDirection(members);
    });
  }
  const clusters: DiscoveredCluster[] = [];
  centres.forEach((centre, cluster) => {
    const members = vectors
      .map((vector, index) => ({ id: (items[index] as EmbeddedItem).id, similarity: dot(vector, centre), cluster: assignment[index] }))
      .filter((member) => member.cluster === cluster)
      .sort((a, b) => b.similarity - a.similarity);
    const first = members[0];
    if (first === undefined) return;
    const cohesion = members.reduce((sum, member) => sum + member.similarity, 0) / members.length;
    clusters.push({ members: members.map((member) => member.id), representative: first.id, cohesion: Math.round(cohesion * 1000) / 1000 });
  });
  return clusters.sort((a, b) => b.members.length - a.members.length || b.cohesion - a.cohesion);
}

/**
 * Theme discovery: embeds texts (typically the verbatims no theme caught) and
 * clusters them, so an analyst can name what the taxonomy is missing.
 *
 * @example const clusters = await discoverThemes(embedder, untagged.map((v) => ({ id: v.id, text: v.text })))
 */
export async function discoverThemes(
  embedder: TextEmbedder,
  texts: readonly { readonly id: string; readonly text: string }[],
  options: ClusterOptions & { readonly signal?: AbortSignal } = {},
): Promise<DiscoveredCluster[]> {
  const vectors = await embedder.embed(
    texts.map((item) => item.text),
    options.signal,
  );
  return clusterEmbeddings(
    texts.map((item, index) => ({ id: item.id, vector: vectors[index] ?? [] })),
    options,
  );
}

function nearest(vector: Float32Array, centres: readonly Float32Array[]): { index: number; similarity: number } {
  let best = { index: 0, similarity: -Infinity };
  centres.forEach((centre, index) => {
    const similarity = dot(vector, centre);
    if (similarity > best.similarity) best = { index, similarity };
  });
  return best;
}

/** k-means++ on cosine distance (1 − similarity): spread-out starting centres. */
function kMeansPlusPlus(vectors: readonly Float32Array[], k: number, random: () => number): Float32Array[] {
  const centres = [vectors[Math.floor(random() * vectors.length)] as Float32Array];
  while (centres.length < k) {
    const distances = vectors.map((vector) => Math.max(0, 1 - nearest(vector, centres).similarity) ** 2);
    const total = distances.reduce((sum, distance) => sum + distance, 0);
    if (total === 0) break; // every point sits on a centre: fewer distinct directions than k
    let pick = random() * total;
    let chosen = distances.length - 1;
    for (let index = 0; index < distances.length; index++) {
      const distance = distances[index] as number;
      if (pick < distance) {
        chosen = index;
        break;
      }
      pick -= distance;
    }
    centres.push(vectors[chosen] as Float32Array);
  }
  return centres;
}
