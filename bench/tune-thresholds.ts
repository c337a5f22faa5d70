/**
 * `npm run bench -- tune`: 5-fold cross-validation of the classifier thresholds
 * on our own labelled corpus (samples/labels) — never on the evaluation sets —
 * so the thresholds in train-classifiers.ts are chosen on data the bench does not score.
 */
import path from 'node:path';
import { trainClassifiers, type LabelledExample } from '../models/classifier/train-classifiers.js';
import { DEFAULT_THEME_IDS, JOURNEY_STEPS, SENTIMENT_LABELS, isJourneyStep } from '../core/vocabulary.js';
import { LABELS_DIR } from '../samples/generator/default-classifiers.js';
import { readEvalSet, type EvalRecord } from './eval-set.js';
import { predictWithFastTier, type Predictions } from './fast-tier-predictions.js';
import { scoreEnrichment, type PredictedRecord } from './score-enrichment.js';
import { readdir } from 'node:fs/promises';

const FOLDS = 5;
const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9];

function asExamples(records: readonly EvalRecord[]): LabelledExample[] {
  return records.map((record) => ({
    text: record.text,
    lang: record.lang,
    sentiment: SENTIMENT_LABELS.find((label) => label === record.sentiment) ?? null,
    themes: (record.themes ?? []).map((theme) => theme.theme),
    journey: record.journey != null && isJourneyStep(record.journey) ? record.journey : null,
  }));
}

const files = (await readdir(LABELS_DIR)).filter((name) => name.endsWith('.jsonl')).sort();
const records = (await Promise.all(files.map((file) => readEvalSet(path.join(LABELS_DIR, file))))).flat();
console.log(`${records.length} labelled verbatims in ${LABELS_DIR}, ${FOLDS}-fold cross-validation\n`);
console.log(`${'threshold'.padEnd(10)}${'sent_macro_f1'.padStart(15)}${'theme_micro_f1'.padStart(16)}${'theme_sent_acc'.padStart(16)}${'journey_acc'.padStart(13)}`);
for (const threshold of THRESHOLDS) {
  const predictions = new Map<string, PredictedRecord>();
  for (let fold = 0; fold < FOLDS; fold++) {
    const test = records.filter((_, index) => index % FOLDS === fold);
    const train = records.filter((_, index) => index % FOLDS !== fold);
    const classifiers = trainClassifiers(asExamples(train), {
      themeIds: DEFAULT_THEME_IDS,
      journeySteps: JOURNEY_STEPS,
      now: new Date(),
      sentimentThreshold: threshold,
      themeThreshold: threshold,
      journeyThreshold: threshold,
    });
    const { predictions: foldPredictions }: { predictions: Predictions } = await predictWithFastTier(test, classifiers);
    for (const [id, prediction] of foldPredictions) predictions.set(id, prediction);
  }
  const scores = scoreEnrichment(records, predictions);
  console.log(
    `${threshold.toFixed(1).padEnd(10)}${scores.sent_macro_f1.toFixed(3).padStart(15)}${scores.theme_micro_f1.toFixed(3).padStart(16)}${scores.theme_sent_acc.toFixed(3).padStart(16)}${scores.journey_acc.toFixed(3).padStart(13)}`,
  );
}
const rules = scoreEnrichment(records, (await predictWithFastTier(records, null)).predictions);
console.log(`${'rules'.padEnd(10)}${rules.sent_macro_f1.toFixed(3).padStart(15)}${rules.theme_micro_f1.toFixed(3).padStart(16)}${rules.theme_sent_acc.toFixed(3).padStart(16)}${rules.journey_acc.toFixed(3).padStart(13)}`);
