import { SENTIMENT_LABELS, type SentimentLabel } from '../../core/vocabulary.js';
import { classifierAssisted } from '../classifier/classifier-sentiment-model.js';
import type { LabelScorer } from '../classifier/label-scorer.js';
import type { SentimentModel } from '../types.js';
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
  // The same analysis object the learned model's `rule±` features read (LexiconSentimentModel remembers it).
  const rules = models.rules.analyze(text, lang);
  // The classifier's probabilities once, for its own features and for the former default's label.
  const scored = models.classifier?.probabilities(text, lang);
  return {
    text,
    lang,
    learned: probabilities ?? UNSURE,
    learnedAnalysis: analysis,
    rules,
    classifier: models.classifier === undefined || scored === undefined ? {} : byLabel(models.classifier, scored),
    assisted: models.classifier === undefined ? rules.label : classifierAssisted(rules, models.classifier, text, lang, true, scored).label,
  };
}

/** The classifier's sentiment probabilities by label (its other labels left out). */
function byLabel(scorer: LabelScorer, p: Float64Array): Partial<Record<SentimentLabel, number>> {
  const out: Partial<Record<SentimentLabel, number>> = {};
  scorer.labels.forEach((label, index) => {
    if ((SENTIMENT_LABELS as readonly string[]).includes(label)) out[label as SentimentLabel] = p[index] ?? 0;
  });
  return out;
}
