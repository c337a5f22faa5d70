import { fold } from '../../core/text-folding.js';

/** A span of the text with whether it follows a contrast marker ("but …") or opens a concession ("although …"). */
export interface ClauseSpan {
  readonly start: number;
  readonly end: number;
  readonly afterContrast: boolean;
  readonly beforeContrast: boolean;
  /** Starts with a concessive marker: the subordinate clause, not the main one ("Although X, Y": X). */
  readonly concessive: boolean;
}

/**
 * Where a language turns: contrast markers put the weight on what follows
 * ("ok but …"); concessive markers on what does not follow ("although …, Y":
 * the main clause is Y).
 */
export interface ClauseMarkers {
  readonly contrast: ReadonlySet<string>;
  readonly concessive: ReadonlySet<string>;
}

/** Sentence ends, dashes and commas; a ";" that starts a wink ";)" is no end. */
const SENTENCE_END = /(?:[.!?\n]|;(?![-']?[()DdPp]))+|\s[-–—]\s|,(?=\s)/g;

/**
 * Splits a text into clauses at sentence ends, commas, contrast and concessive markers, so
 * "great advisor but the fees are crazy" gives two clauses with their own sentiment.
 */
export function splitClauses(text: string, markers: ClauseMarkers): ClauseSpan[] {
  const markerPattern = contrastPattern(markers);
  const cuts = new Set<number>([0, text.length]);
  const contrastStarts = new Set<number>();
  const concessiveStarts = new Set<number>();
  // `exec` loops, not `matchAll`, which clones the expression per call (neither expression matches empty text).
  SENTENCE_END.lastIndex = 0;
  for (let match = SENTENCE_END.exec(text); match !== null; match = SENTENCE_END.exec(text)) cuts.add(match.index + match[0].length);
  const folded = fold(text);
  markerPattern.lastIndex = 0;
  for (let match = markerPattern.exec(folded); match !== null; match = markerPattern.exec(folded)) {
    const start = match.index + (match[1]?.length ?? 0);
    cuts.add(start);
    const marker = match[0].slice(match[1]?.length ?? 0).replace(/\s+/g, ' ');
    (markers.concessive.has(marker) ? concessiveStarts : contrastStarts).add(start);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const spans: ClauseSpan[] = [];
  for (let i = 0; i < sorted.length - 1; i++) {
    let start = sorted[i] as number;
    let end = sorted[i + 1] as number;
    while (start < end && SPACE.test(text[start] as string)) start++;
    while (end > start && SPACE.test(text[end - 1] as string)) end--;
    if (end - start === 0 || !/[\p{L}\p{N}\p{Extended_Pictographic}:;=]/u.test(text.slice(start, end))) continue;
    const cut = sorted[i] as number;
    spans.push({ start, end, afterContrast: contrastStarts.has(cut), beforeContrast: false, concessive: concessiveStarts.has(cut) });
  }
  return spans.map((span, index) => ({ ...span, beforeContrast: spans[index + 1]?.afterContrast === true }));
}

const SPACE = /\s/;

const compiledMarkers = new WeakMap<ClauseMarkers, RegExp>();

/** One alternation of every marker (longest first: "even though" before "though"), compiled once per marker set. */
function contrastPattern(markers: ClauseMarkers): RegExp {
  let pattern = compiledMarkers.get(markers);
  if (pattern === undefined) {
    const alternatives = [...markers.contrast, ...markers.concessive].sort((a, b) => b.length - a.length).map((marker) => marker.replace(/ /g, '\\s+'));
    pattern = new RegExp(`(^|[^\\p{L}])(?:${alternatives.join('|')})(?![\\p{L}])`, 'gu');
    compiledMarkers.set(markers, pattern);
  }
  return pattern;
}
