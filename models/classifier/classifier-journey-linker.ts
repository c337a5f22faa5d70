import type { JourneyStep } from '../../core/vocabulary.js';
import { stepOfHint } from '../journey/journey-linker.js';
import type { ThemeMention } from '../../core/verbatim.js';
import { RecentCache, REMEMBERED_TEXT_LENGTH } from '../recent-cache.js';
import type { JourneyInput, JourneyLinker } from '../types.js';
import { asScorer, type LabelScorer } from './label-scorer.js';
import type { LabelModels } from './trained-classifiers.js';

/** From this probability the classifier overrides the rules' step; below it, it only fills a gap. */
const OVERRIDE = 0.9;

/**
 * The survey's own journey field wins; otherwise a confident classifier answer,
 * then the rules, then the classifier's likeliest step when it reaches the step's
 * threshold or the top-1 floor.
 */
export class ClassifierAssistedJourneyLinker implements JourneyLinker {
  readonly version: string;
  readonly #rules: JourneyLinker;
  readonly #steps: LabelScorer;
  /**
   * Recent answers by text, with the input they were made from (the step is a function of it): a
   * repeated text brings the very mention objects the theme tagger remembered, so comparing the
   * language, hint, source and mentions one by one is exact.
   */
  readonly #recent = new RecentCache<string, { readonly input: JourneyInput; readonly themes: readonly ThemeMention[]; readonly step: JourneyStep | null }>(RECENT_TEXTS);

  constructor(rules: JourneyLinker, steps: LabelModels | LabelScorer, trainedAt: string) {
    this.#rules = rules;
    this.#steps = asScorer(steps, true);
    this.version = `${rules.version}+classifier-${trainedAt.slice(0, 10)}`;
  }

  link(input: JourneyInput): JourneyStep | null {
    const fromHint = stepOfHint(input.hint);
    if (fromHint !== null) return fromHint;
    if (input.text.length > REMEMBERED_TEXT_LENGTH) return this.#link(input);
    const known = this.#recent.get(input.text);
    if (known !== undefined && sameInput(known.input, known.themes, input)) return known.step;
    const step = this.#link(input);
    this.#recent.set(input.text, { input: { ...input, themes: [] }, themes: [...input.themes], step });
    return step;
  }

  /** The step when no hint names one. */
  #link(input: JourneyInput): JourneyStep | null {
    const byRules = this.#rules.link(input);
    if (input.text.trim() === '') return byRules;
    const probabilities = this.#steps.probabilities(input.text, input.lang, input.themes.map((mention) => mention.theme));
    let best: { index: number; p: number } | undefined;
    probabilities.forEach((p, index) => {
      if (best === undefined || p > best.p) best = { index, p };
    });
    if (best === undefined) return byRules;
    const step = stepOfHint(this.#steps.labels[best.index] ?? '');
    if (step !== null && best.p >= OVERRIDE) return step;
    if (byRules !== null) return byRules;
    return step !== null && this.#steps.decide(probabilities).includes(best.index) ? step : null;
  }
}

/** Texts whose steps are remembered (two generations of this many). */
const RECENT_TEXTS = 4096;

/** Whether `input` is the remembered input of the same text (its mentions kept apart: the caller's array may change). */
function sameInput(known: JourneyInput, themes: readonly ThemeMention[], input: JourneyInput): boolean {
  if (known.lang !== input.lang || known.hint !== input.hint || known.source !== input.source || themes.length !== input.themes.length) return false;
  for (let i = 0; i < themes.length; i++) if (themes[i] !== input.themes[i]) return false;
  return true;
}
