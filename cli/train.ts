import path from 'node:path';
import { InputError } from '../core/errors.js';
import { defaultClassifierPath } from '../pipeline/load-models.js';
import type { CommandRegistration } from './program.js';

interface TrainOptions {
  readonly labels: string;
  readonly out?: string;
  readonly taxonomy?: string;
  readonly threshold: string;
}

/** `auto`, or a probability from 0 to 1. */
function parseThreshold(value: string): 'auto' | number {
  if (value === 'auto') return 'auto';
  const p = Number(value);
  if (value.trim() === '' || !Number.isFinite(p) || p < 0 || p > 1) {
    throw new InputError(`Expected \`--threshold\` to be \`auto\` or a probability from 0 to 1, got \`${value}\``);
  }
  return p;
}

/**
 * `verbatim train --labels FILE [--threshold auto|P]`: trains the theme, journey and
 * sentiment classifiers that assist the rules, from labelled verbatims, prints their
 * cross-validated scores; `enrich` uses them from then on.
 */
export const registerTrain: CommandRegistration = (program, context) => {
  program
    .command('train')
    .description('train the theme and journey classifiers from labelled verbatims (JSONL: text, lang, themes, journey)')
    .requiredOption('--labels <file>', 'labelled verbatims, one JSON object a line')
    .option('--out <file>', 'where to write the classifiers (default: the data directory, where enrich finds them)')
    .option('--taxonomy <file>', 'theme taxonomy the labels use (default: the bundled one)')
    .option('--threshold <auto|P>', 'auto: per-theme thresholds chosen by cross-validation; P: that probability for every theme', 'auto')
    .action(async (options: TrainOptions) => {
      const threshold = parseThreshold(options.threshold);
      const [{ DEFAULT_TAXONOMY_PATH }, { trainFromFiles }, { formatCrossValidation }] = await Promise.all([
        import('../models/fast-tier.js'),
        import('../models/classifier/train-from-files.js'),
        import('../models/classifier/cross-validation-report.js'),
      ]);
      const labels = path.resolve(context.cwd, options.labels);
      const out = options.out === undefined ? defaultClassifierPath(context.env.dataDir) : path.resolve(context.cwd, options.out);
      const taxonomy = options.taxonomy === undefined ? DEFAULT_TAXONOMY_PATH : path.resolve(context.cwd, options.taxonomy);
      const started = performance.now();
      const { examples, problems, training, bytes } = await trainFromFiles({ labels, taxonomy, out, threshold, now: context.now() });
      for (const problem of problems) context.stderr.write(`verbatim: ${problem.describe()}\n`);
      const { classifiers } = training;
      context.stdout.write(
        `trained on ${examples} labelled verbatims (${problems.length} lines skipped) in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
          `${classifiers.themes.labels.length} theme and ${classifiers.journey.labels.length} journey-step classifiers → ${out} (${(bytes / 1e6).toFixed(2)} MB)\n` +
          (options.out === undefined ? 'verbatim enrich uses them from now on (--classifier FILE to pick another)\n' : `use them with: verbatim enrich --classifier ${out}\n`) +
          formatCrossValidation(training),
      );
    });
};
