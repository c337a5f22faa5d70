/**
 * `npm run bench -- tune`: chooses how far the bundled classifiers override or complete the
 * rules (their thresholds) by 5-fold cross-validation on the labelled files they learn from
 * (cx-dev ∪ cx-dev-b, each fold trained on samples/labels and the other folds) — never on
 * cx-blind. One threshold moves at a time around the shipped ones (BUNDLED_THRESHOLDS).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { trainClassifiers } from '../models/classifier/train-classifiers.js';
import { DEFAULT_THEME_IDS, JOURNEY_STEPS } from '../core/vocabulary.js';
import { BUNDLED_THRESHOLDS, readLabelledFile, readOwnLabels, SHARED_LABEL_FILES } from '../samples/generator/default-classifiers.js';
import { FOLDS } from './bundled-systems.js';
import { crossValidate } from './cx-cross-validation.js';
import { readEvalSet } from './eval-set.js';
import { predictWithFastTier } from './fast-tier-predictions.js';
import { scoreEnrichment } from './score-enrichment.js';

const GRID = [0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];
const KNOBS = ['sentimentThreshold', 'themeThreshold', 'journeyThreshold'] as const;

const files = SHARED_LABEL_FILES.filter((file) => existsSync(file));
const sets = await Promise.all(files.map(async (file) => ({ records: await readEvalSet(file), examples: await readLabelledFile(file) })));
const base = await readOwnLabels();
console.log(`${FOLDS}-fold cross-validation on ${files.map((file) => path.basename(file)).join(' ∪ ')}, each fold trained with samples/labels (${base.length})\n`);
const metrics = ['sent_macro_f1', 'theme_micro_f1', 'theme_sent_acc', 'journey_acc', 'journey_null_as_step'] as const;
console.log(`${'setting'.padEnd(28)}${'file'.padEnd(16)}${metrics.map((metric) => metric.padStart(22)).join('')}`);
for (const knob of KNOBS) {
  for (const value of GRID) {
    const thresholds = { ...BUNDLED_THRESHOLDS, [knob]: value };
    const train = async (examples: Parameters<typeof trainClassifiers>[0]): Promise<ReturnType<typeof trainClassifiers>> =>
      trainClassifiers(examples, { themeIds: DEFAULT_THEME_IDS, journeySteps: JOURNEY_STEPS, now: new Date(0), ...thresholds });
    const predictions = await crossValidate(sets, base, train, async (records, classifiers) => (await predictWithFastTier(records, undefined, 'rules', classifiers)).predictions, FOLDS);
    sets.forEach((set, index) => {
      const scores = scoreEnrichment(set.records, predictions[index] ?? new Map());
      const row = metrics.map((metric) => scores[metric].toFixed(3).padStart(22)).join('');
      console.log(`${`${knob} ${value}`.padEnd(28)}${path.basename(files[index] ?? '').padEnd(16)}${row}`);
    });
  }
}
