import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeTinyEmbeddingModel, writeTinySentimentModel } from './tiny-model-fixture.js';

/**
 * The model folder the transformer-tier tests share. Words the lexicons do not
 * know ("zorgly", "blarf") carry the sentiment, so a positive "zorgly" can only
 * come from the transformer; "good" and "bad" agree with the lexicons.
 *
 * Sentiment hidden size 3 = the logits (negative, neutral, positive).
 * Embedding dimensions: fees, app, advisor. Unknown words have the zero vector.
 */
export const SENTIMENT_TOKENS: Readonly<Record<string, readonly number[]>> = {
  good: [0, 0, 6],
  zorgly: [0, 0, 6],
  bad: [6, 0, 0],
  blarf: [6, 0, 0],
  okay: [0, 3, 0],
};

export const EMBEDDING_TOKENS: Readonly<Record<string, readonly number[]>> = {
  fees: [1, 0, 0],
  charges: [1, 0, 0],
  overdraft: [1, 0, 0.1],
  app: [0, 1, 0],
  login: [0, 1, 0],
  crash: [0, 1, 0],
  advisor: [0, 0, 1],
  banker: [0, 0, 1],
  kind: [0, 0.2, 1],
};

/** A taxonomy in the embedding model's words: "overdraft" and "crash" are not terms, so only embeddings find them. */
export const FIXTURE_TAXONOMY = `themes:
  - id: fees_pricing
    label: Fees
    terms: { en: [fees, charges] }
  - id: digital_app
    label: App
    terms: { en: [app, login] }
  - id: advisor_quality
    label: Advisor
    terms: { en: [advisor, banker] }
`;

export interface FixtureDir {
  readonly dir: string;
  readonly modelDir: string;
  readonly taxonomyPath: string;
  remove(): Promise<void>;
}

export interface FixtureOptions {
  readonly sentiment?: boolean;
  readonly embeddings?: boolean;
  readonly quantized?: boolean;
  /** config.json id2label of the sentiment model, in logit order. */
  readonly labels?: readonly string[];
  /** Text of `sentiment/verbatim.json`; none by default. */
  readonly sentimentSettings?: string;
}

/** A temp dir with `models/sentiment`, `models/embeddings` and `taxonomy.yaml`. */
export async function createFixtureDir(options: FixtureOptions = {}): Promise<FixtureDir> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'verbatim-transformer-'));
  const modelDir = path.join(dir, 'models');
  const quantized = options.quantized ?? false;
  if (options.sentiment ?? true) {
    await writeTinySentimentModel(path.join(modelDir, 'sentiment'), {
      labels: options.labels ?? ['negative', 'neutral', 'positive'],
      tokens: SENTIMENT_TOKENS,
      quantized,
    });
    if (options.sentimentSettings !== undefined) await writeFile(path.join(modelDir, 'sentiment', 'verbatim.json'), options.sentimentSettings);
  }
  if (options.embeddings ?? true) await writeTinyEmbeddingModel(path.join(modelDir, 'embeddings'), { tokens: EMBEDDING_TOKENS, quantized });
  const taxonomyPath = path.join(dir, 'taxonomy.yaml');
  await writeFile(taxonomyPath, FIXTURE_TAXONOMY);
  return { dir, modelDir, taxonomyPath, remove: () => rm(dir, { recursive: true, force: true }) };
}
