import type { JourneyStep } from '../../core/vocabulary.js';
import { stepOfHint } from '../journey/journey-linker.js';
import type { JourneyInput, JourneyLinker } from '../types.js';
import { CompiledModels } from './logistic-regression.js';
import { journeyFeatures } from './train-classifiers.js';
import type { LabelModels } from './trained-classifiers.js';

/** From this probability the classifier overrides the rules' step; below it, it only fills a gap. */
const OVERRIDE = 0.9;

/**
 * The survey's own journey field wins; otherwise a confident classifier answer,
 * then the rules, then a classifier answer above the threshold.
 */
export class ClassifierAssistedJourneyLinker implements JourneyLinker {
  readonly version: string;
  readonly #rules: JourneyLinker;
  readonly #steps: CompiledModels;
  readonly #threshold: number;

  constructor(rules: JourneyLinker, steps: LabelModels, trainedAt: string) {
    this.#rules = rules;
    this.#steps = new CompiledModels(steps.models);
    this.#threshold = steps.threshold;
    this.version = `${rules.version}+classifier-${trainedAt.slice(0, 10)}`;
  }

  link(input: JourneyInput): JourneyStep | null {
    const fromHint = stepOfHint(input.hint);
    if (fromHint !== null) return fromHint;
    const byRules = this.#rules.link(input);
    if (input.text.trim() === '') return byRules;
    const features = journeyFeatures(input.text, input.lang, input.themes.map((mention) => mention.theme));
    const probabilities = this.#steps.probabilities(features);
    let best: { step: string; p: number } | undefined;
    this.#steps.labels.forEach((step, index) => {
      const p = probabilities[index] ?? 0;
      if (best === undefined || p > best.p) best = { step, p };
    });
    if (best === undefined) return byRules;
    const step = stepOfHint(best.step);
    if (step !== null && best.p >= OVERRIDE) return step;
    if (byRules !== null) return byRules;
    return step !== null && best.p >= this.#threshold ? step : null;
  }
}
