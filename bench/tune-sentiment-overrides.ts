/**
 * `npm run bench -- tune-overrides`: which of the bundled classifier's sentiment overrides
 * of the rules help, by kind (rules label → classifier label), on text the classifier never
 * learned: our CX files out of fold (cx-dev ∪ cx-dev-b, 5 folds, each trained on samples/labels
 * and the other folds) and a fixed sample of the public *training* corpora of
 * models/training/data (the classifier never learns them; never the eval sets of
 * bench/data). Prints, per kind, how many overrides and their net effect (right − wrong
 * against the rules' own label), then macro-F1 / accuracy of the policies compared.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root.js';
import { classifierScorers } from '../models/classifier/classifier-scorers.js';
import type { LabelScorer } from '../models/classifier/label-scorer.js';
import { loadTrainedClassifiers } from '../models/classifier/trained-classifiers.js';
import { createFastModels, DEFAULT_CLASSIFIERS_PATH } from '../models/fast-tier.js';
import { readJsonlObjects } from '../models/learned/jsonl-objects.js';
import { readLabelledFile, readOwnLabels, SHARED_LABEL_FILES, trainBundledRecipe } from '../samples/generator/default-classifiers.js';
import { FOLDS } from './bundled-systems.js';
import { crossValidate } from './cx-cross-validation.js';
import { readEvalSet } from './eval-set.js';
import { scorePolarity } from './polarity-scores.js';

interface Answered {
  readonly set: string;
  readonly gold: string;
  readonly rules: string;
  /** The classifier's label where it clears its threshold, else null. */
  readonly sure: string | null;
}

const TRAINING_DATA = path.join(PACKAGE_ROOT, 'models', 'training', 'data');
const PUBLIC_SAMPLE = ['android-app-reviews-en.jsonl.gz', 'trustpilot-food-delivery.jsonl', 'uci-sentiment-sentences-en.jsonl', 'amazon-cls-reviews-fr.jsonl.gz', 'fr-restaurant-reviews.jsonl', 'xlmt-umsab-tweets-fr-en.jsonl'];
/** Every 7th line, up to this many texts per corpus. */
const PER_CORPUS = 1500;

const base = await createFastModels({ classifiers: null, sentiment: 'rules' });
const answered: Answered[] = [];
const answer = (set: string, gold: string, text: string, lang: string, scorer: LabelScorer): void => {
  const rules = base.sentiment.analyze(text, lang);
  if (!rules.supported || text.trim() === '') return;
  const probabilities = scorer.probabilities(text, lang);
  let best = 0;
  for (let index = 1; index < probabilities.length; index++) if ((probabilities[index] ?? 0) > (probabilities[best] ?? 0)) best = index;
  const sure = (probabilities[best] ?? 0) >= scorer.threshold(best) ? (scorer.labels[best] ?? null) : null;
  answered.push({ set, gold, rules: rules.label, sure });
};

const files = SHARED_LABEL_FILES.filter((file) => existsSync(file));
const sets = await Promise.all(files.map(async (file) => ({ records: await readEvalSet(file), examples: await readLabelledFile(file) })));
await crossValidate(sets, await readOwnLabels(), trainBundledRecipe, async (records, classifiers) => {
  const scorer = classifierScorers(classifiers).sentiment;
  for (const record of records) answer('cx (CV)', record.sentiment, record.text, base.language.detect(record.text).lang, scorer);
  return new Map();
}, FOLDS);
const bundled = classifierScorers(await loadTrainedClassifiers(DEFAULT_CLASSIFIERS_PATH)).sentiment;
for (const name of PUBLIC_SAMPLE) {
  const rows = await readJsonlObjects(path.join(TRAINING_DATA, name));
  let taken = 0;
  for (const [line, row] of rows.entries()) {
    if (row instanceof Error || line % 7 !== 0 || taken >= PER_CORPUS) continue;
    const { text, label, lang } = row.raw;
    if (typeof text !== 'string' || typeof label !== 'string' || typeof lang !== 'string') continue;
    answer(name.replace(/\.jsonl(\.gz)?$/, ''), label, text, lang, bundled);
    taken++;
  }
}

const POLAR = new Set(['positive', 'negative']);
const policies: Record<string, (row: Answered) => string> = {
  'rules alone': (row) => row.rules,
  'every override': (row) => row.sure ?? row.rules,
  'no reversal': (row) => (row.sure !== null && POLAR.has(row.rules) && POLAR.has(row.sure) ? row.rules : (row.sure ?? row.rules)),
  'no reversal, no erasure (shipped)': (row) => (row.sure !== null && POLAR.has(row.rules) && row.sure !== 'mixed' ? row.rules : (row.sure ?? row.rules)),
};
const setNames = [...new Set(answered.map((row) => row.set))];
console.log(`overrides by kind (rules → classifier): count (net right − wrong against the rules' label)`);
for (const set of setNames) {
  const kinds = new Map<string, { n: number; net: number }>();
  for (const row of answered.filter((item) => item.set === set && item.sure !== null && item.sure !== item.rules)) {
    const kind = `${row.rules}→${row.sure ?? ''}`;
    const entry = kinds.get(kind) ?? { n: 0, net: 0 };
    kinds.set(kind, { n: entry.n + 1, net: entry.net + Number(row.sure === row.gold) - Number(row.rules === row.gold) });
  }
  console.log(`  ${set}: ${[...kinds].sort().map(([kind, { n, net }]) => `${kind} ${n} (${net >= 0 ? '+' : ''}${net})`).join(', ')}`);
}
console.log(`\nmacro-F1 / accuracy (public corpora have no \`mixed\` label: an override to mixed counts wrong there)`);
console.log(`${'policy'.padEnd(36)}${setNames.map((set) => set.slice(0, 22).padStart(24)).join('')}`);
for (const [policy, decide] of Object.entries(policies)) {
  const cells = setNames.map((set) => {
    const rows = answered.filter((row) => row.set === set);
    // Labels as they are (no score), so a two-sided corpus counts neutral and mixed answers wrong.
    const scores = scorePolarity(rows.map((row) => row.gold), rows.map((row) => ({ label: decide(row) })));
    return `${scores.macro_f1.toFixed(3)} / ${scores.accuracy.toFixed(3)}`.padStart(24);
  });
  console.log(`${policy.padEnd(36)}${cells.join('')}`);
}
