import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../../core/errors.js';

/** The three polarity classes the learned model predicts, in class-index order. */
export const POLARITY_LABELS = ['negative', 'neutral', 'positive'] as const;
export type PolarityLabel = (typeof POLARITY_LABELS)[number];

/** One labelled training text. */
export interface PolarityExample {
  readonly text: string;
  readonly lang: string;
  readonly label: PolarityLabel;
  /** Which corpus it came from (for per-corpus scores). */
  readonly corpus: string;
  /** How much it counts in training (default 1): in-domain CX labels count more than tweets. */
  readonly weight?: number;
}

export interface CorpusReadResult {
  readonly examples: PolarityExample[];
  /** Lines that could not be used, each naming file, line and field; the other lines are kept. */
  readonly problems: InputError[];
}

/**
 * Reads a JSONL corpus (`text`, `lang`, and `label` or `sentiment`): the recorded
 * public corpora (`label`) and our labelled CX verbatims (`sentiment`). `mixed`
 * texts are left out (the model learns sides; `mixed` comes from clauses).
 */
export async function readPolarityCorpus(file: string, corpus = path.basename(file).replace(/\.jsonl(\.gz)?$/, ''), weight = 1): Promise<CorpusReadResult> {
  const bytes = await readFile(file);
  const lines = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8').split('\n');
  const examples: PolarityExample[] = [];
  const problems: InputError[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const where = { file, line: index + 1 };
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(line) as Record<string, unknown>;
    } catch {
      problems.push(new InputError('not valid JSON', where));
      return;
    }
    const text = raw['text'];
    const label = raw['label'] ?? raw['sentiment'];
    const lang = raw['lang'];
    if (typeof text !== 'string' || text.trim() === '') return void problems.push(new InputError('expected a non-empty text', { ...where, field: 'text' }));
    if (typeof lang !== 'string' || !/^[a-z]{2}$/.test(lang)) return void problems.push(new InputError('expected an ISO 639-1 code', { ...where, field: 'lang' }));
    if (label === 'mixed' || label === null || label === undefined) return;
    if (!(POLARITY_LABELS as readonly unknown[]).includes(label)) {
      return void problems.push(new InputError(`expected negative, neutral, positive or mixed, got ${JSON.stringify(label)}`, { ...where, field: 'label' }));
    }
    examples.push({ text, lang, label: label as PolarityLabel, corpus, ...(weight === 1 ? {} : { weight }) });
  });
  return { examples, problems };
}
