import path from 'node:path';
import { InputError } from '../core/errors.js';
import { defaultClassifierPath } from '../pipeline/load-models.js';
import type { CommandRegistration } from './program.js';

/** Fewer labelled verbatims than this teach a classifier nothing it can be trusted with. */
const MIN_EXAMPLES = 20;

interface TrainOptions {
  readonly labels: string;
  readonly out?: string;
  readonly taxonomy?: string;
}

/**
 * `verbatim train --labels FILE`: trains the theme and journey classifiers that
 * assist the rules, from labelled verbatims; `enrich` uses them from then on.
 */
export const registerTrain: CommandRegistration = (program, context) => {
  program
    .command('train')
    .description('train the theme and journey classifiers from labelled verbatims (JSONL: text, lang, themes, journey)')
    .requiredOption('--labels <file>', 'labelled verbatims, one JSON object a line')
    .option('--out <file>', 'where to write the classifiers (default: the data directory, where enrich finds them)')
    .option('--taxonomy <file>', 'theme taxonomy the labels use (default: the bundled one)')
    .action(async (options: TrainOptions) => {
      const [{ createLanguageDetector }, { loadTaxonomy }, { DEFAULT_TAXONOMY_PATH }, { readLabels }, { trainClassifiers }, { saveTrainedClassifiers }, { JOURNEY_STEPS }] =
        await Promise.all([
          import('../models/language/language-detector.js'),
          import('../models/themes/taxonomy.js'),
          import('../models/fast-tier.js'),
          import('../models/classifier/read-labels.js'),
          import('../models/classifier/train-classifiers.js'),
          import('../models/classifier/trained-classifiers.js'),
          import('../core/vocabulary.js'),
        ]);
      const labelsPath = path.resolve(context.cwd, options.labels);
      const taxonomy = await loadTaxonomy(options.taxonomy === undefined ? DEFAULT_TAXONOMY_PATH : path.resolve(context.cwd, options.taxonomy));
      const themeIds = taxonomy.themes.map((theme) => theme.id);
      const { examples, problems } = await readLabels(labelsPath, new Set(themeIds), await createLanguageDetector());
      for (const problem of problems) context.stderr.write(`verbatim: ${problem.describe()}\n`);
      if (examples.length < MIN_EXAMPLES) {
        throw new InputError(`${examples.length} usable labelled verbatims; at least ${MIN_EXAMPLES} are needed to train`, { file: labelsPath });
      }
      const classifiers = trainClassifiers(examples, { themeIds, journeySteps: JOURNEY_STEPS, now: context.now() });
      const out = options.out === undefined ? defaultClassifierPath(context.env.dataDir) : path.resolve(context.cwd, options.out);
      await saveTrainedClassifiers(out, classifiers);
      context.stdout.write(
        `trained on ${examples.length} labelled verbatims (${problems.length} lines skipped): ` +
          `${Object.keys(classifiers.themes.models).length} theme and ${Object.keys(classifiers.journey.models).length} journey-step classifiers → ${out}\n` +
          (options.out === undefined ? 'verbatim enrich uses them from now on (--classifier FILE to pick another)\n' : `use them with: verbatim enrich --classifier ${out}\n`),
      );
    });
};
