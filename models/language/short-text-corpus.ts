import path from 'node:path';
import { InputError } from '../../core/errors.js';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { seededRandom } from '../learned/hashing.js';
import { readJsonlObjects } from '../learned/jsonl-objects.js';
import { shortWindows, type LanguageExample } from './short-text-training.js';

/**
 * The texts the short-text model learns from: the recorded training corpora (models/README.md)
 * and our labelled CX verbatims, French and English lines only. Never bench/data/public nor
 * ../shared/eval: those measure it.
 */
export const SHORT_TEXT_CORPORA: readonly string[] = [
  'models/training/data/tweeteval-sentiment-en.jsonl',
  'models/training/data/xlmt-umsab-tweets-fr-en.jsonl',
  'models/training/data/uci-sentiment-sentences-en.jsonl',
  'models/training/data/fr-book-reviews.jsonl',
  'models/training/data/amazon-cls-reviews-fr.jsonl.gz',
  'models/training/data/android-app-reviews-en.jsonl.gz',
  'models/training/data/fr-restaurant-reviews.jsonl',
  'models/training/data/trustpilot-food-delivery.jsonl',
  'models/training/data/fr-shop-reviews-trustpilot.jsonl',
  'samples/labels/cx-train.jsonl',
  'samples/labels/cx-holdout.jsonl',
];

/** A whole training text, its language and its corpus. */
export interface LanguageText extends LanguageExample {
  readonly corpus: string;
}

/** Every French or English text of the corpora, in file order; lines without a text or language are skipped. */
export async function readLanguageTexts(files: readonly string[] = SHORT_TEXT_CORPORA): Promise<LanguageText[]> {
  const texts: LanguageText[] = [];
  for (const file of files) {
    const corpus = path.basename(file).replace(/\.jsonl(\.gz)?$/, '');
    for (const line of await readJsonlObjects(path.join(PACKAGE_ROOT, file))) {
      if (line instanceof InputError) continue;
      const { text, lang } = line.raw;
      if (typeof text !== 'string' || (lang !== 'fr' && lang !== 'en')) continue;
      texts.push({ text, french: lang === 'fr', corpus });
    }
  }
  return texts;
}

/** Windows per text: French texts are fewer (28,755 against 45,519), so each gives more. */
const WINDOWS = { french: 4, english: 2 } as const;

/** The short training examples cut from whole texts (`shortWindows`), seeded. */
export function windowExamples(texts: readonly LanguageExample[], seed: number): LanguageExample[] {
  const random = seededRandom(seed);
  const examples: LanguageExample[] = [];
  for (const { text, french } of texts) {
    for (const window of shortWindows(text, french ? WINDOWS.french : WINDOWS.english, random)) examples.push({ text: window, french });
  }
  return examples;
}
