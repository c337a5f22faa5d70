import { SENTIMENT_LABELS, type SentimentLabel } from '../../core/vocabulary.js';
import { COMBINED_SENTIMENT_FORMAT, type CombinedSentimentFile } from './combined-file.js';
import { combinedProbabilities } from './combined-sentiment-model.js';
import { STACKING_FEATURES } from './stacking-features.js';
import type { StackingRow } from './stacking-rows.js';
import { trainSoftmax, type TrainingExample } from './softmax-regression.js';
import { macroF1 } from './train-sentiment.js';

export interface CombinedTrainingOptions {
  /** Candidate weights of a CX verbatim against one public text; cross-validation picks one. */
  readonly cxWeights?: readonly number[];
  readonly seed?: number;
  readonly log?: (line: string) => void;
}

/** The systems compared out of fold: the base models and the combined one. */
type System = 'rules' | 'default' | 'learned' | 'combined';

const EPOCHS = 8;

/**
 * Trains the combined model on out-of-fold rows (stacking-rows.ts): for each candidate CX
 * weight, cross-validation over the rows' folds scores it (macro-F1 on the CX verbatims and the
 * mean over the public corpora); the weight with the best sum of the two is kept and the
 * model refitted on every row. The out-of-fold scores of the base systems, on the same rows,
 * are recorded beside it.
 *
 * @example const file = trainCombined(rows, { cxWeights: [10, 30, 100] })
 */
export function trainCombined(rows: readonly StackingRow[], options: CombinedTrainingOptions = {}): CombinedSentimentFile {
  const seed = options.seed ?? 16;
  const folds = Math.max(...rows.map((item) => item.fold)) + 1;
  const crossValidation: Record<string, number> = {};
  const baseGuesses: Record<Exclude<System, 'combined'>, SentimentLabel[]> = {
    rules: rows.map((item) => item.base.rules),
    default: rows.map((item) => item.base.assisted),
    learned: rows.map((item) => item.base.learned),
  };
  for (const [system, guesses] of Object.entries(baseGuesses)) Object.assign(crossValidation, scores(system, rows, guesses));
  let chosen = { weight: options.cxWeights?.[0] ?? 30, objective: -Infinity, guesses: [] as SentimentLabel[] };
  for (const weight of options.cxWeights ?? [30]) {
    const guesses = new Array<SentimentLabel>(rows.length);
    for (let fold = 0; fold < folds; fold++) {
      const model = fit(rows.filter((item) => item.fold !== fold), weight, seed, folds);
      rows.forEach((item, index) => {
        if (item.fold === fold) guesses[index] = predict(model, item.features);
      });
    }
    const scored = scores('combined', rows, guesses);
    const objective = (scored['combined.cx.macro_f1'] ?? 0) + (scored['combined.public.mean_macro_f1'] ?? 0);
    options.log?.(`cx weight ${weight}: CX macro-F1 ${scored['combined.cx.macro_f1']}, public mean ${scored['combined.public.mean_macro_f1']}`);
    if (objective > chosen.objective) chosen = { weight, objective, guesses };
  }
  Object.assign(crossValidation, scores('combined', rows, chosen.guesses));
  const cx = rows.map((item, index) => ({ item, index })).filter(({ item }) => item.cx);
  for (const [system, guesses] of [...Object.entries(baseGuesses), ['combined', chosen.guesses] as const]) {
    options.log?.(`\nCX confusion, ${system} (rows gold, columns guess: ${SENTIMENT_LABELS.join(' ')}):\n${confusion(cx.map(({ item, index }) => [item.label, guesses[index] as SentimentLabel]))}`);
  }
  const model = fit(rows, chosen.weight, seed, folds);
  return { ...model, training: { rows: rows.length, cxWeight: chosen.weight, folds, crossValidation } };
}

function fit(rows: readonly StackingRow[], cxWeight: number, seed: number, folds: number): Omit<CombinedSentimentFile, 'training'> & { training?: never } {
  const dimensions = STACKING_FEATURES.length;
  const indices = Uint32Array.from({ length: dimensions }, (_, index) => index);
  const classWeight = cxClassWeights(rows);
  const examples: TrainingExample[] = rows.map((item) => ({
    features: { indices, values: Float32Array.from(item.features) },
    label: SENTIMENT_LABELS.indexOf(item.label),
    weight: item.cx ? cxWeight * (classWeight.get(item.label) ?? 1) : 1,
  }));
  const weights = trainSoftmax(examples, { classes: SENTIMENT_LABELS.length, dimensions, epochs: EPOCHS, seed: seed + folds, learningRate: 0.1, l2: 1e-5 });
  const round = (value: number): number => Math.round(value * 1e5) / 1e5;
  return {
    format: COMBINED_SENTIMENT_FORMAT,
    labels: SENTIMENT_LABELS,
    features: STACKING_FEATURES,
    bias: Array.from(weights.bias, round),
    weights: STACKING_FEATURES.map((_, feature) => SENTIMENT_LABELS.map((_, c) => round(weights.weights[feature * SENTIMENT_LABELS.length + c] as number))),
  };
}

/**
 * Each CX class weighs the same in total (macro-F1 is the target, and `mixed` and factual
 * `neutral` are the CX labels the public corpora teach least): weight = mean class count / class count.
 */
function cxClassWeights(rows: readonly StackingRow[]): Map<SentimentLabel, number> {
  const counts = new Map<SentimentLabel, number>();
  for (const item of rows) if (item.cx) counts.set(item.label, (counts.get(item.label) ?? 0) + 1);
  const mean = [...counts.values()].reduce((a, b) => a + b, 0) / Math.max(1, counts.size);
  return new Map([...counts].map(([label, count]) => [label, mean / count]));
}

function predict(model: Omit<CombinedSentimentFile, 'training'>, features: Float64Array): SentimentLabel {
  const p = combinedProbabilities({ ...model, training: { rows: 0, cxWeight: 0, folds: 0, crossValidation: {} } }, features);
  let best = 0;
  for (let c = 1; c < p.length; c++) if ((p[c] as number) > (p[best] as number)) best = c;
  return model.labels[best] as SentimentLabel;
}

/** Macro-F1 (over the gold classes) per corpus, on all CX rows, and the mean over the public corpora. */
function scores(system: string, rows: readonly StackingRow[], guesses: readonly SentimentLabel[]): Record<string, number> {
  const groups = new Map<string, { label: number; guess: number }[]>();
  rows.forEach((item, index) => {
    const pair = { label: SENTIMENT_LABELS.indexOf(item.label), guess: SENTIMENT_LABELS.indexOf(guesses[index] as SentimentLabel) };
    for (const group of new Set([item.corpus, item.cx ? 'cx' : 'public'])) {
      const members = groups.get(group) ?? [];
      members.push(pair);
      groups.set(group, members);
    }
  });
  const out: Record<string, number> = {};
  const publicScores: number[] = [];
  for (const [group, pairs] of groups) {
    const value = Math.round(macroF1(pairs) * 1000) / 1000;
    out[`${system}.${group}.macro_f1`] = value;
    if (group !== 'cx' && group !== 'public' && !rows.some((item) => item.cx && item.corpus === group)) publicScores.push(value);
  }
  out[`${system}.public.mean_macro_f1`] = Math.round((publicScores.reduce((a, b) => a + b, 0) / Math.max(1, publicScores.length)) * 1000) / 1000;
  return out;
}

function confusion(pairs: readonly (readonly [SentimentLabel, SentimentLabel])[]): string {
  return SENTIMENT_LABELS.map((gold) => `  ${gold.padEnd(9)}${SENTIMENT_LABELS.map((guess) => String(pairs.filter(([g, p]) => g === gold && p === guess).length).padStart(6)).join('')}`).join('\n');
}
