import type { SoftmaxWeights } from '../learned/softmax-regression.js';

/** Weights as one signed byte each: value = code × scale. */
export interface QuantisedWeights {
  readonly classes: number;
  /** `codes[row * classes + label]`. */
  readonly codes: Int8Array;
  readonly scale: number;
}

/**
 * Rounds weights to 255 levels (`step`: a given step, to re-encode already rounded weights): a fourth of the bytes of float32, and the many
 * weights that round to zero deflate to almost nothing in the model file. The
 * trainer returns the rounded model, so what cross-validation scored is what ships.
 *
 * @example const rounded = dequantise(quantise(trained), trained.bias)
 */
export function quantise(weights: SoftmaxWeights, step?: number): QuantisedWeights {
  let max = 0;
  for (const w of weights.weights) max = Math.max(max, Math.abs(w));
  const scale = step ?? (max === 0 ? 1 : max / 127);
  const codes = new Int8Array(weights.weights.length);
  for (let i = 0; i < codes.length; i++) codes[i] = Math.round((weights.weights[i] as number) / scale);
  return { classes: weights.classes, codes, scale };
}

/** The float weights a quantised model scores with. */
export function dequantise(quantised: QuantisedWeights, bias: Float32Array): SoftmaxWeights {
  const { classes, codes, scale } = quantised;
  const out = new Float32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = (codes[i] as number) * scale;
  return { classes, dimensions: classes === 0 ? 0 : codes.length / classes, weights: out, bias };
}
