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
export function splitClauses(text: string, markers: ClauseMarkers): readonly ClauseSpan[] {
  const known = RECENT_SPLITS.find((entry) => entry.text === text && entry.contrast === markers.contrast && entry.concessive === markers.concessive);
  if (known !== undefined) return known.spans;
  const spans = split(text, markers);
  RECENT_SPLITS.pop();
  RECENT_SPLITS.unshift({ text, contrast: markers.contrast, concessive: markers.concessive, spans });
  return spans;
}

/**
 * The last few splits, by text and marker sets (the split reads nothing else): the rule model and
 * the learned model split the same text with the same language's markers, one after the other.
 * Spans are never written after `split`, so handing the same array out twice is safe.
 */
const RECENT_SPLITS: { readonly text: string; readonly contrast: ReadonlySet<string>; readonly concessive: ReadonlySet<string>; readonly spans: readonly ClauseSpan[] }[] = Array.from(
  { length: 4 },
  () => ({ text: '', contrast: new Set<string>(), concessive: new Set<string>(), spans: [] }),
);

function split(text: string, markers: ClauseMarkers): ClauseSpan[] {
  const markerPattern = contrastPattern(markers);
  const cuts = [0];
  // Most texts have no marker: no sets for them.
  let contrastStarts: Set<number> | undefined;
  let concessiveStarts: Set<number> | undefined;
  // `exec` loops, not `matchAll`, which clones the expression per call (neither expression matches empty text).
  SENTENCE_END.lastIndex = 0;
  for (let match = SENTENCE_END.exec(text); match !== null; match = SENTENCE_END.exec(text)) cuts.push(match.index + match[0].length);
  const folded = fold(text);
  markerPattern.lastIndex = 0;
  for (let match = markerPattern.exec(folded); match !== null; match = markerPattern.exec(folded)) {
    const start = match.index + (match[1]?.length ?? 0);
    cuts.push(start);
    const marker = match[0].slice(match[1]?.length ?? 0).replace(/\s+/g, ' ');
    if (markers.concessive.has(marker)) (concessiveStarts ??= new Set()).add(start);
    else (contrastStarts ??= new Set()).add(start);
  }
  cuts.push(text.length);
  const sorted = ascendingDistinct(cuts);
  // Kept clauses first (offsets and the cut each starts at), then their objects: `beforeContrast` reads the next one's cut.
  const starts: number[] = [];
  const ends: number[] = [];
  const cutOf: number[] = [];
  for (let i = 0; i < sorted.length - 1; i++) {
    let start = sorted[i] as number;
    let end = sorted[i + 1] as number;
    while (start < end && SPACE.test(text[start] as string)) start++;
    while (end > start && SPACE.test(text[end - 1] as string)) end--;
    if (end - start === 0 || !READABLE.test(text.slice(start, end))) continue;
    starts.push(start);
    ends.push(end);
    cutOf.push(sorted[i] as number);
  }
  const spans: ClauseSpan[] = [];
  for (let k = 0; k < starts.length; k++) {
    const cut = cutOf[k] as number;
    const next = cutOf[k + 1];
    spans.push({
      start: starts[k] as number,
      end: ends[k] as number,
      afterContrast: contrastStarts?.has(cut) === true,
      beforeContrast: next !== undefined && contrastStarts?.has(next) === true,
      concessive: concessiveStarts?.has(cut) === true,
    });
  }
  return spans;
}

/** The numbers in ascending order, each once: already so for most texts (sentence ends, then no marker), so sorted only when needed. */
function ascendingDistinct(values: number[]): number[] {
  let ascending = true;
  for (let i = 1; i < values.length && ascending; i++) ascending = (values[i - 1] as number) <= (values[i] as number);
  if (!ascending) values.sort((a, b) => a - b);
  const out: number[] = [];
  for (const value of values) if (out.length === 0 || out[out.length - 1] !== value) out.push(value);
  return out;
}

const SPACE = /\s/;
/** A clause holds something to read: a letter, a digit, an emoji or an emoticon's eyes (one shared expression, no `g`). */
const READABLE = /[\p{L}\p{N}\p{Extended_Pictographic}:;=]/u;

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
