import type { SentimentLabel } from '../../core/vocabulary.js';
import type { LabelScorer } from '../classifier/label-scorer.js';
import type { SentimentModel } from '../types.js';
import { baseAnswers, type BaseModels } from './base-answers.js';
import { LearnedSentimentModel } from './learned-sentiment-model.js';
import { SentimentClassifier } from './sentiment-classifier.js';
import { stackingFeatures } from './stacking-features.js';
import type { FoldModel } from './train-sentiment.js';
import type { PolarityExample } from './training-corpora.js';

/** A labelled CX verbatim with every label kept (`mixed` too) and the file it came from. */
export interface CxVerbatim {
  readonly text: string;
  readonly lang: string;
  readonly label: SentimentLabel;
  readonly corpus: string;
}

/** One training row of the combined model: out-of-fold base answers as features, the gold label, and what each base model said. */
export interface StackingRow {
  readonly text: string;
  readonly features: Float64Array;
  readonly label: SentimentLabel;
  readonly corpus: string;
  readonly cx: boolean;
  /** The cross-validation fold whose base models never saw this text. */
  readonly fold: number;
  /** The base systems' labels: the rules alone, the default (rules assisted by the classifier), the learned model. */
  readonly base: { readonly rules: SentimentLabel; readonly assisted: SentimentLabel; readonly learned: SentimentLabel };
}

export interface StackingInputs {
  /** What the learned model trained on, in training order (the folds' indices point here). */
  readonly examples: readonly PolarityExample[];
  readonly folds: readonly FoldModel[];
  /** Every labelled CX verbatim, in every language. */
  readonly cx: readonly CxVerbatim[];
  readonly rules: SentimentModel;
  /** The classifier trained on every CX verbatim (never on a public text): it answers for the public rows. */
  readonly bundled: LabelScorer | undefined;
  /**
   * Labelled CX verbatims the bundled classifier also learned from that are not rows (the shared
   * dev files): every fold's classifier learns them too, so it is the bundled one minus that fold's rows.
   */
  readonly classifierOnly?: readonly CxVerbatim[];
  /** Trains the CX classifier on some CX verbatims: one per fold, so a CX row's classifier never saw it. */
  readonly trainClassifier: (verbatims: readonly CxVerbatim[]) => LabelScorer;
}

/**
 * The combined model's training rows, French and English only: each public text is answered by
 * the learned fold model that held it out, each CX verbatim by the fold model that held it out
 * and by a classifier trained on the other folds' CX verbatims and `classifierOnly`. No base model
 * saw the text it answers.
 */
export function buildStackingRows(inputs: StackingInputs): StackingRow[] {
  const k = inputs.folds.length;
  const foldOfExample = new Int32Array(inputs.examples.length).fill(-1);
  for (const fold of inputs.folds) for (const index of fold.heldOut) foldOfExample[index] = fold.fold;
  const cxCorpora = new Set(inputs.cx.map((item) => item.corpus));
  const exampleAt = new Map<string, number>();
  inputs.examples.forEach((example, index) => {
    if (cxCorpora.has(example.corpus)) exampleAt.set(`${example.corpus}\t${example.text}`, index);
  });
  // A `mixed` verbatim is in no fold's training (the learned model learns sides only): any fold will do.
  const cxFold = inputs.cx.map((item, index) => foldOfExample[exampleAt.get(`${item.corpus}\t${item.text}`) ?? -1] ?? index % k);
  const rows: StackingRow[] = [];
  for (const fold of inputs.folds) {
    const learned = new LearnedSentimentModel(new SentimentClassifier(fold.file), `fold-${fold.fold}`);
    const answered = new Set(inputs.cx.filter((_, index) => cxFold[index] === fold.fold).map((item) => sameText(item.text)));
    // Short texts repeat across files and folds ("RAS", "ok"): the fold's classifier learns no copy of a text it answers.
    const classifier = inputs.trainClassifier(
      [...inputs.cx.filter((_, index) => cxFold[index] !== fold.fold), ...(inputs.classifierOnly ?? [])].filter((item) => !answered.has(sameText(item.text))),
    );
    for (const index of fold.heldOut) {
      const example = inputs.examples[index] as PolarityExample;
      if (cxCorpora.has(example.corpus) || !isScored(example.lang)) continue;
      rows.push(row(example.text, example.lang, example.label, example.corpus, false, fold.fold, { learned, rules: inputs.rules, classifier: inputs.bundled }));
    }
    inputs.cx.forEach((item, index) => {
      if (cxFold[index] === fold.fold && isScored(item.lang)) rows.push(row(item.text, item.lang, item.label, item.corpus, true, fold.fold, { learned, rules: inputs.rules, classifier }));
    });
  }
  return rows;
}

/** Texts the classifier cannot tell apart count as the same text (its features fold case). */
function sameText(text: string): string {
  return text.trim().toLowerCase();
}

function isScored(lang: string): boolean {
  return lang === 'fr' || lang === 'en';
}

function row(text: string, lang: string, label: SentimentLabel, corpus: string, cx: boolean, fold: number, models: BaseModels): StackingRow {
  const answers = baseAnswers(text, lang, models);
  return { text, features: stackingFeatures(answers), label, corpus, cx, fold, base: { rules: answers.rules.label, assisted: answers.assisted, learned: answers.learnedAnalysis.label } };
}
