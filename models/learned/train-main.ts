/**
 * `npm run train:models`: rebuilds the shipped learned sentiment model from the
 * recorded public corpora (models/README.md) and our labelled CX verbatims
 * (samples/labels), then the combined model stacked on it from out-of-fold
 * answers (each CX row's classifier: the bundled recipe without that row's fold,
 * classifiers.sources.json), and prints the cross-validated scores of both.
 * Options: `--folds K` (default 5), `--out FILE`, `--combined-out FILE`.
 */
import path from 'node:path';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { classifierScorers } from '../classifier/classifier-scorers.js';
import { trainClassifiers } from '../classifier/train-classifiers.js';
import { loadTrainedClassifiers } from '../classifier/trained-classifiers.js';
import { DEFAULT_CLASSIFIERS_PATH } from '../fast-tier.js';
import { createSentimentModel } from '../sentiment/lexicon-sentiment.js';
import { MultilingualSentimentModel } from '../sentiment/multilingual-sentiment.js';
import { StemmedLexiconSentimentModel } from '../sentiment/stemmed-lexicon-sentiment.js';
import { buildLexicons } from './build-lexicons.js';
import { readBundledCxSources } from './bundled-cx-sources.js';
import { saveCombinedSentiment } from './combined-file.js';
import { readCxVerbatims } from './cx-verbatims.js';
import { COMBINED_CX_WEIGHTS, DEFAULT_COMBINED_MODEL_PATH } from './default-combined.js';
import { DEFAULT_SENTIMENT_MODEL_PATH, TRAINING_CORPORA } from './default-sentiment.js';
import { saveLearnedSentiment } from './model-file.js';
import { buildStackingRows, type CxVerbatim } from './stacking-rows.js';
import { trainCombined } from './train-combined.js';
import { trainSentiment, type FoldModel } from './train-sentiment.js';
import { readPolarityCorpus, type PolarityExample } from './training-corpora.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const folds = Number(option('--folds') ?? 5);
const out = path.resolve(option('--out') ?? DEFAULT_SENTIMENT_MODEL_PATH);
const combinedOut = path.resolve(option('--combined-out') ?? DEFAULT_COMBINED_MODEL_PATH);
const started = performance.now();
const examples: PolarityExample[] = [];
const cx: CxVerbatim[] = [];
for (const corpus of TRAINING_CORPORA) {
  const file = path.join(PACKAGE_ROOT, corpus.file);
  const { examples: read, problems } = await readPolarityCorpus(file, undefined, corpus.weight);
  for (const problem of problems) console.error(problem.describe());
  examples.push(...read);
  if (corpus.file.startsWith('samples/labels/')) cx.push(...(await readCxVerbatims(file)).verbatims);
  console.log(`${corpus.file}: ${read.length} texts, weight ${corpus.weight}`);
}
const foldModels: FoldModel[] = [];
const model = trainSentiment(examples, { lexicons: await buildLexicons(), folds, log: (line) => console.log(line), onFold: (fold) => foldModels.push(fold) });
await saveLearnedSentiment(out, model);
console.log(`\nwrote ${path.relative(process.cwd(), out)} (${examples.length} texts, temperature ${model.temperature}, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
console.log(`\ncross-validated (${folds}-fold), by corpus:`);
for (const [name, value] of Object.entries(model.training.crossValidation)) console.log(`  ${name.padEnd(48)} ${value.toFixed(3)}`);

if (foldModels.length >= 2) {
  // The combined model learns from out-of-fold answers only: each fold's learned model and CX classifier never saw the texts they answer.
  const rules = new MultilingualSentimentModel([createSentimentModel(), new StemmedLexiconSentimentModel()]);
  const bundledFile = await loadTrainedClassifiers(DEFAULT_CLASSIFIERS_PATH);
  const bundled = classifierScorers(bundledFile).sentiment;
  // Each fold's classifier is the bundled recipe minus the fold's rows: the same other files (the shared dev files) and the same override threshold.
  const cxFiles = new Set(TRAINING_CORPORA.filter((corpus) => corpus.file.startsWith('samples/labels/')).map((corpus) => corpus.file));
  const { verbatims: classifierOnly, problems } = await readBundledCxSources({ except: cxFiles });
  for (const problem of problems) console.error(problem.describe());
  const trainClassifier = (verbatims: readonly CxVerbatim[]) =>
    classifierScorers(
      trainClassifiers(
        verbatims.map((item) => ({ text: item.text, lang: item.lang, sentiment: item.label, themes: [], journey: null })),
        { themeIds: [], journeySteps: [], now: new Date(0), sentimentThreshold: bundledFile.sentiment.threshold },
      ),
    ).sentiment;
  const rows = buildStackingRows({ examples, folds: foldModels, cx, rules, bundled, classifierOnly, trainClassifier });
  console.log(`\ncombined model: ${rows.length} out-of-fold rows (${rows.filter((row) => row.cx).length} CX); each fold's CX classifier also learns ${classifierOnly.length} verbatims of the bundled classifier's other files`);
  const combined = trainCombined(rows, { cxWeights: COMBINED_CX_WEIGHTS, log: (line) => console.log(line) });
  await saveCombinedSentiment(combinedOut, combined);
  console.log(`\nwrote ${path.relative(process.cwd(), combinedOut)} (CX weight ${combined.training.cxWeight}, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`\nout-of-fold macro-F1 (${folds}-fold), combined vs its base systems on the same rows:`);
  for (const [name, value] of Object.entries(combined.training.crossValidation)) console.log(`  ${name.padEnd(56)} ${value.toFixed(3)}`);
}
