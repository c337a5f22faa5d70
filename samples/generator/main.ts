import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { DEFAULT_CLASSIFIERS_PATH, DEFAULT_COMPILED_CLASSIFIERS_PATH } from '../../models/fast-tier.js';
import { writeCompiledClassifiers } from '../../models/classifier/compiled-classifiers-file.js';
import { saveTrainedClassifiers } from '../../models/classifier/trained-classifiers.js';
import { employeeCsv, reviewsJsonl, surveyCsv } from './datasets.js';
import { BUNDLED_SOURCES_PATH, trainDefaultClassifiers } from './default-classifiers.js';

/** The bundled sample files: name → content. Deterministic: the same seed gives the same bytes. */
export function sampleFiles(): Readonly<Record<string, string>> {
  return {
    'nps-survey-2026.csv': surveyCsv(2026, 2400),
    'app-reviews.jsonl': reviewsJsonl(7, 360),
    'employee-survey.csv': employeeCsv(11, 320),
  };
}

/** `npm run samples`: rewrites samples/data from the generator and the bundled classifiers from samples/labels and ../shared/eval. */
async function main(): Promise<void> {
  const dir = path.join(PACKAGE_ROOT, 'samples', 'data');
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(sampleFiles())) {
    await writeFile(path.join(dir, name), content);
    process.stderr.write(`wrote samples/data/${name}\n`);
  }
  const { classifiers, sources } = await trainDefaultClassifiers();
  await saveTrainedClassifiers(DEFAULT_CLASSIFIERS_PATH, classifiers);
  // What enrichment threads read (the JSON is the source; models/classifier/compiled-classifiers-file.ts).
  await writeCompiledClassifiers(DEFAULT_CLASSIFIERS_PATH, DEFAULT_COMPILED_CLASSIFIERS_PATH);
  await writeFile(BUNDLED_SOURCES_PATH, `${JSON.stringify(sources, null, 2)}\n`);
  process.stderr.write(`wrote ${path.relative(PACKAGE_ROOT, DEFAULT_CLASSIFIERS_PATH)} (and its compiled form) and ${path.relative(PACKAGE_ROOT, BUNDLED_SOURCES_PATH)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
