import { contingencyTest } from './log-likelihood.js';
import { round } from './nps.js';
import type { PhraseCounts } from './phrase-counts.js';

/** A phrase over-represented in the target documents. */
export interface DistinctivePhrase {
  readonly phrase: string;
  /** Target documents with the phrase, and their share of the target. */
  readonly target_docs: number;
  readonly target_share: number;
  readonly reference_docs: number;
  readonly reference_share: number;
  /** target share / reference share (null when the reference never has it). */
  readonly ratio: number | null;
  readonly g2: number;
  readonly p_value: number;
  /** p below 0.05 after a Bonferroni correction over the phrases tested. */
  readonly significant: boolean;
}

/**
 * Ranks phrases by Dunning's log-likelihood G² of target against reference
 * document frequencies, keeping those more frequent in the target. A phrase that is
 * part of a longer kept phrase with the same target count is dropped (the bigram says more).
 *
 * @example distinctivePhrases(await queryPhraseCounts(db, q), 10)[0]?.phrase // 'agios'
 */
export function distinctivePhrases(counts: PhraseCounts, limit = 10, alpha = 0.05): DistinctivePhrase[] {
  const tested = counts.phrases.length;
  if (tested === 0 || counts.target_docs === 0) return [];
  const rows = counts.phrases
    .map((phrase) => {
      const test = contingencyTest(phrase.target, counts.target_docs, phrase.reference, counts.reference_docs);
      return {
        phrase: phrase.phrase,
        target_docs: phrase.target,
        target_share: round(phrase.target / counts.target_docs, 4),
        reference_docs: phrase.reference,
        reference_share: counts.reference_docs === 0 ? 0 : round(phrase.reference / counts.reference_docs, 4),
        ratio: Number.isFinite(test.ratio) ? round(test.ratio, 2) : null,
        g2: round(test.g2, 2),
        p_value: test.p_value,
        significant: test.p_value < alpha / tested,
        over: phrase.target / counts.target_docs > (counts.reference_docs === 0 ? 0 : phrase.reference / counts.reference_docs),
      };
    })
    .filter((row) => row.over)
    .sort((a, b) => b.g2 - a.g2 || b.target_docs - a.target_docs || a.phrase.localeCompare(b.phrase));
  // A word whose every target occurrence sits in a kept two-word phrase adds nothing.
  const subsumed = (row: (typeof rows)[number]): boolean =>
    !row.phrase.includes(' ') && rows.some((other) => other.target_docs === row.target_docs && other.phrase.split(' ').includes(row.phrase) && other.phrase !== row.phrase);
  return rows
    .filter((row) => !subsumed(row))
    .slice(0, limit)
    .map(({ over: _over, ...row }) => row);
}
