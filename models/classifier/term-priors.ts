import { fold } from '../../core/text-folding.js';
import { markNegation } from '../learned/negation.js';

/** A label's words and phrases (folded; a trailing `*` matches any ending), per language or for all (`*`). */
export type LabelTerms = Readonly<Record<string, readonly string[]>>;

/**
 * The taxonomy's terms and phrases as evidence for the learned model: each label
 * whose term occurs in a text gives one feature (`prior:<label>`), whose weight the
 * model learns like any other. A taxonomy without terms simply gives none.
 *
 * @example new TermPriors({ fees: { en: ['fee*', 'hidden charge'] } }).labelsIn('Hidden charges again', 'en') // ['fees']
 */
export class TermPriors {
  /** First word of a term → the terms starting with it, as word sequences. */
  readonly #exact = new Map<string, { label: string; lang: string; words: readonly string[] }[]>();
  readonly #prefixes: { label: string; lang: string; prefix: string }[] = [];

  constructor(terms: Readonly<Record<string, LabelTerms>>) {
    for (const [label, byLanguage] of Object.entries(terms)) {
      for (const [lang, list] of Object.entries(byLanguage)) {
        for (const term of list) {
          const words = markNegation(fold(term)).map((token) => token.word);
          const first = words[0];
          if (first === undefined) continue;
          if (words.length === 1 && term.endsWith('*')) {
            this.#prefixes.push({ label, lang, prefix: first });
            continue;
          }
          const sameStart = this.#exact.get(first) ?? [];
          sameStart.push({ label, lang, words });
          this.#exact.set(first, sameStart);
        }
      }
    }
  }

  /** Whether any term is known (a term-less taxonomy makes this a no-op). */
  get empty(): boolean {
    return this.#exact.size === 0 && this.#prefixes.length === 0;
  }

  /** Labels with a term in the text, each once. Linear in the text's words times the terms sharing a first word. */
  labelsIn(text: string, lang: string): string[] {
    if (this.empty) return [];
    const words = markNegation(text).map((token) => token.word);
    const found = new Set<string>();
    words.forEach((word, at) => {
      for (const { label, lang: termLang, words: term } of this.#exact.get(word) ?? []) {
        if (!this.#fits(termLang, lang) || found.has(label)) continue;
        if (term.every((part, offset) => words[at + offset] === part)) found.add(label);
      }
      for (const { label, lang: termLang, prefix } of this.#prefixes) {
        if (this.#fits(termLang, lang) && word.startsWith(prefix)) found.add(label);
      }
    });
    return [...found];
  }

  #fits(termLang: string, lang: string): boolean {
    return termLang === '*' || termLang === lang;
  }
}
