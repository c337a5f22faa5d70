import type { JourneyStep } from '../../core/vocabulary.js';
import { stepOfHint } from '../journey/journey-linker.js';
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

  constructor(rules: JourneyLinker, steps: LabelModels | LabelScorer, trainedAt: string) {
    this.#rules = rules;
    this.#steps = asScorer(steps, true);
    this.version = `${rules.version}+classifier-${trainedAt.slice(0, 10)}`;
  }

  link(input: JourneyInput): JourneyStep | null {
    const fromHint = stepOfHint(input.hint);
    if (fromHint !== null) return fromHint;
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
