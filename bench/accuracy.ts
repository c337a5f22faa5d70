/**
 * `npm run bench -- accuracy [--data FILE]`: runs our models on labelled sets
 * (gold fields stripped, so nothing leaks into the input) and, on the same data,
 * the peers users would otherwise pick: franc and eld (language), natural,
 * nlp.js and VADER (sentiment), plain keyword matching (themes). Metrics are
 * those of shared/eval/score.py.
 *
 * Sets: the shared dev sets (cx-dev, cx-dev-b), and our blind set (bench/data/cx-blind.jsonl),
 * written without looking at the dev set or the models, whose errors no model
 * change has looked at. `default` is the default fast tier: the stacked sentiment model
 * (`sentiment: 'combined'`, samples/models/sentiment-combined.json) and the rules assisted by the
 * classifiers bundled in samples/models for themes and journey (trained on samples/labels, cx-dev and
 * cx-dev-b — never on cx-blind; so on cx-dev and cx-dev-b every system that reads them is scored by
 * 5-fold cross-validation, bundled-systems.ts, and the output says so); `assisted` the lexicon-and-rules
 * sentiment assisted by those classifiers (`sentiment: 'rules'`, the default until 2026-12-07);
 * `learned` the learned sentiment model alone (`sentiment: 'learned'`, samples/models/sentiment.json.gz);
 * `rules` is the fast tier without classifiers. Themes and journey are the same in the first three. `tfidf+lr` is trained on our training corpora;
 * `tfidf-cv` in-domain by 5-fold cross-validation on the set itself.
 * Then the public sets (accuracy-public.ts) and the throughput.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root.js';
import { SHARED_LABEL_FILES } from '../samples/generator/default-classifiers.js';
import { DEFAULT_TAXONOMY_PATH } from '../models/fast-tier.js';
import { printLanguageAccuracy } from './accuracy-language.js';
import { printPublicSentiment, trainBaselineOnTrainingCorpora } from './accuracy-public.js';
import { formatComparison, type ScoredSystem } from './accuracy-table.js';
import { crossValidatedBundledSystems, FOLDS, predictBundledSystems } from './bundled-systems.js';
import { predictWithFastTier } from './fast-tier-predictions.js';
import { readEvalSet } from './eval-set.js';
import { predictWithPeers, type Predictions } from './peers/predict-with-peers.js';
import { measurePipeThroughput } from './pipe-throughput.js';
import { scoreEnrichment } from './score-enrichment.js';
import { crossValidatedBaseline } from './tfidf-baseline.js';

const args = process.argv.slice(2);
const dataFlag = args.indexOf('--data');
const sets =
  dataFlag === -1
    ? [
        path.resolve(PACKAGE_ROOT, '..', 'shared', 'eval', 'cx-dev.jsonl'),
        path.resolve(PACKAGE_ROOT, '..', 'shared', 'eval', 'cx-dev-b.jsonl'),
        path.join(PACKAGE_ROOT, 'bench', 'data', 'cx-blind.jsonl'),
      ].filter((file) => existsSync(file))
    : [path.resolve(args[dataFlag + 1] ?? '')];
if (sets.length === 0) {
  console.error('accuracy: no evaluation set found (pass --data FILE)');
  process.exit(1);
}

const baseline = await trainBaselineOnTrainingCorpora();
// The bundled classifiers learned from these files: whatever reads them is scored there out of fold only.
const trainedOn = SHARED_LABEL_FILES.filter((file) => existsSync(file));
const crossValidated = sets.some((file) => trainedOn.includes(file)) ? await crossValidatedBundledSystems(trainedOn) : [];
for (const file of sets) {
  const records = await readEvalSet(file);
  const fold = trainedOn.indexOf(file);
  const { ours, old, combined } = crossValidated[fold] ?? (await predictBundledSystems(records));
  const rules = await predictWithFastTier(records, null, 'rules');
  const tfidf = new Map(records.map((record) => [record.id, { sentiment: baseline.predict(record.text).label }]));
  const tfidfCv = new Map([...crossValidatedBaseline(records)].map(([id, guess]) => [id, { sentiment: guess.label }]));
  const peers = await predictWithPeers(records, DEFAULT_TAXONOMY_PATH);
  const scored = (name: string, predictions: Predictions | undefined): ScoredSystem => ({ name, scores: scoreEnrichment(records, predictions ?? new Map()) });
  const shipped = scored('default', combined);
  const assisted = scored('assisted', old);
  const learned = scored('learned', ours);
  const rulesOnly = scored('rules', rules.predictions);
  console.log(`\n== ${path.relative(process.cwd(), file)}: ${records.length} records\n`);
  console.log(
    fold === -1
      ? 'default, assisted, learned: the bundled classifiers as shipped (never trained on this file)\n'
      : `default, assisted, learned: ${FOLDS}-fold cross-validated (the bundled classifiers learn from this file; each fold is answered by classifiers trained without it)\n`,
  );
  console.log(formatComparison('language', ['lang_acc', 'lang_acc_short'], [shipped, scored('franc', peers['franc']), scored('eld', peers['eld'])]));
  console.log();
  console.log(
    formatComparison('sentiment', ['sent_macro_f1', 'sent_acc'], [
      shipped, assisted, learned, rulesOnly, scored('natural', peers['natural']), scored('nlp.js', peers['nlp.js']), scored('vader', peers['vader']), scored('tfidf+lr', tfidf), scored('tfidf-cv', tfidfCv),
    ]),
  );
  console.log();
  console.log(formatComparison('themes', ['theme_micro_f1', 'theme_precision', 'theme_recall', 'theme_sent_acc'], [shipped, assisted, learned, rulesOnly, { ...scored('keywords', peers['keywords']), predicts: ['theme_micro_f1', 'theme_precision', 'theme_recall'] }]));
  console.log();
  console.log(formatComparison('journey', ['journey_acc', 'journey_null_as_step'], [shipped, rulesOnly]));
}

await printLanguageAccuracy(sets);
await printPublicSentiment(baseline);
await (await import('./train-public.js')).printTrainPublic();

const throughput = await measurePipeThroughput(50_000);
console.log(
  `\npipe mode, fast tier, 50,000 generated verbatims, 1 process, warm: rules only ${Math.round(throughput.rulesOnly).toLocaleString('en-US')}/s, ` +
    `rules assisted by the bundled classifiers ${Math.round(throughput.assisted).toLocaleString('en-US')}/s, default (combined sentiment) ${Math.round(throughput.combined).toLocaleString('en-US')}/s`,
);
