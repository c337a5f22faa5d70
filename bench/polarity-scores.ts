/** A system's answer on one text: its label and, when it has one, its polarity score (−1..1). */
export interface PolarityGuess {
  readonly label: string;
  readonly score?: number;
}

export interface PolarityScores {
  readonly n: number;
  readonly accuracy: number;
  readonly macro_f1: number;
}

/**
 * Scores guesses against gold labels. On a two-sided set (gold only negative and
 * positive: star ratings 1–2 vs 4–5, binary reviews) a `neutral`/`mixed` answer is
 * decided by the sign of its score, as any user forced to choose would; with no
 * score (or 0) it counts as wrong. On other sets labels are compared as they are.
 * Macro-F1 is over the gold classes.
 */
export function scorePolarity(gold: readonly string[], guesses: readonly PolarityGuess[]): PolarityScores {
  const classes = [...new Set(gold)].sort();
  const twoSided = classes.length === 2 && classes.includes('negative') && classes.includes('positive');
  const decided = guesses.map((guess) => {
    if (!twoSided || guess.label === 'negative' || guess.label === 'positive') return guess.label;
    if (guess.score === undefined || guess.score === 0) return guess.label;
    return guess.score > 0 ? 'positive' : 'negative';
  });
  let correct = 0;
  gold.forEach((label, index) => {
    if (decided[index] === label) correct++;
  });
  let f1Sum = 0;
  for (const c of classes) {
    let tp = 0, fp = 0, fn = 0;
    gold.forEach((label, index) => {
      const guess = decided[index];
      if (label === c && guess === c) tp++;
      else if (label !== c && guess === c) fp++;
      else if (label === c && guess !== c) fn++;
    });
    f1Sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return { n: gold.length, accuracy: gold.length === 0 ? 0 : correct / gold.length, macro_f1: classes.length === 0 ? 0 : f1Sum / classes.length };
}
