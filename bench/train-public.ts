/**
 * `verbatim train` on public topic sets with a term-less taxonomy (theme ids only):
 * BANKING77 (77 intents, its own train / test split) and French insurance reviews
 * by product line (8 lines; a seeded sample of 3,000, 80 % train / 20 % test).
 * Trained through the command's own code path (trainFromFiles), scored through the
 * fast tier as `enrich` uses the file; every hyper-parameter and threshold is chosen
 * by cross-validation on the train split. Side by side: the TF-IDF + LR baseline.
 */
import { cpus, loadavg } from 'node:os';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PACKAGE_ROOT } from '../core/package-root.js';
import { loadClassifierFile } from '../models/classifier/classifier-file.js';
import { trainFromFiles } from '../models/classifier/train-from-files.js';
import { createFastModels } from '../models/fast-tier.js';
import { seededRandom, shuffled } from '../models/learned/hashing.js';
import { trainTfidfBaseline } from './tfidf-baseline.js';

interface TopicRecord {
  readonly text: string;
  readonly lang: string;
  /** A theme id (the source label made a valid id). */
  readonly theme: string;
}

interface TopicSet {
  readonly name: string;
  readonly train: readonly TopicRecord[];
  readonly test: readonly TopicRecord[];
  readonly target: number;
}

interface Scores {
  readonly f1: number;
  readonly precision: number;
  readonly recall: number;
}

/** Trains and scores every public topic set, printing one table each. */
export async function printTrainPublic(): Promise<void> {
  for (const set of [await banking77(), await insuranceProductLines()]) {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-train-public-'));
    try {
      const themes = [...new Set(set.train.map((record) => record.theme))].sort();
      const taxonomy = path.join(dir, 'taxonomy.json');
      await writeFile(taxonomy, JSON.stringify({ themes: themes.map((id) => ({ id, label: id })) }));
      const labels = path.join(dir, 'labels.jsonl');
      await writeFile(labels, set.train.map((record) => JSON.stringify({ text: record.text, lang: record.lang, themes: [record.theme] })).join('\n'));
      const out = path.join(dir, 'classifiers.json');
      const cpu = process.cpuUsage();
      const started = performance.now();
      const trained = await trainFromFiles({ labels, taxonomy, out, threshold: 'auto', now: new Date() });
      const seconds = (performance.now() - started) / 1000;
      const cpuSeconds = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6;
      const models = await createFastModels({ taxonomyPath: taxonomy, classifiers: await loadClassifierFile(out) });
      const ours = score(set.test, (record) => models.themes.tag(record.text, record.lang, models.sentiment.analyze(record.text, record.lang)).map((mention) => mention.theme));
      const baselineModel = trainTfidfBaseline(
        set.train.map((record) => ({ text: record.text, lang: record.lang, label: 'neutral' as const, corpus: record.theme })),
        themes,
        (example) => example.corpus,
      );
      const baseline = score(set.test, (record) => [baselineModel.predict(record.text).label]);
      const cv = trained.training.crossValidation.themes;
      console.log(`\n== verbatim train, term-less taxonomy: ${set.name} — ${set.train.length} train / ${set.test.length} test texts, ${themes.length} themes\n`);
      console.log(`${'metric'.padEnd(22)}${'ours'.padStart(10)}${'tfidf+lr'.padStart(10)}${'target'.padStart(10)}`);
      for (const metric of ['f1', 'precision', 'recall'] as const) {
        console.log(`${`micro ${metric}`.padEnd(22)}${ours[metric].toFixed(3).padStart(10)}${baseline[metric].toFixed(3).padStart(10)}${(metric === 'f1' ? set.target.toFixed(3) : '').padStart(10)}`);
      }
      // Wall time on a shared machine depends on its load: printed alongside. CPU counts every training thread.
      console.log(`${'train seconds'.padEnd(22)}${seconds.toFixed(1).padStart(10)}  (wall; CPU ${cpuSeconds.toFixed(1)} s over ${cpus().length} cores, load ${loadavg()[0]?.toFixed(1) ?? '?'}; target < 30)`);
      console.log(`${'file MB'.padEnd(22)}${(trained.bytes / 1e6).toFixed(2).padStart(10)}  (target < 5)`);
      if (cv !== null) console.log(`${'cv micro-F1 (train)'.padEnd(22)}${cv.micro.f1.toFixed(3).padStart(10)}  (top-1 floor ${cv.floor.toFixed(2)})`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/** Micro precision, recall and F1 of predicted theme sets against each text's one gold theme. */
function score(records: readonly TopicRecord[], predict: (record: TopicRecord) => readonly string[]): Scores {
  let [tp, fp, fn] = [0, 0, 0];
  for (const record of records) {
    const predicted = new Set(predict(record));
    if (predicted.has(record.theme)) tp++;
    else fn++;
    fp += predicted.size - (predicted.has(record.theme) ? 1 : 0);
  }
  return { precision: tp / Math.max(1, tp + fp), recall: tp / Math.max(1, tp + fn), f1: (2 * tp) / Math.max(1, 2 * tp + fp + fn) };
}

/** A source label as a taxonomy id: lower case, anything else than letters, digits and `_` dropped. */
function themeId(label: string): string {
  const id = label.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(id) ? id : `t_${id}`;
}

async function readJsonl<T>(file: string): Promise<T[]> {
  const bytes = await readFile(file);
  return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

async function banking77(): Promise<TopicSet> {
  const rows = await readJsonl<{ text: string; label: string; split: string }>(path.join(PACKAGE_ROOT, 'bench', 'data', 'public', 'banking77.jsonl'));
  const record = (row: (typeof rows)[number]): TopicRecord => ({ text: row.text, lang: 'en', theme: themeId(row.label) });
  return { name: 'BANKING77', train: rows.filter((row) => row.split === 'train').map(record), test: rows.filter((row) => row.split === 'test').map(record), target: 0.917 };
}

/** The 8 product lines with at least 300 reviews; a seeded sample of 3,000 reviews, split 80 / 20. */
async function insuranceProductLines(): Promise<TopicSet> {
  const rows = await readJsonl<{ text: string; product: string }>(path.join(PACKAGE_ROOT, 'bench', 'data', 'public', 'fr-insurance-reviews.jsonl.gz'));
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.product, (counts.get(row.product) ?? 0) + 1);
  const lines = new Set([...counts].filter(([, count]) => count >= 300).map(([product]) => product));
  const sample = shuffled(rows.filter((row) => lines.has(row.product)), seededRandom(16)).slice(0, 3000).map((row) => ({ text: row.text, lang: 'fr', theme: themeId(row.product) }));
  const cut = Math.round(sample.length * 0.8);
  return { name: `French insurance reviews, ${lines.size} product lines`, train: sample.slice(0, cut), test: sample.slice(cut), target: 0.691 };
}
