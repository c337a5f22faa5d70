import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import { SENTIMENT_LABELS, type JourneyStep } from '../../core/vocabulary.js';
import { stepOfHint } from '../journey/journey-linker.js';
import type { LanguageDetector } from '../types.js';
import type { LabelledExample } from './train-classifiers.js';

const themeEntry = z.union([z.string().min(1), z.object({ theme: z.string().min(1) }).loose()]);
const labelledLine = z
  .object({
    text: z.string().trim().min(1, 'a non-empty text'),
    lang: z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code').optional(),
    themes: z.array(themeEntry).default([]),
    journey: z.string().nullable().optional(),
    sentiment: z.enum(SENTIMENT_LABELS).nullable().optional(),
  })
  .loose();

export interface LabelsReadResult {
  readonly examples: LabelledExample[];
  /** One `file:line: field: reason` per line that could not be used; the others are kept. */
  readonly problems: InputError[];
}

/**
 * Reads labelled verbatims (JSONL, the evaluation set's format: `text`, optional
 * `lang`, `sentiment`, `themes` as ids or `{theme}` objects, `journey` step or null). Theme ids
 * must be in the taxonomy — an id merged away since (a theme's `aliases`, pass
 * `currentThemeId(taxonomy)`) is read as the theme it was merged into, so labels written
 * before a merge keep training — and steps valid (ids or known aliases); a line that is
 * not is reported and skipped. Missing languages are detected: pass the detector, or a
 * function that loads it, called only if a line has no `lang` (it weighs about 200 MB).
 */
export async function readLabels(
  file: string,
  knownThemes: ReadonlySet<string> | ((id: string) => string | undefined),
  detector: LanguageDetector | (() => Promise<LanguageDetector>),
): Promise<LabelsReadResult> {
  const themeOf = typeof knownThemes === 'function' ? knownThemes : (id: string) => (knownThemes.has(id) ? id : undefined);
  let loaded = typeof detector === 'function' ? undefined : detector;
  const detect = async (text: string): Promise<string> => (loaded ??= await (detector as () => Promise<LanguageDetector>)()).detect(text).lang;
  const examples: LabelledExample[] = [];
  const problems: InputError[] = [];
  const input = createReadStream(file);
  const opened = new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', (error: NodeJS.ErrnoException) => reject(new InputError(error.code === 'ENOENT' ? 'no such file' : error.message, { file })));
  });
  await opened;
  let lineNumber = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim() === '') continue;
    const where = { file, line: lineNumber };
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      problems.push(new InputError('not valid JSON', where));
      continue;
    }
    const parsed = labelledLine.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push(new InputError(`expected ${issue?.message ?? 'a valid value'}`, { ...where, field: issue?.path.join('.') ?? '' }));
      continue;
    }
    const named = parsed.data.themes.map((entry) => (typeof entry === 'string' ? entry : entry.theme));
    const unknown = named.findIndex((id) => themeOf(id) === undefined);
    if (unknown !== -1) {
      problems.push(new InputError(`\`${named[unknown]}\` is not a theme of the taxonomy`, { ...where, field: `themes.${unknown}` }));
      continue;
    }
    let journey: JourneyStep | null = null;
    if (parsed.data.journey != null) {
      journey = stepOfHint(parsed.data.journey);
      if (journey === null) {
        problems.push(new InputError(`\`${parsed.data.journey}\` is not a journey step`, { ...where, field: 'journey' }));
        continue;
      }
    }
    const text = parsed.data.text;
    examples.push({ text, lang: parsed.data.lang ?? (await detect(text)), sentiment: parsed.data.sentiment ?? null, themes: [...new Set(named.flatMap((id) => themeOf(id) ?? []))], journey });
  }
  return { examples, problems };
}
