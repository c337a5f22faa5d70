import { discoverThemes } from '../models/transformer/discover-themes.js';
import type { TextEmbedder } from '../models/transformer/load-transformer-models.js';
import { distinctiveWithin, type ClusterDoc } from './cluster-phrases.js';
import type { SuggestedTheme } from './untagged-clusters.js';

export interface MeaningClusterOptions {
  /** Least members of a suggested theme. */
  readonly minSize: number;
  /** Untagged verbatims per sampled one, to estimate each cluster's size. */
  readonly scale: number;
  readonly maxClusters: number;
}

/**
 * Suggested themes by meaning: the untagged verbatims embedded, clustered by
 * spherical k-means (√(n/2) clusters, at most twice as many as asked, so the
 * small ones can be dropped), the clusters of at least `minSize` kept, largest first. Each is
 * explained by its most distinctive phrases (G² against the other untagged
 * verbatims) and shown by the members closest to its centre. Deterministic.
 */
export async function clusterByMeaning(
  docs: readonly ClusterDoc[],
  embedder: TextEmbedder,
  options: MeaningClusterOptions,
): Promise<{ clusters: SuggestedTheme[]; unclustered: number }> {
  if (docs.length === 0) return { clusters: [], unclustered: 0 };
  const byId = new Map(docs.map((doc) => [doc.id, doc]));
  const found = (await discoverThemes(embedder, docs, { k: Math.max(1, Math.min(options.maxClusters * 2, Math.round(Math.sqrt(docs.length / 2)))) }))
    .filter((cluster) => cluster.members.length >= options.minSize)
    .slice(0, options.maxClusters);
  let clustered = 0;
  const clusters = found.map((cluster, index): SuggestedTheme => {
    const members = cluster.members.map((id) => byId.get(id) as ClusterDoc);
    const memberIds = new Set(cluster.members);
    const topPhrases = distinctiveWithin(members, docs.filter((doc) => !memberIds.has(doc.id)));
    clustered += members.length;
    return {
      id: `suggested_${index + 1}`,
      seed: topPhrases[0]?.phrase ?? '',
      sample_size: members.length,
      estimated_size: Math.round(members.length * options.scale),
      top_phrases: topPhrases,
      examples: members.slice(0, 3).map((doc) => ({ id: doc.id, text: doc.text })),
    };
  });
  return { clusters, unclustered: docs.length - clustered };
}
