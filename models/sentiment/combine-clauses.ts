import type { SentimentLabel } from '../../core/vocabulary.js';
import type { ClauseSentiment, SentimentAnalysis } from '../types.js';
import { splitClauses, type ClauseMarkers, type ClauseSpan } from './clauses.js';

/** A clause (and a text) is polar from this absolute score. */
const POLAR = 0.2;
/** A positive and a negative clause both at least this strong make a `mixed` text. */
const MIXED = 0.3;
/** What follows a contrast marker weighs more, what precedes it less ("ok but…"). */
const AFTER_CONTRAST = 1.5;
const BEFORE_CONTRAST = 0.7;
/** A concession ("although the app is nice, …") is granted, not the point: the main clause outweighs it. */
const CONCESSION = 0.6;

/**
 * Splits a text into clauses, scores each with `scoreClause` (−1..1), and combines
 * them: a contrast-weighted mean for the overall score, `mixed` when clauses
 * clearly disagree. Shared by every lexicon model so they label alike.
 */
export function analyzeByClauses(text: string, markers: ClauseMarkers, scoreClause: (clause: string) => number): SentimentAnalysis {
  const clauses: ClauseSentiment[] = [];
  let weighted = 0;
  let weights = 0;
  const spans = splitClauses(text, markers);
  // Each clause sliced once: the scorer and the theme stage then read the same string (a memo keyed by it hits).
  const texts = spans.map((span) => text.slice(span.start, span.end));
  const scores = ironyFlipped(texts, texts.map((clause) => scoreClause(clause)));
  spans.forEach((span, index) => {
    const clauseText = texts[index] as string;
    const score = scores[index] ?? 0;
    clauses.push({ start: span.start, end: span.end, text: clauseText, score, label: sentimentLabel(score) });
    if (score !== 0) {
      const weight = span.concessive ? CONCESSION : span.afterContrast ? AFTER_CONTRAST : span.beforeContrast ? BEFORE_CONTRAST : 1;
      weighted += score * weight;
      weights += weight;
    }
  });
  const score = weights === 0 ? 0 : squash(weighted / weights);
  const mixed =
    (clauses.some((clause) => clause.score >= MIXED) && clauses.some((clause) => clause.score <= -MIXED)) || contrastJoinsOpposites(spans, scores);
  return { supported: true, label: mixed ? 'mixed' : sentimentLabel(score), score: round(score), clauses };
}

/** Marks of irony: a trailing ellipsis ("super le service client..."), the upside-down and eye-roll faces. */
const IRONY = /(\.\.\.|…)\s*$|🙃|🙄/u;

/**
 * Praise next to a complaint and marked as ironic ("3 messages, nobody called
 * back. Great service...", "nice 🙃") is the complaint again: its sign flips.
 * Without a negative clause beside it, an ellipsis is just an ellipsis.
 */
function ironyFlipped(texts: readonly string[], scores: readonly number[]): number[] {
  if (!scores.some((score) => score <= -POLAR)) return [...scores];
  return scores.map((score, index) => (score >= POLAR && IRONY.test(texts[index] ?? '') ? -score : score));
}

/**
 * "Bon service, mais les frais piquent un peu": a contrast marker between a
 * polar clause and a clause of the other polarity makes the text mixed even when
 * one side is mild — the writer chose to weigh one thing against another.
 */
function contrastJoinsOpposites(spans: readonly ClauseSpan[], scores: readonly number[]): boolean {
  // A concession weighs against its main clause just as "but" weighs what follows against what precedes.
  const turns = (span: ClauseSpan | undefined): boolean => span?.afterContrast === true || span?.concessive === true;
  const before = scores.filter((_, index) => spans[index]?.beforeContrast === true || !turns(spans[index]));
  const after = scores.filter((_, index) => turns(spans[index]));
  if (after.length === 0) return false;
  const opposite = (a: readonly number[], b: readonly number[]): boolean => a.some((x) => x >= POLAR) && b.some((y) => y <= -POLAR);
  return opposite(before, after) || opposite(after, before);
}

/** A raw lexicon sum mapped into −1..1 (soft saturation: 2 → 0.63, 6 → 0.93). */
export function normalizeSum(sum: number): number {
  return sum === 0 ? 0 : round(squash(sum / Math.sqrt(sum * sum + 6)));
}

export function sentimentLabel(score: number): SentimentLabel {
  if (score >= POLAR) return 'positive';
  if (score <= -POLAR) return 'negative';
  return 'neutral';
}

function squash(value: number): number {
  return Math.max(-1, Math.min(1, value));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
