/**
 * The learned model's feature extraction as it was before it was made fast (issue 16),
 * kept verbatim as the reference the fast code must equal bit for bit: every feature
 * string built and hashed per token, token objects, a 2^18-slot count array, and the
 * rule model run on every text and every clause.
 */
import { fold } from '../../../core/text-folding.js';
import type { FeatureSettings, SparseVector } from '../../../models/learned/features.js';
import { DENSE_FEATURES } from '../../../models/learned/features.js';
import { continueHash, finishHash, FNV_OFFSET, hashFeature } from '../../../models/learned/hashing.js';
import type { CompiledLexicons } from '../../../models/learned/lexicon-features.js';
import { LexiconSentimentModel } from '../../../models/sentiment/lexicon-sentiment.js';

export interface ReferenceToken {
  readonly word: string;
  readonly negated: boolean;
}

const NEGATORS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'nor', 'nothing', 'none', 'nobody', 'nowhere', 'neither', 'cannot', 'without', 'hardly', 'barely',
  'ne', 'n', 'pas', 'jamais', 'aucun', 'aucune', 'rien', 'sans', 'ni', 'personne', 'nullement', 'guere',
]);
const TOKEN = /[\p{L}\p{N}]+(?:['’]t(?![\p{L}\p{N}]))?|\p{Extended_Pictographic}|[.!?,;:()]/gu;
const SCOPE_END = /^[.!?,;:()]$/;

function isNegator(word: string): boolean {
  return NEGATORS.has(word) || word.endsWith("n't") || word.endsWith('n’t');
}

export function referenceMarkNegation(text: string): ReferenceToken[] {
  const out: ReferenceToken[] = [];
  let inScope = false;
  for (const match of fold(text).matchAll(TOKEN)) {
    const word = match[0].replace('’', "'");
    if (SCOPE_END.test(word)) {
      inScope = false;
      continue;
    }
    const negator = isNegator(word);
    out.push({ word, negated: inScope && !negator });
    if (negator) inScope = true;
  }
  return out;
}

const DENSE_INDEX: Readonly<Record<string, number>> = Object.fromEntries(DENSE_FEATURES.map((name, index) => [name, index]));
const CHAR_WEIGHT = 0.5;
const rules = new LexiconSentimentModel();

/** The rule model's score, computed afresh for every text (the fast code reuses a text's clause scores). */
function referenceRuleScore(text: string, lang: string): number {
  const analysis = rules.analyze(text, lang);
  return analysis.supported ? analysis.score : 0;
}

export function referenceExtractFeatures(text: string, lang: string, settings: FeatureSettings, lexicons: CompiledLexicons | null): SparseVector {
  const counts = new Counts(settings.buckets);
  const mask = settings.buckets - 1;
  const add = (feature: string, value: number): void => counts.add(hashFeature(feature) & mask, value);
  const dense = new Float64Array(DENSE_FEATURES.length);
  add(`lang:${lang}`, 1);
  if (text.includes('!')) add('punct:!', 1);
  if (text.includes('?')) add('punct:?', 1);
  let previous = '<s>';
  for (const token of referenceMarkNegation(text)) {
    const negated = settings.negation && token.negated;
    add(negated ? `w:NEG_${token.word}` : `w:${token.word}`, 1);
    if (settings.wordBigrams) add(`b:${previous} ${token.word}`, 1);
    previous = token.word;
    if (settings.charNgrams !== null && token.word.length > 1) addCharNgrams(`<${token.word}>`, negated ? NEGATED_CHAR_SEED : CHAR_SEED, settings.charNgrams, counts, mask);
    if (lexicons === null) continue;
    for (const hit of lexicons.lookup(token.word, lang)) {
      const value = negated ? -hit.value : hit.value;
      add(`lx:${hit.lexicon}:${Math.round(value * 4)}`, 1);
      const slot = DENSE_INDEX[`${hit.lexicon}${value > 0 ? '+' : '-'}`];
      if (slot !== undefined) dense[slot] = (dense[slot] as number) + Math.abs(value);
    }
  }
  if (settings.wordBigrams) add(`b:${previous} </s>`, 1);
  if (settings.ruleScore === true && lexicons !== null) {
    const score = referenceRuleScore(text, lang);
    dense[DENSE_INDEX[score > 0 ? 'rule+' : 'rule-'] as number] = Math.abs(score) * 2;
  }
  return toVector(counts, settings.buckets, lexicons === null ? null : dense);
}

const CHAR_SEED = continueHash(FNV_OFFSET, 'c:', 0, 2);
const NEGATED_CHAR_SEED = continueHash(FNV_OFFSET, 'c!', 0, 2);

function addCharNgrams(word: string, seed: number, range: { readonly min: number; readonly max: number }, counts: Counts, mask: number): void {
  for (let i = 0; i < word.length; i++) {
    let state = seed;
    for (let n = 1; n <= range.max && i + n <= word.length; n++) {
      state = continueHash(state, word, i + n - 1, i + n);
      if (n >= range.min) counts.add(finishHash(state) & mask, CHAR_WEIGHT);
    }
  }
}

class Counts {
  static #scratch = new Float64Array(0);
  readonly touched: number[] = [];
  readonly #values: Float64Array;

  constructor(buckets: number) {
    if (Counts.#scratch.length < buckets) Counts.#scratch = new Float64Array(buckets);
    this.#values = Counts.#scratch;
  }

  add(bucket: number, value: number): void {
    if (this.#values[bucket] === 0) this.touched.push(bucket);
    this.#values[bucket] = (this.#values[bucket] as number) + value;
  }

  take(bucket: number): number {
    const value = this.#values[bucket] as number;
    this.#values[bucket] = 0;
    return value;
  }
}

function toVector(counts: Counts, buckets: number, dense: Float64Array | null): SparseVector {
  const touched = counts.touched;
  const extra = dense === null ? 0 : dense.length;
  const indices = new Uint32Array(touched.length + extra);
  const values = new Float32Array(touched.length + extra);
  let norm = 0;
  touched.forEach((bucket, i) => {
    const count = counts.take(bucket);
    const value = count >= 1 ? 1 + Math.log(count) : count;
    indices[i] = bucket;
    values[i] = value;
    norm += value * value;
  });
  const scale = norm === 0 ? 1 : 1 / Math.sqrt(norm);
  for (let i = 0; i < touched.length; i++) values[i] = (values[i] as number) * scale;
  for (let j = 0; j < extra; j++) {
    indices[touched.length + j] = buckets + j;
    values[touched.length + j] = Math.tanh((dense?.[j] ?? 0) / 2);
  }
  return { indices, values };
}
