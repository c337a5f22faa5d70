import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../../core/errors.js';
import { SENTIMENT_LABELS, type SentimentLabel } from '../../core/vocabulary.js';
import { STACKING_FEATURES } from './stacking-features.js';

export const COMBINED_SENTIMENT_FORMAT = 'verbatim-combined-sentiment/1';

/** How the combined model was trained and how it scored out of fold. */
export interface CombinedTrainingRecord {
  readonly rows: number;
  /** How much each labelled CX verbatim counts against one public text. */
  readonly cxWeight: number;
  readonly folds: number;
  /** Out-of-fold scores: `<system>.<corpus>.<metric>`. */
  readonly crossValidation: Readonly<Record<string, number>>;
}

/**
 * The combined (stacked) sentiment model: a 4-class logistic regression over the base
 * models' answers (STACKING_FEATURES). `weights[feature][class]`, classes in `labels` order.
 */
export interface CombinedSentimentFile {
  readonly format: typeof COMBINED_SENTIMENT_FORMAT;
  readonly labels: readonly SentimentLabel[];
  readonly features: readonly string[];
  readonly bias: readonly number[];
  readonly weights: readonly (readonly number[])[];
  readonly training: CombinedTrainingRecord;
}

const fileSchema = z.object({
  format: z.literal(COMBINED_SENTIMENT_FORMAT, `a model file of format ${COMBINED_SENTIMENT_FORMAT}`),
  labels: z.array(z.enum(SENTIMENT_LABELS)).length(SENTIMENT_LABELS.length),
  features: z.array(z.string()),
  bias: z.array(z.number()).length(SENTIMENT_LABELS.length),
  weights: z.array(z.array(z.number()).length(SENTIMENT_LABELS.length)),
  training: z.object({ rows: z.number(), cxWeight: z.number(), folds: z.number(), crossValidation: z.record(z.string(), z.number()) }),
});

/** Reads and checks a combined model file; errors name the file and the field. */
export async function loadCombinedSentiment(file: string): Promise<CombinedSentimentFile> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the combined sentiment model (${(error as Error).message})`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'} (re-run \`npm run train:models\`)`);
  }
  const data = parsed.data;
  const expected = STACKING_FEATURES.join(',');
  if (data.features.join(',') !== expected || data.weights.length !== STACKING_FEATURES.length) {
    throw new ConfigError(`${file}: features: expected ${STACKING_FEATURES.length} features (${expected}) (re-run \`npm run train:models\`)`);
  }
  return { ...data, format: COMBINED_SENTIMENT_FORMAT };
}

/** Writes the model as readable JSON (a few kilobytes); same model, same bytes. */
export async function saveCombinedSentiment(file: string, model: CombinedSentimentFile): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(model, null, 1)}\n`);
}
