import path from 'node:path';
import { InputError } from '../../core/errors.js';
import { SENTIMENT_LABELS, type SentimentLabel } from '../../core/vocabulary.js';
import { readJsonlObjects } from './jsonl-objects.js';
import type { CxVerbatim } from './stacking-rows.js';

/**
 * Reads our labelled CX verbatims (samples/labels: `text`, `lang`, `sentiment`) with every
 * label kept, `mixed` included; lines without a usable sentiment are reported and skipped.
 */
export async function readCxVerbatims(file: string, corpus = path.basename(file).replace(/\.jsonl$/, '')): Promise<{ verbatims: CxVerbatim[]; problems: InputError[] }> {
  const verbatims: CxVerbatim[] = [];
  const problems: InputError[] = [];
  for (const line of await readJsonlObjects(file)) {
    if (line instanceof InputError) {
      problems.push(line);
      continue;
    }
    const { raw, where } = line;
    const { text, lang, sentiment } = raw;
    if (typeof text !== 'string' || text.trim() === '') problems.push(new InputError('expected a non-empty text', { ...where, field: 'text' }));
    else if (typeof lang !== 'string') problems.push(new InputError('expected an ISO 639-1 code', { ...where, field: 'lang' }));
    else if (!(SENTIMENT_LABELS as readonly unknown[]).includes(sentiment)) problems.push(new InputError(`expected one of ${SENTIMENT_LABELS.join(', ')}`, { ...where, field: 'sentiment' }));
    else verbatims.push({ text, lang, label: sentiment as SentimentLabel, corpus });
  }
  return { verbatims, problems };
}
