/**
 * `node dist/models/classifier/compile-bundled-main.js`: rewrites the compiled form of the bundled
 * classifiers (samples/models/classifiers.compiled.bin) from samples/models/classifiers.json.gz.
 * `npm run samples` does it after training them; run this alone after changing the compiled layout.
 */
import path from 'node:path';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { DEFAULT_CLASSIFIERS_PATH, DEFAULT_COMPILED_CLASSIFIERS_PATH } from '../fast-tier.js';
import { writeCompiledClassifiers } from './compiled-classifiers-file.js';

await writeCompiledClassifiers(DEFAULT_CLASSIFIERS_PATH, DEFAULT_COMPILED_CLASSIFIERS_PATH);
process.stderr.write(`wrote ${path.relative(PACKAGE_ROOT, DEFAULT_COMPILED_CLASSIFIERS_PATH)}\n`);
