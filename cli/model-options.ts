import type { Command } from 'commander';
import { SENTIMENT_CHOICES, type SentimentChoice } from '../pipeline/load-models.js';
import { oneOf, positiveInteger } from './option-parsers.js';

/** The options that choose and size the enrichment (`verbatim enrich`, `verbatim import --enrich`). */
export interface EnrichModelOptions {
  readonly batchSize?: number;
  readonly threads?: number;
  readonly taxonomy?: string;
  readonly classifier?: string;
  readonly modelDir?: string;
  readonly sentiment?: SentimentChoice;
}

/** The option names of {@link EnrichModelOptions} as typed, for "only with --enrich" checks. */
export const ENRICH_MODEL_FLAGS: readonly (readonly [keyof EnrichModelOptions, string])[] = [
  ['threads', '--threads'],
  ['taxonomy', '--taxonomy'],
  ['classifier', '--classifier'],
  ['modelDir', '--model-dir'],
  ['sentiment', '--sentiment'],
];

/**
 * Adds `--batch-size`, `--threads`, `--taxonomy`, `--classifier`, `--sentiment` and `--model-dir`
 * to a command, parsed the same wherever the models run. `batchSize`: the default batch size
 * (none: the option is unset unless given, and the caller picks).
 *
 * @example withEnrichModelOptions(program.command('enrich'), { batchSize: 500 })
 */
export function withEnrichModelOptions(command: Command, defaults: { readonly batchSize?: number; readonly batchSizeHelp?: string } = {}): Command {
  const batchHelp = defaults.batchSizeHelp ?? 'verbatims per batch';
  return withModelOptions(command.option('--batch-size <n>', batchHelp, positiveInteger, defaults.batchSize));
}

/**
 * Adds the options that choose the models and their threads (`--threads`, `--taxonomy`,
 * `--classifier`, `--sentiment`, `--model-dir`): `enrich`, `import --enrich` and `worker` alike.
 *
 * @example withModelOptions(program.command('worker'), "1 = in the worker's own thread")
 */
export function withModelOptions(command: Command, oneThreadHelp = '1 = no extra thread'): Command {
  return command
    .option('--threads <n>', `worker threads enriching (default: one a core up to 4, 1 with --model-dir; ${oneThreadHelp})`, positiveInteger)
    .option('--taxonomy <file>', 'theme taxonomy (YAML/JSON); default: the bundled one')
    .option('--classifier <file>', 'classifiers from `verbatim train`; default: the data directory\'s, if trained')
    .option('--sentiment <model>', 'sentiment model for French and English: combined (default), rules (faster) or learned (models/README.md)', oneOf(SENTIMENT_CHOICES))
    .option('--model-dir <dir>', 'transformer-tier models (sentiment/, embeddings/; local only); default: VERBATIM_MODEL_DIR');
}
