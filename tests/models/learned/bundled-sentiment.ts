import { DEFAULT_SENTIMENT_MODEL_PATH } from '../../../models/learned/default-sentiment.js';
import { CompiledLexicons } from '../../../models/learned/lexicon-features.js';
import { loadLearnedSentiment, type LearnedSentimentFile } from '../../../models/learned/model-file.js';

/** The shipped learned sentiment model and its lexicons compiled, as the feature tests compare them. */
export interface BundledSentiment {
  readonly file: LearnedSentimentFile;
  readonly lexicons: CompiledLexicons;
}

/** Loads the shipped model file (samples/models) and compiles its lexicons. */
export async function loadBundledSentiment(): Promise<BundledSentiment> {
  const file = await loadLearnedSentiment(DEFAULT_SENTIMENT_MODEL_PATH);
  return { file, lexicons: new CompiledLexicons(file.lexicons) };
}
