import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSentimentModel } from '../../../models/sentiment/lexicon-sentiment.js';
import { MultilingualSentimentModel } from '../../../models/sentiment/multilingual-sentiment.js';
import { StemmedLexiconSentimentModel } from '../../../models/sentiment/stemmed-lexicon-sentiment.js';
import type { SentimentInput } from '../../../models/transformer/batch-models.js';
import { loadSentimentClassifier, type SentimentClassifier } from '../../../models/transformer/load-transformer-models.js';
import { TransformerSentimentModel } from '../../../models/transformer/transformer-sentiment.js';
import { createFixtureDir, type FixtureDir } from './fixture-models.js';

let fixture: FixtureDir;
let classifier: SentimentClassifier;
const lexicon = createSentimentModel();
const signal = new AbortController().signal;

beforeAll(async () => {
  fixture = await createFixtureDir({ embeddings: false });
  classifier = await loadSentimentClassifier(fixture.modelDir);
});
afterAll(() => fixture.remove());

describe('TransformerSentimentModel', () => {
  it.each([
    // The lexicons do not know "zorgly" / "blarf": these labels can only come from the tiny model.
    ['The service was zorgly', 'positive'],
    ['The service was blarf', 'negative'],
    ['good', 'positive'],
    ['bad', 'negative'],
    ['okay', 'neutral'],
  ])('%j → %s', async (text, label) => {
    const [analysis] = await new TransformerSentimentModel(classifier, lexicon).analyzeBatch([{ text, lang: 'en' }], signal);
    expect(analysis?.label).toBe(label);
    expect(analysis?.supported).toBe(true);
  });

  it('scores by expected valence (P(positive) − P(negative)) and keeps the lexicon clauses', async () => {
    const model = new TransformerSentimentModel(classifier, lexicon);
    const text = 'The advisor was zorgly. The fees are a scandal';
    const [analysis] = await model.analyzeBatch([{ text, lang: 'en' }], signal);
    const [probabilities] = await classifier.classify([text]);
    expect(analysis?.score).toBeCloseTo((probabilities?.[2] ?? 0) - (probabilities?.[0] ?? 0), 3);
    expect(analysis?.clauses).toEqual(lexicon.analyze(text, 'en').clauses);
  });

  it('says mixed when the clauses disagree and the model puts weight on both sides', async () => {
    const text = 'The advisor was great and good, but the fees are bad and awful';
    expect(lexicon.analyze(text, 'en').label).toBe('mixed');
    const [analysis] = await new TransformerSentimentModel(classifier, lexicon).analyzeBatch([{ text, lang: 'en' }], signal);
    expect(analysis?.label).toBe('mixed');
  });

  it('leaves undetermined and out-of-list languages to the clause model', async () => {
    const model = new TransformerSentimentModel(classifier, lexicon, { languages: ['en'] });
    const analyses = await model.analyzeBatch(
      [
        { text: 'zorgly', lang: 'und' },
        { text: 'Le service était zorgly', lang: 'fr' },
        { text: 'zorgly', lang: 'en' },
        { text: '', lang: 'en' },
      ],
      signal,
    );
    expect(analyses.map((analysis) => analysis.label)).toEqual(['neutral', 'neutral', 'positive', 'neutral']);
    expect(analyses[0]?.supported).toBe(false);
  });

  it('records the model folder and config hash in its version; per-record analyze is the clause model', () => {
    const model = new TransformerSentimentModel(classifier, lexicon);
    expect(model.version).toMatch(/^models\/sentiment@[0-9a-f]{12}\+sentiment-lexicon-/);
    expect(model.analyze('The service was zorgly', 'en')).toEqual(lexicon.analyze('The service was zorgly', 'en'));
  });
});

describe('languages a sentiment model covers', () => {
  // The fast tier's router: the FR/EN lexicon plus real lexicons for es/de/it/nl/pt.
  const fastTier = new MultilingualSentimentModel([lexicon, new StemmedLexiconSentimentModel()]);
  const inputs: readonly SentimentInput[] = [
    { text: 'Le service était zorgly', lang: 'fr' },
    { text: 'The service was zorgly', lang: 'en' },
    { text: 'El servicio es malo zorgly', lang: 'es' },
    { text: 'Der Service ist schlecht zorgly', lang: 'de' },
    { text: 'zorgly', lang: 'ja' },
  ];
  // "positive" on es/de can only come from the tiny model ("zorgly"); the lexicons read "malo"/"schlecht" as negative.
  it.each([
    ['no verbatim.json: fr and en only', undefined, ['positive', 'positive', 'negative', 'negative', 'neutral'], [true, true, true, true, false]],
    ['declared es', '{ "languages": ["es"] }', ['neutral', 'neutral', 'positive', 'negative', 'neutral'], [true, true, true, true, false]],
    ['declared "*"', '{ "languages": ["*"] }', ['positive', 'positive', 'positive', 'positive', 'positive'], [true, true, true, true, true]],
  ] as const)('%s', async (_, settings, labels, supported) => {
    const dir = await createFixtureDir({ embeddings: false, ...(settings === undefined ? {} : { sentimentSettings: settings }) });
    try {
      const model = new TransformerSentimentModel(await loadSentimentClassifier(dir.modelDir), fastTier);
      const analyses = await model.analyzeBatch(inputs, signal);
      expect(analyses.map((analysis) => analysis.label)).toEqual(labels);
      expect(analyses.map((analysis) => analysis.supported)).toEqual(supported);
    } finally {
      await dir.remove();
    }
  });

  it.each([
    [undefined, ['fr', 'en', 'es', 'de', 'it', 'nl', 'pt']],
    ['{ "languages": ["fr", "en", "ja"] }', ['fr', 'en', 'es', 'de', 'it', 'nl', 'pt', 'ja']],
    ['{ "languages": ["*"] }', ['*']],
  ] as const)('verbatim.json %s → model.languages %j', async (settings, languages) => {
    const dir = await createFixtureDir({ embeddings: false, ...(settings === undefined ? {} : { sentimentSettings: settings }) });
    try {
      expect(new TransformerSentimentModel(await loadSentimentClassifier(dir.modelDir), fastTier).languages).toEqual(languages);
    } finally {
      await dir.remove();
    }
  });
});
