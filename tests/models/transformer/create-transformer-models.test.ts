import { afterEach, describe, expect, it } from 'vitest';
import { createFastModels } from '../../../models/fast-tier.js';
import { createTransformerModels } from '../../../models/transformer/create-transformer-models.js';
import { createPipeline } from '../../../pipeline/create-pipeline.js';
import type { Verbatim } from '../../../core/verbatim.js';
import { createFixtureDir, type FixtureDir } from './fixture-models.js';

let fixture: FixtureDir | undefined;
afterEach(async () => {
  await fixture?.remove();
  fixture = undefined;
});

const ctx = { signal: new AbortController().signal, now: () => new Date('2026-11-25T10:00:00Z') };

function verbatim(id: string, text: string): Verbatim {
  return { id, externalId: id, source: 'test', text, createdAt: null, nps: null, rating: null, respondent: 'customer', authorKey: null, segments: {}, journeyHint: null };
}

describe('createTransformerModels', () => {
  it('upgrades sentiment and themes over the fast tier, and records the model folders in modelVersions', async () => {
    fixture = await createFixtureDir();
    const fast = await createFastModels({ taxonomyPath: fixture.taxonomyPath });
    const pipeline = createPipeline(await createTransformerModels({ modelDir: fixture.modelDir, taxonomyPath: fixture.taxonomyPath }));
    expect(pipeline.modelVersions).toEqual({
      language: fast.language.version,
      sentiment: expect.stringMatching(new RegExp(`^models/sentiment@[0-9a-f]{12}\\+${escape(fast.sentiment.version)}$`)),
      themes: expect.stringMatching(new RegExp(`^models/embeddings@[0-9a-f]{12}\\+${escape(fast.themes.version)}$`)),
      journey: fast.journey.version,
    });
    const [praise, complaint, empty] = await pipeline.enrich(
      [verbatim('1', 'The advisor was zorgly, thank you'), verbatim('2', 'Another crash, what a blarf app update'), verbatim('3', '')],
      ctx,
    );
    expect(praise?.enrichment).toMatchObject({ lang: 'en', sentiment: 'positive', themes: [{ theme: 'advisor_quality' }], modelVersions: pipeline.modelVersions });
    expect(complaint?.enrichment.sentiment).toBe('negative');
    expect(complaint?.enrichment.themes.map((mention) => mention.theme)).toEqual(['digital_app']);
    expect(empty?.enrichment).toMatchObject({ sentiment: 'neutral', themes: [] });
  });

  it('a folder with only sentiment/ keeps the fast theme tagger', async () => {
    fixture = await createFixtureDir({ embeddings: false });
    const fast = await createFastModels({ taxonomyPath: fixture.taxonomyPath });
    const models = await createTransformerModels({ modelDir: fixture.modelDir, taxonomyPath: fixture.taxonomyPath });
    expect(models.themes.version).toBe(fast.themes.version);
    expect(models.sentiment.version).toMatch(/^models\/sentiment@/);
  });

  it('the config hash changes with the model, so two models never share a version', async () => {
    fixture = await createFixtureDir({ embeddings: false });
    const other = await createFixtureDir({ embeddings: false, labels: ['1 star', '3 stars', '5 stars'] });
    try {
      const [a, b] = await Promise.all([
        createTransformerModels({ modelDir: fixture.modelDir }),
        createTransformerModels({ modelDir: other.modelDir }),
      ]);
      expect(a.sentiment.version).not.toBe(b.sentiment.version);
    } finally {
      await other.remove();
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
