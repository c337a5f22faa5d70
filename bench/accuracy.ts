/**
 * `npm run bench -- accuracy [--data FILE]`: runs our models on the labelled sets
 * (gold fields stripped, so nothing leaks into the input) and, on the same data,
 * the peers users would otherwise pick: franc and eld (language), natural,
 * nlp.js and VADER (sentiment), plain keyword matching (themes). Metrics are
 * those of shared/eval/score.py. Default sets: the shared dev set and our
 * independent held-out set (bench/data/cx-holdout.jsonl), written without looking at the dev set,
 * and a blind set (cx-blind.jsonl) written the same way, whose errors no model change has looked at.
 * `ours+cv` adds the trained classifiers (`verbatim train`), scored by 5-fold
 * cross-validation on the first set; `ours+dev` is trained on the whole first set.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../cli/package-root.js';
import { DEFAULT_TAXONOMY_PATH } from '../models/fast-tier.js';
import { formatComparison, type ScoredSystem } from './accuracy-table.js';
import { readEvalSet } from './eval-set.js';
import { crossValidatedPredictions, predictWithFastTier, trainOn } from './classifier-predictions.js';
import { predictWithPeers, type Predictions } from './peers/predict-with-peers.js';
import { measurePipeThroughput } from './pipe-throughput.js';
import { scoreEnrichment } from './score-enrichment.js';

const args = process.argv.slice(2);
const dataFlag = args.indexOf('--data');
const sets =
  dataFlag === -1
    ? [
        path.resolve(PACKAGE_ROOT, '..', 'shared', 'eval', 'cx-dev.jsonl'),
        path.join(PACKAGE_ROOT, 'bench', 'data', 'cx-holdout.jsonl'),
        path.join(PACKAGE_ROOT, 'bench', 'data', 'cx-blind.jsonl'),
      ].filter((file) => existsSync(file))
    : [path.resolve(args[dataFlag + 1] ?? '')];
if (sets.length === 0) {
  console.error('accuracy: no evaluation set found (pass --data FILE)');
  process.exit(1);
}

// The trained column: 5-fold cross-validation on the dev set; the held-out set is predicted by classifiers trained on the whole dev set.
const devPath = sets[0] as string;
const devRecords = await readEvalSet(devPath);
for (const file of sets) {
  const records = file === devPath ? devRecords : await readEvalSet(file);
  const ours = await predictWithFastTier(records);
  const trained = file === devPath ? await crossValidatedPredictions(records) : (await predictWithFastTier(records, trainOn(devRecords))).predictions;
  const peers = await predictWithPeers(records, DEFAULT_TAXONOMY_PATH);
  const scored = (name: string, predictions: Predictions | undefined): ScoredSystem => ({ name, scores: scoreEnrichment(records, predictions ?? new Map()) });
  const us = scored('ours', ours.predictions);
  const usTrained = scored(file === devPath ? 'ours+cv' : 'ours+dev', trained);
  console.log(`\n== ${path.relative(process.cwd(), file)}: ${records.length} records (fast tier ${Math.round(ours.perSecond)} verbatims/s, cold start)\n`);
  console.log(formatComparison('language', ['lang_acc', 'lang_acc_short'], [us, scored('franc', peers['franc']), scored('eld', peers['eld'])]));
  console.log();
  console.log(formatComparison('sentiment', ['sent_macro_f1', 'sent_acc'], [us, scored('natural', peers['natural']), scored('nlp.js', peers['nlp.js']), scored('vader', peers['vader'])]));
  console.log();
  console.log(formatComparison('themes', ['theme_micro_f1', 'theme_precision', 'theme_recall', 'theme_sent_acc'], [us, usTrained, { ...scored('keywords', peers['keywords']), predicts: ['theme_micro_f1', 'theme_precision', 'theme_recall'] }]));
  console.log();
  console.log(formatComparison('journey', ['journey_acc', 'journey_null_as_step'], [us, usTrained]));
}

const throughput = await measurePipeThroughput(50_000, trainOn(devRecords));
console.log(`\npipe mode, fast tier, 50,000 generated verbatims, 1 process (warm): rules only ${Math.round(throughput.rulesOnly).toLocaleString('en-US')}/s, with trained classifiers ${Math.round(throughput.withClassifiers).toLocaleString('en-US')}/s`);
