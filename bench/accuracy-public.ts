/**
 * Sentiment on the public labelled sets of bench/data/public (models/README.md):
 * evaluation only — no model, rule or threshold of ours was trained or tuned on
 * them. Side by side: the default fast tier (combined sentiment), the rules assisted by the bundled classifiers (`--sentiment rules`), the learned model alone
 * (lexicons + rules + bundled classifiers), the peers, and a TF-IDF + logistic
 * regression baseline trained on the same training corpora as ours.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PACKAGE_ROOT } from '../core/package-root.js';
import { TRAINING_CORPORA } from '../models/learned/default-sentiment.js';
import { readPolarityCorpus, type PolarityExample } from '../models/learned/training-corpora.js';
import type { EvalRecord } from './eval-set.js';
import { predictWithFastTier } from './fast-tier-predictions.js';
import { loadLanguagePeers } from './peers/language-peers.js';
import { loadSentimentScorers, peerLabel } from './peers/sentiment-peers.js';
import { scorePolarity, type PolarityGuess, type PolarityScores } from './polarity-scores.js';
import { trainTfidfBaseline, type TfidfBaseline } from './tfidf-baseline.js';

/** A public set: its file, and which gold labels are kept (star sets: 1–2★ vs 4–5★). */
interface PublicSet {
  readonly name: string;
  readonly file: string;
  readonly keep: readonly string[];
  readonly target?: number;
}

const PUBLIC_SETS: readonly PublicSet[] = [
  { name: 'fr-insurance-reviews (1-2 vs 4-5 stars)', file: 'fr-insurance-reviews.jsonl.gz', keep: ['negative', 'positive'], target: 0.929 },
  { name: 'fr-tv-series-reviews (pos/neg)', file: 'fr-tv-series-reviews.jsonl', keep: ['negative', 'positive'], target: 0.85 },
  { name: 'semeval2014-restaurants (4 labels)', file: 'semeval2014-restaurants.jsonl', keep: ['negative', 'neutral', 'positive', 'mixed'], target: 0.85 },
  { name: 'en-airline-tweets (3 labels)', file: 'en-airline-tweets.jsonl', keep: ['negative', 'neutral', 'positive'] },
];

/** The TF-IDF + LR baseline trained on exactly the corpora the shipped model learned from. */
export async function trainBaselineOnTrainingCorpora(): Promise<TfidfBaseline> {
  const examples: PolarityExample[] = [];
  for (const corpus of TRAINING_CORPORA) examples.push(...(await readPolarityCorpus(path.join(PACKAGE_ROOT, corpus.file), undefined, corpus.weight)).examples);
  return trainTfidfBaseline(examples);
}

/** Runs every system on every public set and prints one table per set. */
export async function printPublicSentiment(baseline: TfidfBaseline): Promise<void> {
  const languagePeers = await loadLanguagePeers();
  const peerLanguage = languagePeers['eld'] ?? (() => 'en');
  const scorers = loadSentimentScorers();
  for (const set of PUBLIC_SETS) {
    const records = (await readSet(path.join(PACKAGE_ROOT, 'bench', 'data', 'public', set.file))).filter((record) => set.keep.includes(record.sentiment));
    const gold = records.map((record) => record.sentiment);
    const systems: [string, PolarityGuess[]][] = [];
    const fromPipeline = async (sentiment: 'combined' | 'learned' | 'rules'): Promise<PolarityGuess[]> => {
      const { predictions } = await predictWithFastTier(records, undefined, sentiment);
      return records.map((record) => {
        const predicted = predictions.get(record.id);
        return { label: predicted?.sentiment ?? 'neutral', score: predicted?.sentiment_score ?? 0 };
      });
    };
    systems.push(['default', await fromPipeline('combined')], ['assisted', await fromPipeline('rules')], ['learned', await fromPipeline('learned')]);
    for (const [name, score] of Object.entries(scorers)) {
      const guesses: PolarityGuess[] = [];
      for (const record of records) {
        const value = await score(record.text, peerLanguage(record.text));
        guesses.push({ label: peerLabel(value), score: value });
      }
      systems.push([name, guesses]);
    }
    systems.push(['tfidf+lr', records.map((record) => baseline.predict(record.text))]);
    printTable(`${set.name}: ${records.length} texts`, systems.map(([name, guesses]) => [name, scorePolarity(gold, guesses)]), set.target);
  }
}

function printTable(title: string, rows: readonly (readonly [string, PolarityScores])[], target?: number): void {
  const width = Math.max(10, ...rows.map(([name]) => name.length + 2));
  console.log(`\n== ${title}\n`);
  console.log(`${'metric'.padEnd(12)}${rows.map(([name]) => name.padStart(width)).join('')}${'target'.padStart(8)}`);
  for (const metric of ['accuracy', 'macro_f1'] as const) {
    console.log(`${metric.padEnd(12)}${rows.map(([, scores]) => scores[metric].toFixed(3).padStart(width)).join('')}${(target === undefined ? '' : target.toFixed(2)).padStart(8)}`);
  }
}

async function readSet(file: string): Promise<EvalRecord[]> {
  const bytes = await readFile(file);
  const lines = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8').split('\n');
  return lines
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      let raw: { id: string; text: string; lang: string; label: string };
      try {
        raw = JSON.parse(line) as typeof raw;
      } catch (error) {
        throw new Error(`${file}:${index + 1}: not valid JSON (${(error as Error).message})`);
      }
      // Only id and text reach the pipeline; the gold label is kept apart.
      return { id: raw.id, text: raw.text, lang: raw.lang, sentiment: raw.label, source: 'eval' };
    });
}
