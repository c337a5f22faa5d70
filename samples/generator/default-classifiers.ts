import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { readLabels } from '../../models/classifier/read-labels.js';
import { trainClassifiers } from '../../models/classifier/train-classifiers.js';
import type { TrainedClassifiers } from '../../models/classifier/trained-classifiers.js';
import { DEFAULT_TAXONOMY_PATH } from '../../models/fast-tier.js';
import { createLanguageDetector } from '../../models/language/language-detector.js';
import { loadTaxonomy } from '../../models/themes/taxonomy.js';
import { JOURNEY_STEPS } from '../../core/vocabulary.js';

/** The labelled corpus we wrote ourselves (never the shared evaluation set), one JSONL file per batch of labelling. */
export const LABELS_DIR = path.join(PACKAGE_ROOT, 'samples', 'labels');

/** A fixed training date keeps the bundled file byte-for-byte reproducible. */
const TRAINED_AT = new Date('2026-11-25T00:00:00Z');

/**
 * The classifiers bundled with the package: trained on every file of
 * samples/labels with the default taxonomy. Deterministic (fixed order, fixed date).
 */
export async function trainDefaultClassifiers(): Promise<TrainedClassifiers> {
  const taxonomy = await loadTaxonomy(DEFAULT_TAXONOMY_PATH);
  const themeIds = taxonomy.themes.map((theme) => theme.id);
  const detector = await createLanguageDetector();
  const files = (await readdir(LABELS_DIR)).filter((name) => name.endsWith('.jsonl')).sort();
  const examples = [];
  for (const file of files) {
    const { examples: read, problems } = await readLabels(path.join(LABELS_DIR, file), new Set(themeIds), detector);
    if (problems.length > 0) throw new Error(`bundled labels: ${problems.map((problem) => problem.describe()).join('; ')}`);
    examples.push(...read);
  }
  return trainClassifiers(examples, { themeIds, journeySteps: JOURNEY_STEPS, now: TRAINED_AT });
}
