import type { HashedTraining } from './hashed-classifiers.js';
import type { ChosenThresholds } from './thresholds.js';

/**
 * The cross-validated scores `verbatim train` prints: per model, micro precision,
 * recall and F1 on held-out folds, the per-label spread, and the weakest labels.
 *
 * @example process.stdout.write(formatCrossValidation(training))
 */
export function formatCrossValidation(training: HashedTraining): string {
  const { classifiers, crossValidation } = training;
  const lines = ['cross-validated on held-out folds (each text scored by a model that did not see it):'];
  const models = [
    ['themes', classifiers.themes.labels, classifiers.themes.kind, crossValidation.themes],
    ['journey', classifiers.journey.labels, classifiers.journey.kind, crossValidation.journey],
    ['sentiment', classifiers.sentiment.labels, classifiers.sentiment.kind, crossValidation.sentiment],
  ] as const;
  for (const [name, labels, kind, scores] of models) {
    if (labels.length === 0) {
      lines.push(`  ${name.padEnd(9)} no labelled examples: left to the rules`);
      continue;
    }
    if (scores === null) {
      lines.push(`  ${name.padEnd(9)} ${labels.length} labels, too few texts to cross-validate`);
      continue;
    }
    lines.push(`  ${name.padEnd(9)} ${summary(scores, labels.length, kind)}`);
    const weakest = scores.perLabel
      .map((label, index) => ({ ...label, name: labels[index] ?? '' }))
      .filter((label) => label.support > 0)
      .sort((a, b) => a.f1 - b.f1)
      .slice(0, 3);
    if (weakest.length > 0) lines.push(`            weakest: ${weakest.map((label) => `${label.name} F1 ${label.f1.toFixed(2)} (${label.support})`).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function summary(scores: ChosenThresholds, labels: number, kind: string): string {
  const f1s = scores.perLabel.filter((label) => label.support > 0).map((label) => label.f1);
  const macro = f1s.length === 0 ? 0 : f1s.reduce((sum, f1) => sum + f1, 0) / f1s.length;
  const thresholds = scores.thresholds.length === 0 ? '' : `thresholds ${Math.min(...scores.thresholds).toFixed(2)}–${Math.max(...scores.thresholds).toFixed(2)}`;
  const floor = scores.floor > 1 ? 'no top-1 floor' : `top-1 floor ${scores.floor.toFixed(2)}`;
  return (
    `micro-F1 ${scores.micro.f1.toFixed(3)} (precision ${scores.micro.precision.toFixed(3)}, recall ${scores.micro.recall.toFixed(3)}), ` +
    `per-label F1 min ${Math.min(...f1s).toFixed(2)} / median ${median(f1s).toFixed(2)} / macro ${macro.toFixed(3)}; ${labels} labels, ${kind}, ${thresholds}, ${floor}`
  );
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? 0 : sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
