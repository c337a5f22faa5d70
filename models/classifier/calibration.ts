/**
 * Temperature for one-vs-rest logits: the T (on a fixed grid, so deterministic)
 * whose sigmoid(logit / T) gives held-out labels the least log-loss. The softmax
 * case uses the learned model's `fitTemperature`.
 *
 * @example fitSigmoidTemperature([Float64Array.of(2, -1)], [[0]])
 */
export function fitSigmoidTemperature(logits: readonly Float64Array[], gold: readonly (readonly number[])[]): number {
  if (logits.length === 0) return 1;
  let best = { temperature: 1, loss: Infinity };
  for (let step = 0; step <= 90; step++) {
    const temperature = 0.25 + step * 0.05;
    let loss = 0;
    logits.forEach((row, text) => {
      const labels = gold[text] ?? [];
      for (let c = 0; c < row.length; c++) {
        const p = 1 / (1 + Math.exp(-(row[c] as number) / temperature));
        loss -= Math.log(Math.max(labels.includes(c) ? p : 1 - p, 1e-12));
      }
    });
    if (loss < best.loss) best = { temperature, loss };
  }
  return Math.round(best.temperature * 100) / 100;
}

/**
 * Temperature for softmax logits, on the same grid as the learned model's
 * `fitTemperature` but from logits already computed and without an array per try
 * (that version allocated ~900k arrays for BANKING77's folds: seconds of GC and ~200 MB).
 *
 * @example fitSoftmaxTemperature([Float64Array.of(2, -1)], [0])
 */
export function fitSoftmaxTemperature(logits: readonly Float64Array[], gold: readonly number[]): number {
  if (logits.length === 0) return 1;
  let best = { temperature: 1, loss: Infinity };
  for (let step = 0; step <= 90; step++) {
    const temperature = 0.25 + step * 0.05;
    let loss = 0;
    logits.forEach((row, text) => {
      let max = -Infinity;
      for (let c = 0; c < row.length; c++) max = Math.max(max, (row[c] as number) / temperature);
      let sum = 0;
      for (let c = 0; c < row.length; c++) sum += Math.exp((row[c] as number) / temperature - max);
      const p = Math.exp(((row[gold[text] ?? 0] as number) / temperature - max)) / sum;
      loss -= Math.log(Math.max(p, 1e-12));
    });
    if (loss < best.loss) best = { temperature, loss };
  }
  return Math.round(best.temperature * 100) / 100;
}
