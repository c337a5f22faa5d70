import path from 'node:path';
import { InputError } from '../../core/errors.js';
import { readJsonlObjects } from './jsonl-objects.js';

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
  const examples: PolarityExample[] = [];
  const problems: InputError[] = [];
  for (const line of await readJsonlObjects(file)) {
    if (line instanceof InputError) {
      problems.push(line);
      continue;
    }
    const { raw, where } = line;
    const text = raw['text'];
    const label = raw['label'] ?? raw['sentiment'];
    const lang = raw['lang'];
    if (typeof text !== 'string' || text.trim() === '') problems.push(new InputError('expected a non-empty text', { ...where, field: 'text' }));
    else if (typeof lang !== 'string' || !/^[a-z]{2}$/.test(lang)) problems.push(new InputError('expected an ISO 639-1 code', { ...where, field: 'lang' }));
    else if (label === 'mixed' || label === null || label === undefined) continue;
    else if (!(POLARITY_LABELS as readonly unknown[]).includes(label)) {
      problems.push(new InputError(`expected negative, neutral, positive or mixed, got ${JSON.stringify(label)}`, { ...where, field: 'label' }));
    } else examples.push({ text, lang, label: label as PolarityLabel, corpus, ...(weight === 1 ? {} : { weight }) });
  }
  return { examples, problems };
}
