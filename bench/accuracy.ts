/**
 * `npm run bench -- accuracy [--data FILE]`: runs the fast tier on the labelled
 * evaluation set (gold fields stripped, so nothing leaks into the input) and prints
 * the metrics of shared/eval/score.py, with a plain keyword-matching baseline for themes.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_ROOT } from '../cli/package-root.js';
import { createFastModels, DEFAULT_TAXONOMY_PATH } from '../models/fast-tier.js';
import { loadTaxonomy } from '../models/themes/taxonomy.js';
import { fold } from '../models/text-folding.js';
import { createPipeline } from '../pipeline/create-pipeline.js';
import { pipeRecordToVerbatim } from '../pipeline/pipe-record.js';
import { scoreEnrichment, type GoldRecord, type PredictedRecord } from './score-enrichment.js';

const args = process.argv.slice(2);
const dataFlag = args.indexOf('--data');
const dataPath = dataFlag === -1 ? path.resolve(PACKAGE_ROOT, '..', 'shared', 'eval', 'cx-dev.jsonl') : path.resolve(args[dataFlag + 1] ?? '');
let text: string;
try {
  text = await readFile(dataPath, 'utf8');
} catch {
  console.error(`accuracy: no evaluation set at ${dataPath} (pass --data FILE)`);
  process.exit(1);
}
const gold = text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as GoldRecord & { nps?: number | null; source?: string });

const pipeline = createPipeline(await createFastModels());
const started = performance.now();
const inputs = gold.map((item, index) => pipeRecordToVerbatim({ id: item.id, text: item.text, nps: item.nps ?? null, source: item.source ?? 'eval' }, index + 1));
const enriched = await pipeline.enrich(inputs, { signal: new AbortController().signal, now: () => new Date() });
const seconds = (performance.now() - started) / 1000;
const ours = new Map<string, PredictedRecord>(
  enriched.map((item) => [item.id, { lang: item.enrichment.lang, sentiment: item.enrichment.sentiment, themes: item.enrichment.themes, journey: item.enrichment.journey }]),
);

// Baseline: any folded taxonomy term or phrase appearing as a substring tags the theme.
const taxonomy = await loadTaxonomy(DEFAULT_TAXONOMY_PATH);
const keywords = taxonomy.themes.map((theme) => ({
  theme: theme.id,
  words: [...Object.values(theme.terms).flat(), ...Object.values(theme.phrases).flat()].map((word) => fold(word).replace(/\*$/, '')),
}));
const keywordBaseline = new Map<string, PredictedRecord>(
  gold.map((item) => [item.id, { themes: keywords.filter((entry) => entry.words.some((word) => fold(item.text).includes(word))).map((entry) => ({ theme: entry.theme })) }]),
);

const scores = scoreEnrichment(gold, ours);
const baseline = scoreEnrichment(gold, keywordBaseline);
const targets: Record<string, number> = { lang_acc: 0.98, lang_acc_short: 0.95, sent_macro_f1: 0.8, theme_micro_f1: 0.8, theme_sent_acc: 0.85, journey_acc: 0.75 };
console.log(`evaluation set: ${dataPath} (${gold.length} records), fast tier ${Math.round(gold.length / seconds)} verbatims/s here (cold start: lexicons load on first use)\n`);
console.log(`${'metric'.padEnd(22)}${'ours'.padStart(8)}${'keywords'.padStart(10)}${'target'.padStart(8)}`);
for (const [metric, value] of Object.entries(scores)) {
  if (metric === 'n') continue;
  const base = (baseline as unknown as Record<string, number | null>)[metric];
  const showBase = metric.startsWith('theme_micro') || metric.startsWith('theme_precision') || metric.startsWith('theme_recall');
  console.log(
    `${metric.padEnd(22)}${(value as number | null)?.toFixed(3).padStart(8) ?? '     n/a'}${(showBase && base != null ? base.toFixed(3) : '').padStart(10)}${(targets[metric]?.toFixed(2) ?? '').padStart(8)}`,
  );
}
