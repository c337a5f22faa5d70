/**
 * `node dist/models/themes/english-roots-main.js` (part of `npm run train:models`): rewrites
 * samples/models/english-roots.json, compromise's root forms of every inflected English word of
 * the sentiment training corpora (models/learned/default-sentiment.ts), as the theme rules read
 * words (folded, apostrophes as spaces, tokenized).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { fold } from '../../core/text-folding.js';
import { TRAINING_CORPORA } from '../learned/default-sentiment.js';
import { readJsonlObjects } from '../learned/jsonl-objects.js';
import { MAX_STEMMED_LENGTH } from '../stemming.js';
import { tokenize } from '../tokenize.js';
import { compromiseRootForms, ENGLISH_ROOTS_PATH, inflectionOf } from './english-lemmas.js';
import { englishRootsFileText, installedCompromiseVersion } from './english-roots-table.js';

const words = new Set<string>();
for (const corpus of TRAINING_CORPORA) {
  for (const line of await readJsonlObjects(path.join(PACKAGE_ROOT, corpus.file))) {
    if (line instanceof Error || line.raw['lang'] !== 'en' || typeof line.raw['text'] !== 'string') continue;
    for (const token of tokenize(` ${fold(line.raw['text']).replace(/['’]/g, ' ')} `)) {
      if (token.folded.length <= MAX_STEMMED_LENGTH && inflectionOf(token.folded) !== undefined) words.add(token.folded);
    }
  }
}
await writeFile(ENGLISH_ROOTS_PATH, englishRootsFileText(words, compromiseRootForms, installedCompromiseVersion()));
process.stderr.write(`wrote ${path.relative(PACKAGE_ROOT, ENGLISH_ROOTS_PATH)}: ${words.size} words\n`);
