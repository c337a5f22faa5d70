import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterEmbeddings, discoverThemes } from '../../../models/transformer/discover-themes.js';
import { loadTextEmbedder, type TextEmbedder } from '../../../models/transformer/load-transformer-models.js';
import { createFixtureDir, type FixtureDir } from './fixture-models.js';

const sorted = (ids: readonly string[]): string[] => [...ids].sort();

describe('clusterEmbeddings', () => {
  const items = [
    { id: 'a1', vector: [1, 0.1, 0] },
    { id: 'a2', vector: [2, 0, 0.1] },
    { id: 'a3', vector: [0.9, 0, 0] },
    { id: 'b1', vector: [0, 1, 0.1] },
    { id: 'b2', vector: [0.1, 3, 0] },
    { id: 'c1', vector: [0, 0, 1] },
  ];

  it('groups by direction, largest cluster first, each with its member ids', () => {
    const clusters = clusterEmbeddings(items, { k: 3 });
    expect(clusters.map((cluster) => sorted(cluster.members))).toEqual([['a1', 'a2', 'a3'], ['b1', 'b2'], ['c1']]);
    expect(clusters[0]?.representative).toBe('a3');
    for (const cluster of clusters) expect(cluster.cohesion).toBeGreaterThan(0.99);
  });

  it('is repeatable for a seed and whatever the input order', () => {
    const once = clusterEmbeddings(items, { k: 3, seed: 7 });
    expect(clusterEmbeddings(items, { k: 3, seed: 7 })).toEqual(once);
    expect(clusterEmbeddings([...items].reverse(), { k: 3, seed: 3 }).map((cluster) => sorted(cluster.members))).toEqual(
      once.map((cluster) => sorted(cluster.members)),
    );
  });

  it('handles no items, fewer distinct directions than k, and rejects a bad k', () => {
    expect(clusterEmbeddings([])).toEqual([]);
    const same = clusterEmbeddings([{ id: 'x', vector: [1, 0] }, { id: 'y', vector: [2, 0] }], { k: 2 });
    expect(same.map((cluster) => sorted(cluster.members))).toEqual([['x', 'y']]);
    expect(() => clusterEmbeddings(items, { k: 0 })).toThrow('Expected `k` to be a number from 1 and up, got `0` (number)');
  });
});

describe('discoverThemes', () => {
  let fixture: FixtureDir;
  let embedder: TextEmbedder;
  beforeAll(async () => {
    fixture = await createFixtureDir({ sentiment: false });
    embedder = await loadTextEmbedder(fixture.modelDir);
  });
  afterAll(() => fixture.remove());

  it('clusters untagged texts by what they talk about', async () => {
    const texts = [
      { id: '1', text: 'Another crash today' },
      { id: '2', text: 'The overdraft is too much' },
      { id: '3', text: 'login broken, crash again' },
      { id: '4', text: 'overdraft and charges' },
      { id: '5', text: 'The app crash is back' },
    ];
    const clusters = await discoverThemes(embedder, texts, { k: 2 });
    expect(clusters.map((cluster) => sorted(cluster.members))).toEqual([['1', '3', '5'], ['2', '4']]);
  });
});
