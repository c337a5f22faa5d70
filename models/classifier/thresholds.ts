/** `auto`: per-label thresholds chosen by cross-validation; a number: that threshold for every label. */
export type ThresholdChoice = 'auto' | number;

/** Micro-averaged scores over every (text, label) decision. */
export interface MicroScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface LabelScores extends MicroScores {
  /** Texts that carry the label. */
  readonly support: number;
}

export interface ChosenThresholds {
  readonly thresholds: readonly number[];
  /** The likeliest label is predicted from this probability (> 1: never). */
  readonly floor: number;
  /** Scores of these decisions on the probabilities they were chosen on (out-of-fold ones in training). */
  readonly micro: MicroScores;
  readonly perLabel: readonly LabelScores[];
}

/** Probabilities are binned by the hundredth; thresholds are multiples of 0.05. */
const BINS = 100;
const GRID = Array.from({ length: 19 }, (_, i) => 5 * (i + 1));
/** Floors tried: 0 (always tag the likeliest label), the grid, and never. */
const FLOORS = [0, ...GRID, BINS + 1];
/** Under this many texts a label keeps the shared threshold: its own would fit noise. */
const MIN_SUPPORT = 5;

/**
 * Chooses per-label thresholds and the top-1 floor that maximise micro-F1 on
 * held-out probabilities (`probabilities[text][label]`, gold label indices per text).
 * A text's labels are those at or above their threshold, plus its likeliest label
 * when that clears the floor. With a fixed threshold only the floor is chosen.
 *
 * @example chooseThresholds(outOfFold, gold, 'auto').thresholds
 */
export function chooseThresholds(probabilities: readonly Float64Array[], gold: readonly (readonly number[])[], choice: ThresholdChoice): ChosenThresholds {
  const labels = probabilities[0]?.length ?? 0;
  const counts = Array.from({ length: labels }, (_, label) => labelCounts(probabilities, gold, label));
  let best: { bins: number[]; floor: number; f1: number } | undefined;
  for (const floor of FLOORS) {
    const bins = choice === 'auto' ? autoBins(counts, floor) : new Array<number>(labels).fill(Math.round(choice * BINS));
    const f1 = microOf(counts, bins, floor).f1;
    if (best === undefined || f1 > best.f1 + 1e-12) best = { bins, floor, f1 };
  }
  const chosen = best ?? { bins: [], floor: 0, f1: 0 };
  return {
    thresholds: chosen.bins.map((bin) => bin / BINS),
    floor: chosen.floor / BINS,
    micro: microOf(counts, chosen.bins, chosen.floor),
    perLabel: counts.map((count, label) => {
      const { tp, fp } = count.at(chosen.bins[label] ?? BINS, chosen.floor);
      return { ...prf(tp, fp, count.positives - tp), support: count.positives };
    }),
  };
}

interface LabelCounts {
  readonly positives: number;
  /** True and false positives when predicted from `bin`, or from `floor` where the label is the text's likeliest. */
  at(bin: number, floor: number): { tp: number; fp: number };
}

/** Suffix sums of gold / not-gold texts per probability bin, apart for texts where the label is the likeliest. */
function labelCounts(probabilities: readonly Float64Array[], gold: readonly (readonly number[])[], label: number): LabelCounts {
  const size = BINS + 2;
  const [posTop, negTop, posOther, negOther] = [new Float64Array(size), new Float64Array(size), new Float64Array(size), new Float64Array(size)];
  let positives = 0;
  probabilities.forEach((row, text) => {
    const p = row[label] as number;
    const bin = Math.min(BINS, Math.floor(p * BINS + 1e-9));
    const isGold = gold[text]?.includes(label) ?? false;
    if (isGold) positives++;
    const top = argmax(row) === label;
    const target = top ? (isGold ? posTop : negTop) : isGold ? posOther : negOther;
    target[bin] = (target[bin] as number) + 1;
  });
  for (const array of [posTop, negTop, posOther, negOther]) for (let b = size - 2; b >= 0; b--) array[b] = (array[b] as number) + (array[b + 1] as number);
  return {
    positives,
    at: (bin, floor) => {
      const topFrom = Math.min(bin, floor);
      return { tp: (posTop[topFrom] as number) + (posOther[bin] as number), fp: (negTop[topFrom] as number) + (negOther[bin] as number) };
    },
  };
}

/** One shared threshold first, then each label's own (coordinate ascent on micro-F1, two rounds). */
function autoBins(counts: readonly LabelCounts[], floor: number): number[] {
  let shared = GRID[0] as number;
  let sharedF1 = -1;
  for (const bin of GRID) {
    const f1 = microOf(counts, counts.map(() => bin), floor).f1;
    if (f1 > sharedF1 + 1e-12) [shared, sharedF1] = [bin, f1];
  }
  const bins = counts.map(() => shared);
  const totals = { tp: 0, fp: 0, fn: 0 };
  counts.forEach((count, label) => {
    const { tp, fp } = count.at(bins[label] as number, floor);
    totals.tp += tp;
    totals.fp += fp;
    totals.fn += count.positives - tp;
  });
  for (let round = 0; round < 2; round++) {
    counts.forEach((count, label) => {
      if (count.positives < MIN_SUPPORT) return;
      const now = count.at(bins[label] as number, floor);
      const rest = { tp: totals.tp - now.tp, fp: totals.fp - now.fp, fn: totals.fn - (count.positives - now.tp) };
      let bestBin = bins[label] as number;
      let bestF1 = f1Of(rest.tp + now.tp, rest.fp + now.fp, rest.fn + count.positives - now.tp);
      for (const bin of GRID) {
        const { tp, fp } = count.at(bin, floor);
        const f1 = f1Of(rest.tp + tp, rest.fp + fp, rest.fn + count.positives - tp);
        if (f1 > bestF1 + 1e-12) [bestBin, bestF1] = [bin, f1];
      }
      bins[label] = bestBin;
      const { tp, fp } = count.at(bestBin, floor);
      totals.tp = rest.tp + tp;
      totals.fp = rest.fp + fp;
      totals.fn = rest.fn + count.positives - tp;
    });
  }
  return bins;
}

function microOf(counts: readonly LabelCounts[], bins: readonly number[], floor: number): MicroScores {
  let [tp, fp, fn] = [0, 0, 0];
  counts.forEach((count, label) => {
    const at = count.at(bins[label] ?? BINS, floor);
    tp += at.tp;
    fp += at.fp;
    fn += count.positives - at.tp;
  });
  return prf(tp, fp, fn);
}

function prf(tp: number, fp: number, fn: number): MicroScores {
  return { precision: tp + fp === 0 ? 0 : tp / (tp + fp), recall: tp + fn === 0 ? 0 : tp / (tp + fn), f1: f1Of(tp, fp, fn) };
}

function f1Of(tp: number, fp: number, fn: number): number {
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

function argmax(row: Float64Array): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if ((row[i] as number) > (row[best] as number)) best = i;
  return best;
}
