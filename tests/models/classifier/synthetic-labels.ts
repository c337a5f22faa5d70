import { seededRandom } from '../../../models/learned/hashing.js';
import type { LabelledExample } from '../../../models/classifier/train-classifiers.js';

/** Words that point at a theme, and filler every text may carry. */
export const THEME_WORDS: Readonly<Record<string, readonly string[]>> = {
  fees_pricing: ['quentor', 'surcharge', 'tarif', 'prelevement'],
  digital_app: ['zorblax', 'ecran', 'connexion', 'appli'],
  branch_staff: ['guichetier', 'agence', 'accueil', 'conseiller'],
};
const FILLER = ['encore', 'vraiment', 'toujours', 'hier', 'matin', 'semaine', 'depuis', 'franchement', 'mois', 'jour'];

/**
 * Seeded labelled verbatims: each text has one or two theme words (its themes), and
 * filler; `noise` of them get a wrong theme instead, so the task is learnable, not trivial.
 */
export function syntheticExamples(count: number, seed: number, noise = 0.1): LabelledExample[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const themes = Object.keys(THEME_WORDS);
  return Array.from({ length: count }, () => {
    const theme = pick(themes);
    const words = [pick(THEME_WORDS[theme] ?? []), pick(FILLER), pick(FILLER), pick(FILLER)];
    const label = random() < noise ? pick(themes.filter((other) => other !== theme)) : theme;
    return { text: words.sort(() => random() - 0.5).join(' '), lang: 'fr', sentiment: null, themes: [label], journey: null };
  });
}
