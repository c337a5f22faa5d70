/**
 * `npm run train:models`: rebuilds the shipped learned sentiment model from the
 * recorded public corpora (models/README.md) and our labelled CX verbatims
 * (samples/labels), then prints the cross-validated scores.
 * Options: `--folds K` (default 5), `--out FILE`.
 */
import path from 'node:path';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { buildLexicons } from './build-lexicons.js';
import { DEFAULT_SENTIMENT_MODEL_PATH, TRAINING_CORPORA } from './default-sentiment.js';
import { saveLearnedSentiment } from './model-file.js';
import { trainSentiment } from './train-sentiment.js';
import { readPolarityCorpus, type PolarityExample } from './training-corpora.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const folds = Number(option('--folds') ?? 5);
const out = path.resolve(option('--out') ?? DEFAULT_SENTIMENT_MODEL_PATH);
const started = performance.now();
const examples: PolarityExample[] = [];
for (const corpus of TRAINING_CORPORA) {
  const { examples: read, problems } = await readPolarityCorpus(path.join(PACKAGE_ROOT, corpus.file), undefined, corpus.weight);
  for (const problem of problems) console.error(problem.describe());
  examples.push(...read);
  console.log(`${corpus.file}: ${read.length} texts, weight ${corpus.weight}`);
}
const model = trainSentiment(examples, { lexicons: await buildLexicons(), folds, log: (line) => console.log(line) });
await saveLearnedSentiment(out, model);
console.log(`\nwrote ${path.relative(process.cwd(), out)} (${examples.length} texts, temperature ${model.temperature}, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
console.log(`\ncross-validated (${folds}-fold), by corpus:`);
for (const [name, value] of Object.entries(model.training.crossValidation)) console.log(`  ${name.padEnd(48)} ${value.toFixed(3)}`);
