/**
 * Language accuracy on held-out sets, texts under 20 characters apart (the `lang_acc_short` of
 * ../shared/eval/score.py): the public sets of bench/data/public (each of one language, never
 * trained or tuned on), the shared dev sets and our blind set. `ours`: the detector alone; `+prior`:
 * with the pipeline's source-language prior (pipeline/stages/model-stages.ts), per batch of 500, one source per public
 * set, the records' own `source` in the dev sets; then eld and franc alone. `und` counts as wrong.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PACKAGE_ROOT } from '../core/package-root.js';
import { createLanguageDetector } from '../models/language/language-detector.js';
import { SourceLanguagePrior } from '../models/language/source-language-prior.js';
import type { LanguageGuess } from '../models/types.js';
import { loadLanguagePeers } from './peers/language-peers.js';

interface LanguageRecord {
  readonly text: string;
  readonly lang: string;
  readonly source: string;
}

const PUBLIC_FILES = ['banking77.jsonl', 'en-airline-tweets.jsonl', 'semeval2014-restaurants.jsonl', 'fr-insurance-reviews.jsonl.gz', 'fr-tv-series-reviews.jsonl'];

/** Prints one row per set: short texts by each system, then long texts by ours and eld. */
export async function printLanguageAccuracy(devFiles: readonly string[]): Promise<void> {
  const detector = await createLanguageDetector();
  const peers = await loadLanguagePeers();
  const files = [...devFiles, ...PUBLIC_FILES.map((file) => path.join(PACKAGE_ROOT, 'bench', 'data', 'public', file))].filter((file) => existsSync(file));
  console.log('\n== language, texts under 20 characters (short) and the others (long); und counts as wrong\n');
  console.log(`${'set'.padEnd(34)}${'short n'.padStart(8)}${'ours'.padStart(8)}${'+prior'.padStart(8)}${'eld'.padStart(8)}${'franc'.padStart(8)}${'long n'.padStart(9)}${'ours'.padStart(8)}${'eld'.padStart(8)}`);
  for (const file of files) {
    const records = await readLanguageRecords(file);
    const guesses = records.map((record) => detector.detect(record.text));
    const settled = settleByBatch(records, guesses);
    const ours = guesses.map((guess) => guess.lang);
    const eld = records.map((record) => peers['eld']?.(record.text) ?? 'und');
    const franc = records.map((record) => peers['franc']?.(record.text) ?? 'und');
    const isShort = records.map((record) => record.text.length < 20);
    const accuracy = (predicted: readonly string[], short: boolean): string => {
      const at = records.flatMap((_, index) => (isShort[index] === short ? [index] : []));
      const right = at.filter((index) => predicted[index] === records[index]?.lang).length;
      return (at.length === 0 ? 'n/a' : (right / at.length).toFixed(3)).padStart(8);
    };
    const shortCount = isShort.filter(Boolean).length;
    console.log(
      `${path.basename(file).padEnd(34)}${String(shortCount).padStart(8)}${accuracy(ours, true)}${accuracy(settled, true)}${accuracy(eld, true)}${accuracy(franc, true)}` +
        `${String(records.length - shortCount).padStart(9)}${accuracy(ours, false)}${accuracy(eld, false)}`,
    );
  }
}

/** `enrich`'s default batch: the pipeline's prior reads one batch at a time (pipeline/stages/model-stages.ts). */
const PRIOR_BATCH = 500;

/** Each record's language once the source prior of its batch of {@link PRIOR_BATCH} settled it. */
function settleByBatch(records: readonly LanguageRecord[], guesses: readonly LanguageGuess[]): string[] {
  const settled: string[] = [];
  for (let start = 0; start < records.length; start += PRIOR_BATCH) {
    const prior = new SourceLanguagePrior();
    const batch = records.slice(start, start + PRIOR_BATCH);
    batch.forEach((record, index) => prior.learn(record.source, guesses[start + index] ?? UNDETERMINED));
    batch.forEach((record, index) => settled.push(prior.settle(record.source, guesses[start + index] ?? UNDETERMINED, /\p{L}/u.test(record.text)).lang));
  }
  return settled;
}

const UNDETERMINED: LanguageGuess = { lang: 'und', confidence: 0 };

async function readLanguageRecords(file: string): Promise<LanguageRecord[]> {
  const bytes = await readFile(file);
  const set = path.basename(file);
  return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      let raw: { text?: unknown; lang?: unknown; source?: unknown };
      try {
        raw = JSON.parse(line) as typeof raw;
      } catch (error) {
        throw new Error(`${file}:${index + 1}: not valid JSON (${(error as Error).message})`);
      }
      if (typeof raw.text !== 'string' || typeof raw.lang !== 'string') throw new Error(`${file}:${index + 1}: expected a text and a lang`);
      return { text: raw.text, lang: raw.lang, source: typeof raw.source === 'string' ? raw.source : set };
    });
}
