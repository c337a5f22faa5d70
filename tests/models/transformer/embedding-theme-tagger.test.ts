import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSentimentModel } from '../../../models/sentiment/lexicon-sentiment.js';
import { RuleThemeTagger } from '../../../models/themes/rule-tagger.js';
import { loadTaxonomy, type Taxonomy } from '../../../models/themes/taxonomy.js';
import { EmbeddingThemeTagger } from '../../../models/transformer/embedding-theme-tagger.js';
import { loadTextEmbedder, type TextEmbedder } from '../../../models/transformer/load-transformer-models.js';
import { createFixtureDir, type FixtureDir } from './fixture-models.js';

let fixture: FixtureDir;
let embedder: TextEmbedder;
let taxonomy: Taxonomy;
let tagger: EmbeddingThemeTagger;
const lexicon = createSentimentModel();
const signal = new AbortController().signal;

beforeAll(async () => {
  fixture = await createFixtureDir({ sentiment: false });
  embedder = await loadTextEmbedder(fixture.modelDir);
  taxonomy = await loadTaxonomy(fixture.taxonomyPath);
  tagger = await EmbeddingThemeTagger.create(embedder, taxonomy, new RuleThemeTagger(taxonomy));
});
afterAll(() => fixture.remove());

async function tagOne(text: string, target = tagger) {
  const [mentions] = await target.tagBatch([{ text, lang: 'en', sentiment: lexicon.analyze(text, 'en') }], signal);
  return mentions ?? [];
}

describe('EmbeddingThemeTagger', () => {
  it.each([
    // Neither "overdraft" nor "crash" is a taxonomy term: the rules miss them, the prototypes do not.
    ['The overdraft was a disaster', ['fees_pricing']],
    ['Another crash this morning', ['digital_app']],
    ['Such a kind person on the phone', ['advisor_quality']],
    ['Nothing to say', []],
  ])('%j → %j', async (text, themes) => {
    expect((await tagOne(text)).map((mention) => mention.theme)).toEqual(themes);
  });

  it('tags the clause that carries the theme, with its sentiment and the similarity as confidence', async () => {
    const [mention] = await tagOne('Great bank overall. The overdraft is awful');
    expect(mention).toMatchObject({ theme: 'fees_pricing', sentiment: 'negative', evidence: 'The overdraft is awful' });
    expect(mention?.confidence).toBeCloseTo(0.995, 3);
  });

  it('keeps the rule mentions as they are and adds what only embeddings see', async () => {
    const text = 'The fees are high, and the app had a crash';
    const rules = new RuleThemeTagger(taxonomy).tag(text, 'en', lexicon.analyze(text, 'en'));
    const mentions = await tagOne(text);
    expect(mentions.slice(0, rules.length)).toEqual(rules);
    expect(mentions.map((mention) => mention.theme)).toEqual(['fees_pricing', 'digital_app']);
    expect(mentions.find((mention) => mention.theme === 'fees_pricing')?.confidence).toBe(0.9);
  });

  it('takes nothing under the threshold', async () => {
    const strict = await EmbeddingThemeTagger.create(embedder, taxonomy, new RuleThemeTagger(taxonomy), { threshold: 0.999 });
    // "kind" leans on the advisor dimension but also a little on the app one: cosine ≈ 0.98.
    expect(await tagOne('Such a kind person', strict)).toEqual([]);
    expect((await tagOne('Such a kind person')).map((mention) => mention.theme)).toEqual(['advisor_quality']);
  });

  it('tags a batch in one call, in input order; tag() alone is the rule tagger', async () => {
    const texts = ['The overdraft again', 'Login fails, the app is down', 'Thanks'];
    const mentions = await tagger.tagBatch(
      texts.map((text) => ({ text, lang: 'en', sentiment: lexicon.analyze(text, 'en') })),
      signal,
    );
    expect(mentions.map((list) => list.map((mention) => mention.theme))).toEqual([['fees_pricing'], ['digital_app'], []]);
    expect(tagger.tag('The overdraft again', 'en', lexicon.analyze('The overdraft again', 'en'))).toEqual([]);
    expect(tagger.version).toMatch(/^models\/embeddings@[0-9a-f]{12}\+themes-rules-/);
  });
});
