import { beforeAll, describe, expect, it } from 'vitest';
import { extractFeatures, type FeatureSettings, type SparseVector } from '../../../models/learned/features.js';
import type { CompiledLexicons } from '../../../models/learned/lexicon-features.js';
import type { LearnedSentimentFile } from '../../../models/learned/model-file.js';
import { markNegation } from '../../../models/learned/negation.js';
import { SentimentClassifier } from '../../../models/learned/sentiment-classifier.js';
import { scoreInto } from '../../../models/learned/softmax-regression.js';
import { splitClauses } from '../../../models/sentiment/clauses.js';
import { CONCESSIVE, CONTRAST } from '../../../models/sentiment/lexicons.js';
import { loadBundledSentiment } from './bundled-sentiment.js';
import { jsonlTexts } from './jsonl-texts.js';
import { referenceExtractFeatures, referenceMarkNegation } from './reference-features.js';

/** Texts the tokenizer, the negation scope, the lexicons and the clause splitter can trip on. */
const EDGE_CASES = [
  '', '   ', '!', '?!', '...', 'Not bad at all', 'Pas mal du tout !', 'I don’t like it, but the staff is great.', "I don't like it. It isn't fine",
  'Je n’aime pas… mais bon 🙃', "Ce n'est pas terrible, vraiment pas.", 'NUL NUL NUL!!!', 'c tro nuuul 😡😡', 'Super 👍👍 merci', '😀', '🇫🇷 drapeau',
  'Ça marche pas depuis 3 jours, personne ne répond.', 'No. Never. Nothing.', 'hardly working; barely alive', 'sans aucune explication',
  'Straße über Öl', 'Der Service ist schlecht', 'El servicio es muy malo', '日本語のテキスト', 'Привет, всё плохо', 'x\u0301y\u0327z', '\uD83D lone surrogate',
  'e\u0301tait tre\u0300s bien', 'œuvre cœur Æsir ﬁnance', "isn't it’t can’t won't", "n'importe quoi, jamais vu ça", '1234 5678', '@user #hashtag http://x.y',
  '(très) [bien] {ok} «génial»', 'Oui!Non?Peut-être.', 'ne pas ne plus ne jamais', 'not not not good', 'TRES BIEN', 'a b c d e f g',
  'Super le service client... 3 appels, personne ne rappelle.', 'Great service... nobody ever called back. Nice 🙄', 'Bien mais cher, mais bien.',
  'Although the app is nice, the fees are crazy', 'Même si le conseiller est sympa, les frais sont abusifs !', 'Top. Top. Nul. Nul.', 'but', 'mais mais mais',
  'a'.repeat(3000), 'Le service est bon mais les frais sont élevés. '.repeat(60),
];


/** A few hundred texts: the edge cases, our labelled CX verbatims (FR/EN), public reviews and tweets (long, noisy). */
const TEXTS = [
  ...EDGE_CASES,
  ...jsonlTexts('samples/labels/cx-train.jsonl', 150),
  ...jsonlTexts('samples/labels/cx-holdout.jsonl', 60),
  ...jsonlTexts('bench/data/cx-blind.jsonl', 60),
  ...jsonlTexts('models/training/data/fr-book-reviews.jsonl', 15, 500),
  ...jsonlTexts('models/training/data/trustpilot-food-delivery.jsonl', 15, 500),
  ...jsonlTexts('models/training/data/tweeteval-sentiment-en.jsonl', 20, 500),
  ...jsonlTexts('models/training/data/xlmt-umsab-tweets-fr-en.jsonl', 20, 500),
];

/** Settings unlike the shipped model's: other bucket count, n-gram range, no bigrams, no negation. */
const OTHER_SETTINGS: FeatureSettings = { buckets: 1 << 12, charNgrams: { min: 2, max: 4 }, wordBigrams: false, negation: false };
const LANGUAGES = ['fr', 'en', 'de'] as const;

const plain = (vector: SparseVector): { indices: number[]; values: number[] } => ({ indices: Array.from(vector.indices), values: Array.from(vector.values) });
const MARKERS = { fr: { contrast: CONTRAST.fr, concessive: CONCESSIVE.fr }, en: { contrast: CONTRAST.en, concessive: CONCESSIVE.en } };

describe('the fast feature extraction (the same vectors as before, to the bit)', () => {
  let file: LearnedSentimentFile;
  let lexicons: CompiledLexicons;
  beforeAll(async () => {
    ({ file, lexicons } = await loadBundledSentiment());
  });

  it(`has ${TEXTS.length} varied texts to compare`, () => {
    expect(TEXTS.length).toBeGreaterThan(300);
  });

  it('marks negation on the same words', () => {
    for (const text of TEXTS) expect(markNegation(text), text).toEqual(referenceMarkNegation(text));
  });

  it('gives the shipped model the same vector of every text and of each of its clauses, read in the model’s order', () => {
    for (const text of TEXTS) {
      for (const lang of LANGUAGES) {
        expect(plain(extractFeatures(text, lang, file.features, lexicons)), `${lang}: ${text}`).toEqual(plain(referenceExtractFeatures(text, lang, file.features, lexicons)));
        if (lang === 'de') continue;
        // Clauses right after their text: the order in which the fast code reuses the text's rule scores.
        for (const span of splitClauses(text, MARKERS[lang])) {
          const clause = text.slice(span.start, span.end);
          expect(plain(extractFeatures(clause, lang, file.features, lexicons)), `${lang} clause: ${clause}`).toEqual(plain(referenceExtractFeatures(clause, lang, file.features, lexicons)));
        }
      }
    }
  });

  it('gives the same vectors without lexicons and with other settings (the classifiers’ use)', () => {
    for (const text of TEXTS) {
      for (const lang of LANGUAGES) {
        expect(plain(extractFeatures(text, lang, file.features, null))).toEqual(plain(referenceExtractFeatures(text, lang, file.features, null)));
        expect(plain(extractFeatures(text, lang, OTHER_SETTINGS, lexicons))).toEqual(plain(referenceExtractFeatures(text, lang, OTHER_SETTINGS, lexicons)));
      }
    }
  });

  it('gives the same vectors for a text of many distinct words (growing tables) and for short texts after it', () => {
    const words = Array.from({ length: 60_000 }, (_, i) => `mot${i.toString(36)}`);
    const long = words.join(' ');
    for (const text of [long, 'Très bien', long.slice(0, 20_000), 'Bad service']) {
      expect(plain(extractFeatures(text, 'fr', file.features, lexicons))).toEqual(plain(referenceExtractFeatures(text, 'fr', file.features, lexicons)));
    }
  });

  it('gives the same calibrated probabilities (the scores and labels follow from them)', () => {
    const classifier = new SentimentClassifier(file);
    const order = ['negative', 'neutral', 'positive'].map((label) => file.labels.indexOf(label));
    for (const text of TEXTS) {
      for (const lang of ['fr', 'en'] as const) {
        for (const piece of [text, ...splitClauses(text, MARKERS[lang]).map((span) => text.slice(span.start, span.end))]) {
          const p = scoreInto(file.model, referenceExtractFeatures(piece, lang, file.features, lexicons), new Float64Array(file.labels.length), file.temperature);
          const [negative, neutral, positive] = order.map((index) => p[index] as number);
          expect(classifier.probabilities(piece, lang)).toEqual({ negative, neutral, positive });
        }
      }
    }
  });
});
