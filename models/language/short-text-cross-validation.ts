import { hashFeature } from '../learned/hashing.js';
import { trainShortTextModel, type LanguageExample, type ShortTextTrainingOptions } from './short-text-training.js';
import { windowExamples, type LanguageText } from './short-text-corpus.js';
import { ShortTextLanguageModel } from './short-text-model.js';

/** Out-of-fold French probabilities: of the windows cut from held-out texts, and of held-out texts under 20 characters. */
export interface OutOfFold {
  readonly windows: readonly { readonly example: LanguageExample; readonly probability: number }[];
  readonly shortTexts: readonly { readonly example: LanguageText; readonly probability: number }[];
}

/**
 * k-fold cross-validation by whole text (a text's windows, and its copies, stay in its fold), so the settings and
 * thresholds of the short-text model are chosen on training data only.
 *
 * @example const { windows } = crossValidateShortText(texts, 5, { buckets: 1 << 16 })
 */
export function crossValidateShortText(texts: readonly LanguageText[], folds: number, options: ShortTextTrainingOptions): OutOfFold {
  const windows: { example: LanguageExample; probability: number }[] = [];
  const shortTexts: { example: LanguageText; probability: number }[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const train = texts.filter((text) => foldOf(text.text, folds) !== fold);
    const held = texts.filter((text) => foldOf(text.text, folds) === fold);
    const model = new ShortTextLanguageModel(trainShortTextModel(train, windowExamples(train, 1), options));
    for (const example of windowExamples(held, 2)) windows.push({ example, probability: model.frenchProbability(example.text) });
    for (const example of held) if (example.text.length < 20) shortTexts.push({ example, probability: model.frenchProbability(example.text) });
  }
  return { windows, shortTexts };
}

/** A text's fold by its hash: a text counted several times stays in one fold. */
function foldOf(text: string, folds: number): number {
  return hashFeature(text) % folds;
}

/** Share of French/English calls right, among those at least `margin` away from 0.5, and the share so decided. */
export function accuracyAtMargin(scored: readonly { readonly example: LanguageExample; readonly probability: number }[], margin: number): { accuracy: number; decided: number } {
  const decided = scored.filter(({ probability }) => Math.abs(probability - 0.5) >= margin);
  const right = decided.filter(({ example, probability }) => probability > 0.5 === example.french).length;
  return { accuracy: decided.length === 0 ? 1 : right / decided.length, decided: scored.length === 0 ? 0 : decided.length / scored.length };
}
