import { SENTIMENT_LABELS, type SentimentLabel } from '../../core/vocabulary.js';
import { ClassifierAssistedSentimentModel } from '../classifier/classifier-sentiment-model.js';
import type { LabelScorer } from '../classifier/label-scorer.js';
import type { SentimentAnalysis, SentimentModel } from '../types.js';
import type { LearnedSentimentModel } from './learned-sentiment-model.js';
import type { BaseAnswers } from './stacking-features.js';

/** The models the combined sentiment stacks: the learned model, the lexicon-and-rules model, the labelled-CX classifier (optional). */
export interface BaseModels {
  readonly learned: LearnedSentimentModel;
  readonly rules: SentimentModel;
  readonly classifier: LabelScorer | undefined;
}

const UNSURE = { negative: 0, neutral: 1, positive: 0 } as const;

/**
 * Every base model's answer on a text (French or English). Training (on out-of-fold
 * base models) and scoring both go through here, so they read the same answers.
 */
export function baseAnswers(text: string, lang: string, models: BaseModels): BaseAnswers {
  const { analysis, probabilities } = models.learned.analyzeWithProbabilities(text, lang);
  const rules = models.rules.analyze(text, lang);
  return {
    text,
    lang,
    learned: probabilities ?? UNSURE,
    learnedAnalysis: analysis,
    rules,
    classifier: classifierProbabilities(models.classifier, text, lang),
    assisted: models.classifier === undefined ? rules.label : assistedLabel(rules, models.classifier, text, lang),
  };
}

/**
 * The former default's label (the rules, overridden by the classifier wherever it is sure,
 * polarity reversals included, as when the combined model was stacked), by its own code on
 * the rules' analysis already made.
 */
function assistedLabel(rules: SentimentAnalysis, classifier: LabelScorer, text: string, lang: string): SentimentLabel {
  const answered: SentimentModel = { version: 'rules', languages: [lang], analyze: () => rules };
  return new ClassifierAssistedSentimentModel(answered, classifier, 'stacking', { overridesPolarity: true }).analyze(text, lang).label;
}

function classifierProbabilities(scorer: LabelScorer | undefined, text: string, lang: string): Partial<Record<SentimentLabel, number>> {
  if (scorer === undefined) return {};
  const p = scorer.probabilities(text, lang);
  const out: Partial<Record<SentimentLabel, number>> = {};
  scorer.labels.forEach((label, index) => {
    if ((SENTIMENT_LABELS as readonly string[]).includes(label)) out[label as SentimentLabel] = p[index] ?? 0;
  });
  return out;
}
