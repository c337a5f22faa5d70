import { describe, expect, it } from 'vitest';
import { clusterByMeaning } from '../../analysis/embedding-clusters.js';
import { phrasesOf } from '../../core/text-phrases.js';
import type { TextEmbedder } from '../../models/transformer/load-transformer-models.js';

/** An embedder that knows cards, apps and advisors, in French and in English. */
const embedder: TextEmbedder = {
  version: 'fake-embeddings',
  embed: (texts) =>
    Promise.resolve(
      texts.map((text) =>
        /carte|card/i.test(text)
          ? Float32Array.from([1, 0.1, 0])
          : /appli|app\b/i.test(text)
            ? Float32Array.from([0, 1, 0.1])
            : Float32Array.from([0.1, 0, 1]),
      ),
    ),
};

const TEXTS = [
  ['c1', 'Ma carte a été avalée par le distributeur'],
  ['c2', 'My card was swallowed by the machine'],
  ['c3', 'Nouvelle carte toujours pas reçue'],
  ['c4', 'Still waiting for the new card'],
  ['c5', 'Carte refusée au supermarché'],
  ['c6', 'Card declined abroad'],
  ['a1', "L'appli plante sans arrêt"],
  ['a2', 'The app keeps crashing'],
  ['a3', "Impossible d'ouvrir l'appli"],
  ['a4', 'The app logs me out'],
  ['a5', "L'appli est lente"],
  ['x1', 'Mon conseiller ne rappelle jamais'],
  ['x2', 'My advisor never calls back'],
  ['x3', 'Conseiller absent'],
] as const;
const docs = TEXTS.map(([id, text]) => ({ id, text, phrases: phrasesOf(text) }));
const idsOf = (cluster: { examples: readonly { id: string }[] } | undefined): string[] => (cluster?.examples ?? []).map((example) => example.id);

describe('clusterByMeaning', () => {
  it('groups verbatims that say the same thing in other words and languages, largest first, groups under minSize dropped', async () => {
    // √(14 / 2) ≈ 2.6 → 3 clusters: cards (6), apps (5), advisors (3, under minSize 4).
    const { clusters, unclustered } = await clusterByMeaning(docs, embedder, { minSize: 4, scale: 10, maxClusters: 8 });
    expect(clusters.map((cluster) => [cluster.id, cluster.sample_size, cluster.estimated_size])).toEqual([
      ['suggested_1', 6, 60],
      ['suggested_2', 5, 50],
    ]);
    // The three examples shown are members; French and English side by side, though they share no phrase.
    expect(idsOf(clusters[0]).every((id) => id.startsWith('c'))).toBe(true);
    expect(idsOf(clusters[1]).every((id) => id.startsWith('a'))).toBe(true);
    expect(clusters[0]?.examples).toHaveLength(3);
    expect(unclustered).toBe(3);
  });

  it('explains each cluster by its most distinctive phrases and names it after the first', async () => {
    const { clusters } = await clusterByMeaning(docs, embedder, { minSize: 3, scale: 1, maxClusters: 8 });
    expect(clusters).toHaveLength(3);
    for (const cluster of clusters) expect(cluster.seed).toBe(cluster.top_phrases[0]?.phrase);
    expect(clusters[0]?.top_phrases.map((phrase) => phrase.phrase)).toContain('carte');
    expect(clusters[1]?.top_phrases.map((phrase) => phrase.phrase)).toContain('appli');
  });

  it('keeps at most maxClusters', async () => {
    const { clusters, unclustered } = await clusterByMeaning(docs, embedder, { minSize: 1, scale: 1, maxClusters: 1 });
    // k = min(2 × 1, 3) = 2 clusters asked, the larger one kept.
    expect(clusters).toHaveLength(1);
    expect(unclustered).toBe(docs.length - (clusters[0]?.sample_size ?? 0));
  });

  it('has nothing to say of no verbatims', async () => {
    expect(await clusterByMeaning([], embedder, { minSize: 3, scale: 1, maxClusters: 8 })).toEqual({ clusters: [], unclustered: 0 });
  });
});
