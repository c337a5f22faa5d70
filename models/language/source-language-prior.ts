import type { LanguageGuess } from '../types.js';

/** A guess below this confidence is not sure enough to teach the prior, and may be settled by it. */
const CONFIDENT = 0.7;
/** The prior speaks only for a source it has seen this often … */
const MIN_EVIDENCE = 5;
/** … and where one language clearly dominates. */
const MIN_SHARE = 0.6;
/** Confidence given to a language taken from the source's prior. */
const PRIOR_CONFIDENCE = 0.5;

/**
 * The languages each source has spoken so far in a run. Survey answers like
 * "ok", "super" or "👍" carry no language of their own; in a survey that is
 * 70 % French they are most likely French. The prior settles only guesses the
 * detector could not make (`und` or weak), never overrides a confident one.
 *
 * @example
 * const prior = new SourceLanguagePrior();
 * prior.learn('survey', { lang: 'fr', confidence: 0.9 });
 * prior.settle('survey', { lang: 'und', confidence: 0.2 }); // fr when the source is mostly French
 */
export class SourceLanguagePrior {
  readonly #counts = new Map<string, Map<string, number>>();

  learn(source: string, guess: LanguageGuess): void {
    if (guess.lang === 'und' || guess.confidence < CONFIDENT) return;
    let counts = this.#counts.get(source);
    if (counts === undefined) this.#counts.set(source, (counts = new Map()));
    counts.set(guess.lang, (counts.get(guess.lang) ?? 0) + 1);
  }

  /** The guess itself when it is sure enough (or the text has no letters at all), else the source's dominant language. */
  settle(source: string, guess: LanguageGuess, hasLetters: boolean): LanguageGuess {
    if (!hasLetters || (guess.lang !== 'und' && guess.confidence >= PRIOR_CONFIDENCE)) return guess;
    const dominant = this.dominant(source);
    return dominant === undefined ? guess : { lang: dominant, confidence: PRIOR_CONFIDENCE };
  }

  /** The language most of a source's confident guesses were, when one clearly dominates. */
  dominant(source: string): string | undefined {
    const counts = this.#counts.get(source);
    if (counts === undefined) return undefined;
    let total = 0;
    let best: [string, number] | undefined;
    for (const entry of counts) {
      total += entry[1];
      if (best === undefined || entry[1] > best[1]) best = entry;
    }
    if (best === undefined || total < MIN_EVIDENCE || best[1] / total < MIN_SHARE) return undefined;
    return best[0];
  }
}
