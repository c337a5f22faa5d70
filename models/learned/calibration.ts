import type { SparseVector } from './features.js';
import { logitsInto, softmaxInPlace, type SoftmaxWeights } from './softmax-regression.js';

/**
 * Temperature scaling: the one number T that makes held-out probabilities honest
 * (least negative log-likelihood), searched on a fixed grid so it is deterministic.
 * Dividing logits by T keeps the ranking of classes and only sharpens or softens.
 */
export function fitTemperature(model: SoftmaxWeights, heldOut: readonly { readonly features: SparseVector; readonly label: number }[]): number {
  if (heldOut.length === 0) return 1;
  const logits = heldOut.map((example) => logitsInto(model, example.features, new Float64Array(model.classes)));
  let best = { temperature: 1, loss: Infinity };
  for (let step = 0; step <= 90; step++) {
    const temperature = 0.25 + step * 0.05;
    let loss = 0;
    logits.forEach((raw, index) => {
      const p = softmaxInPlace(Float64Array.from(raw), temperature)[heldOut[index]?.label ?? 0] as number;
      loss -= Math.log(Math.max(p, 1e-12));
    });
    if (loss < best.loss) best = { temperature, loss };
  }
  return Math.round(best.temperature * 100) / 100;
}
