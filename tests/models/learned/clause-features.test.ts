import { beforeAll, describe, expect, it } from 'vitest';
import { fold } from '../../../core/text-folding.js';
import { extractFeaturesByClause, foldsUnitByUnit, type TextSpan } from '../../../models/learned/clause-features.js';
import { extractFeatures, type FeatureSettings, type SparseVector } from '../../../models/learned/features.js';
import { seededRandom } from '../../../models/learned/hashing.js';
import type { CompiledLexicons } from '../../../models/learned/lexicon-features.js';
import type { LearnedSentimentFile } from '../../../models/learned/model-file.js';
import { SentimentClassifier } from '../../../models/learned/sentiment-classifier.js';
import { splitClauses } from '../../../models/sentiment/clauses.js';
import { CONCESSIVE, CONTRAST } from '../../../models/sentiment/lexicons.js';
import { loadBundledSentiment } from './bundled-sentiment.js';
import { jsonlTexts } from './jsonl-texts.js';
import { referenceExtractFeatures } from './reference-features.js';

/** Texts whose tokens meet clause ends in every way the tokenizer allows: contractions, marks, emoji, folding that changes length. */
const EDGE_CASES = [
  '', '!', 'Not bad at all, but slow.', 'I don’t like it, but the staff is great.', "I don't like it. It isn't fine", "don'tx can't, won't",
  'Je n’aime pas… mais bon 🙃', "Ce n'est pas terrible, vraiment pas.", 'NUL NUL NUL!!! Mais le conseiller, top', 'c tro nuuul 😡😡, mais bon 👍',
  'Ça marche pas depuis 3 jours, personne ne répond.', 'No. Never. Nothing.', 'Straße über Öl, schlecht', 'Привет, всё плохо, но ок', 'x\u0301y, \u0327z',
  '\uD83D lone surrogate, but fine', 'e\u0301tait tre\u0300s bien, mais cher', 'œuvre cœur, Æsir ﬁnance', 'İstanbul, SIGMA ΣΑΣ, fine', 'Bien mais cher, mais bien.',
  'Although the app is nice, the fees are crazy', 'Même si le conseiller est sympa, les frais sont abusifs !', 'Top. Top. Nul. Nul.', '« génial » – vraiment, non',
  'Le service est bon mais les frais sont élevés. '.repeat(40),
];


const TEXTS = [
  ...EDGE_CASES,
  ...jsonlTexts('samples/labels/cx-train.jsonl', 120),
  ...jsonlTexts('bench/data/cx-blind.jsonl', 50),
  ...jsonlTexts('bench/data/public/semeval2014-restaurants.jsonl', 40),
  ...jsonlTexts('bench/data/public/fr-tv-series-reviews.jsonl', 20),
  ...jsonlTexts('models/training/data/fr-book-reviews.jsonl', 15, 500),
  ...jsonlTexts('models/training/data/tweeteval-sentiment-en.jsonl', 30, 500),
];

const MARKERS = { fr: { contrast: CONTRAST.fr, concessive: CONCESSIVE.fr }, en: { contrast: CONTRAST.en, concessive: CONCESSIVE.en } };
const OTHER_SETTINGS: FeatureSettings = { buckets: 1 << 12, charNgrams: { min: 2, max: 4 }, wordBigrams: false, negation: false };
const plain = (vector: SparseVector): { indices: number[]; values: number[] } => ({ indices: Array.from(vector.indices), values: Array.from(vector.values) });

/** Spans at any offsets: inside words, on a contraction's quote, empty, overlapping, out of order. */
function randomSpans(text: string, random: () => number): TextSpan[] {
  return Array.from({ length: 6 }, () => {
    const a = Math.floor(random() * (text.length + 1));
    const b = Math.floor(random() * (text.length + 1));
    return { start: Math.min(a, b), end: Math.max(a, b) };
  });
}

describe('the features of a text and its clauses from one tokenization', () => {
  let file: LearnedSentimentFile;
  let lexicons: CompiledLexicons;
  beforeAll(async () => {
    ({ file, lexicons } = await loadBundledSentiment());
  });

  it(`equals the former code's vectors of each text and each of its clauses, to the bit (${TEXTS.length} texts)`, () => {
    for (const text of TEXTS) {
      for (const lang of ['fr', 'en'] as const) {
        const spans = splitClauses(text, MARKERS[lang]);
        const expected = [text, ...spans.map((span) => text.slice(span.start, span.end))].map((piece) => plain(referenceExtractFeatures(piece, lang, file.features, lexicons)));
        expect(extractFeaturesByClause(text, lang, spans, file.features, lexicons).map(plain), `${lang}: ${text}`).toEqual(expected);
      }
    }
  });

  it('equals featurizing each piece alone for spans that cut tokens anywhere, with and without lexicons, in any settings', () => {
    const random = seededRandom(16);
    for (const text of TEXTS) {
      const spans = randomSpans(text, random);
      for (const [settings, lex] of [[file.features, lexicons], [file.features, null], [OTHER_SETTINGS, lexicons]] as const) {
        const expected = [text, ...spans.map((span) => text.slice(span.start, span.end))].map((piece) => plain(extractFeatures(piece, 'en', settings, lex)));
        expect(extractFeaturesByClause(text, 'en', spans, settings, lex).map(plain), text).toEqual(expected);
      }
    }
  });

  it.each([
    ["don'tx", { start: 0, end: 5 }],
    ["can't stop", { start: 0, end: 4 }],
    ['word’t', { start: 0, end: 6 }],
    ['Nope', { start: 1, end: 4 }],
    ['a😀b', { start: 0, end: 2 }],
    ['a😀b', { start: 2, end: 4 }],
    ['ok 😀, 12 €', { start: 0, end: 4 }],
    ['a\u{1D100}b', { start: 0, end: 2 }],
    ['a\u{1D100}b', { start: 2, end: 4 }],
  ])('featurizes "%s" cut at %o as that piece alone (a token across the cut)', (text, span) => {
    const vectors = extractFeaturesByClause(text, 'en', [span], file.features, lexicons).map(plain);
    expect(vectors[1]).toEqual(plain(referenceExtractFeatures(text.slice(span.start, span.end), 'en', file.features, lexicons)));
  });

  it('gives the classifier the same probabilities as scoring each piece', () => {
    const classifier = new SentimentClassifier(file);
    for (const text of TEXTS.slice(0, 150)) {
      const spans = splitClauses(text, MARKERS.fr);
      const pieces = [text, ...spans.map((span) => text.slice(span.start, span.end))];
      expect(classifier.probabilitiesByClause(text, 'fr', spans)).toEqual(pieces.map((piece) => classifier.probabilities(piece, 'fr')));
    }
  });
});

describe('foldsUnitByUnit (the guard that lets clause offsets carry over to the folded text)', () => {
  const allowed = [...Array.from({ length: 0x2100 }, (_, code) => String.fromCharCode(code)), '😀', '👍', '😡', '🙃', '€'].filter((char) => foldsUnitByUnit(char));

  it('lets through ASCII, accented Latin letters, typographic punctuation, currency signs and emoji, and not other scripts, marks or lone surrogates', () => {
    expect(allowed.length).toBeGreaterThan(600);
    for (const text of ['Très bien', 'ŒUVRE « déçu » – ok…', 'İ', '12 €', 'Top 👍😀']) expect(foldsUnitByUnit(text), text).toBe(true);
    for (const text of ['ΣΑΣ', 'Привет', '\uD83D', '\uDE00x', 'ﬁ', 'x\u0301', '❤️', '\u{1D15E}', '\u{10400}']) expect(foldsUnitByUnit(text), text).toBe(false);
  });

  it('folds every text it lets through code unit by code unit, so any slice folds to the slice of the fold', () => {
    const random = seededRandom(7);
    for (let round = 0; round < 3000; round++) {
      const units = Array.from({ length: 1 + Math.floor(random() * 24) }, () => allowed[Math.floor(random() * allowed.length)] as string);
      const text = units.join('');
      const folded = fold(text);
      expect(folded).toBe(units.map((unit) => fold(unit)).join(''));
      const a = Math.floor(random() * (text.length + 1));
      const b = a + Math.floor(random() * (text.length - a + 1));
      expect(fold(text.slice(a, b))).toBe(folded.slice(a, b));
    }
  });
});
