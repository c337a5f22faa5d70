import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../core/errors.js';
import { SENTIMENT_LABELS, type SentimentLabel } from '../../core/vocabulary.js';
import type { CxVerbatim } from './stacking-rows.js';

/**
 * Reads our labelled CX verbatims (samples/labels: `text`, `lang`, `sentiment`) with every
 * label kept, `mixed` included; lines without a usable sentiment are reported and skipped.
 */
export async function readCxVerbatims(file: string, corpus = path.basename(file).replace(/\.jsonl$/, '')): Promise<{ verbatims: CxVerbatim[]; problems: InputError[] }> {
  const verbatims: CxVerbatim[] = [];
  const problems: InputError[] = [];
  (await readFile(file, 'utf8')).split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = { file, line: index + 1 };
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return void problems.push(new InputError('not valid JSON', where));
    }
    const { text, lang, sentiment } = raw;
    if (typeof text !== 'string' || text.trim() === '') return void problems.push(new InputError('expected a non-empty text', { ...where, field: 'text' }));
    if (typeof lang !== 'string') return void problems.push(new InputError('expected an ISO 639-1 code', { ...where, field: 'lang' }));
    if (!(SENTIMENT_LABELS as readonly unknown[]).includes(sentiment)) return void problems.push(new InputError(`expected one of ${SENTIMENT_LABELS.join(', ')}`, { ...where, field: 'sentiment' }));
    verbatims.push({ text, lang, label: sentiment as SentimentLabel, corpus });
  });
  return { verbatims, problems };
}
