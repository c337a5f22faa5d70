import { PHRASE_SAMPLE_BUCKETS } from '../core/text-phrases.js';
import type { Enrichment, ThemeMention, Verbatim } from '../core/verbatim.js';
import type { EnrichedImportBatch } from './enriched-insert.js';
import { withoutNul } from './jsonb.js';
import { postgresHashtext } from './postgres-hashtext.js';
import { THEME_SEPARATOR } from './theme-hierarchy.js';

/**
 * A page of the replica's JSON lines (db/analytics-replica-pages.ts `appendPage` reads them), and the
 * commented verbatims' ids and stored texts, whose phrase lines the feed's tokeniser thread writes.
 */
export interface FeedLines {
  readonly verbatims: string[];
  readonly themes: string[];
  readonly commentIds: string[];
  readonly commentTexts: string[];
}


/**
 * Appends to `out` the replica lines of the verbatims of `batch` that the store inserted, as a
 * rebuild would read them back from the source (db/analytics-replica-pages.ts, `VERBATIM_FIELDS`
 * and `THEME_FIELDS`, keys `f1` … in that order): the row the INSERT kept for each id (the first
 * enriched copy, else the first failed one: db/enriched-insert.ts), its theme rows (the strongest
 * mention per theme) with the parents rolled up as db/theme-rollup.ts writes them, its stored text
 * for its phrases (`phrasesOf`, tokenised on the feed's thread), `length(text)` in code points and `hashtext(id) & (2^20 - 1)`, the strings
 * without NUL as the database stores them. Returns false, having appended nothing, when a value
 * could come out of the database other than computed here (a date not in `toISOString` form, an
 * id holding a NUL; lines of the batch may have been appended): the feed then gives way to a sync
 * from the database.
 */
export function appendFeedLines(out: FeedLines, batch: EnrichedImportBatch, inserted: ReadonlySet<string>): boolean {
  const rows: Row[] = [];
  const seen = new Set<string>();
  // Enriched copies first, then the failed ones: the INSERT keeps the first copy of an id in that order.
  for (const item of batch.enriched) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    rows.push({ verbatim: item, themes: item.enrichment.themes, enrichment: item.enrichment });
  }
  for (const { verbatim } of batch.failed) {
    if (seen.has(verbatim.id)) continue;
    seen.add(verbatim.id);
    rows.push({ verbatim, themes: null, enrichment: null });
  }
  const kept = rows.filter((row) => inserted.has(row.verbatim.id));
  // Appended straight to `out`: on false the feed is spoiled and drops its buffer anyway.
  const lines = out;
  for (const row of kept) {
    if (row.verbatim.id.includes('\u0000')) return false;
    const verbatimLine = lineOf(row);
    if (verbatimLine === undefined) return false;
    lines.verbatims.push(verbatimLine);
    if (row.themes !== null) appendThemeLines(lines.themes, row.verbatim.id, row.themes);
    const text = withoutNul(row.verbatim.text);
    if (text !== '') {
      lines.commentIds.push(row.verbatim.id);
      lines.commentTexts.push(text);
    }
  }
  return true;
}

interface Row {
  readonly verbatim: Verbatim;
  readonly themes: readonly ThemeMention[] | null;
  readonly enrichment: Enrichment | null;
}

/**
 * Each line is one `JSON.stringify` of an object literal: a flat string. Built by concatenation, a
 * line was a tree of some thirty string pieces kept alive until the page is written, and the garbage
 * collector's work on them cost several times the line building itself.
 */
function lineOf({ verbatim: v, enrichment: e }: Row): string | undefined {
  const micros = v.createdAt === null ? null : epochMicros(v.createdAt);
  if (micros === undefined) return undefined;
  const stored = withoutNul(v.text);
  const segments = segmentsInJsonbOrder(v.segments);
  const asText = segments instanceof SegmentsText ? segments.json : undefined;
  const line = JSON.stringify({
    f1: withoutNul(v.id),
    f2: micros,
    f3: withoutNul(v.source),
    f4: withoutNul(v.respondent),
    f5: v.nps,
    f6: v.rating,
    f7: nullOr(e?.npsCategory),
    f8: nullOr(e?.journey),
    f9: nullOr(e?.sentiment),
    f10: e === null ? null : e.sentimentScore,
    f11: nullOr(e?.lang),
    f12: asText === undefined ? segments : SEGMENTS_MARK,
    f13: e !== null,
    f14: codePoints(stored),
    f15: postgresHashtext(v.id) & (PHRASE_SAMPLE_BUCKETS - 1),
  });
  return asText === undefined ? line : line.replace(SEGMENTS_MARKED, `"f12":${asText}`);
}

/** A string field of the enrichment (none for a failed verbatim) as stored: null, or without NUL. */
const nullOr = (value: string | null | undefined): string | null => (value === null || value === undefined ? null : withoutNul(value));

/** The keys of a line, in order: what `VERBATIM_LINE_FIELDS` must name (a test holds them together). */
export const FEED_VERBATIM_KEYS = ['i', 'c', 's', 'r', 'n', 'ra', 'k', 'j', 'se', 'ss', 'l', 'g', 'e', 'tl', 'h'] as const;
export const FEED_THEME_KEYS = ['i', 't', 's', 'sc', 'c', 'r'] as const;

const ISO_INSTANT = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?Z$/;

/**
 * Microseconds since the epoch of an ISO instant in UTC (`toISOString`'s form, up to six
 * decimals: what `timestamptz` keeps); undefined for another form, whose reading could depend
 * on the database session's time zone.
 */
export function epochMicros(iso: string): number | undefined {
  const match = ISO_INSTANT.exec(iso);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction = ''] = match;
  const millis = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const date = new Date(millis);
  // Out-of-range parts (a 31st of February) the database refuses or reads otherwise: not computed here.
  if (Number(year) < 100 || Number.isNaN(millis) || date.getUTCDate() !== Number(day) || date.getUTCHours() !== Number(hour) || Number(second) > 59) return undefined;
  return millis * 1000 + Number(fraction.padEnd(6, '0'));
}

/** `length(text)`: code points, a surrogate pair counting one. */
function codePoints(value: string): number {
  let pairs = 0;
  for (let i = 0; i < value.length; i += 1) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) pairs += 1;
  }
  return value.length - pairs;
}

/**
 * The segments as `jsonb` writes them back: keys without NUL, ordered by byte length then bytes
 * (DuckDB keeps a map's order). An object keeps its keys in insertion order but for keys that are
 * array indexes (`"10"`), which it puts first: such segments come back as JSON text instead.
 */
function segmentsInJsonbOrder(segments: Readonly<Record<string, string>>): Readonly<Record<string, string>> | SegmentsText {
  if (alreadyInJsonbOrder(segments)) return segments;
  const entries = Object.entries(segments);
  const sorted = entries.map(([key, value]) => [withoutNul(key), withoutNul(value)] as const).sort(([a], [b]) => jsonbKeyOrder(a, b));
  if (sorted.some(([key]) => ARRAY_INDEX.test(key))) return new SegmentsText(`{${sorted.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`);
  return Object.fromEntries(sorted);
}

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

/** True for segments that `JSON.stringify` writes as `jsonb` would (the usual case: a few ASCII keys, written in order): no copy, no sort. */
function alreadyInJsonbOrder(segments: Readonly<Record<string, string>>): boolean {
  let previous: string | undefined;
  for (const key in segments) {
    if (!ASCII_KEY.test(key) || ARRAY_INDEX.test(key) || (segments[key] as string).includes('\u0000')) return false;
    if (previous !== undefined && (previous.length > key.length || (previous.length === key.length && previous > key))) return false;
    previous = key;
  }
  return true;
}

/** ASCII without NUL: its UTF-16 order and length are its bytes'. */
const ASCII_KEY = /^[\u0001-\u007f]*$/;

class SegmentsText {
  constructor(readonly json: string) {}
}

/** Stands for segments written as JSON text, replaced after `JSON.stringify` (only as the `f12` value: no string can hold it unescaped). */
const SEGMENTS_MARK = '\u0001segments';
const SEGMENTS_MARKED = `"f12":${JSON.stringify(SEGMENTS_MARK)}`;

function jsonbKeyOrder(a: string, b: string): number {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length !== right.length ? left.length - right.length : Buffer.compare(left, right);
}

/** The theme rows the store writes for one verbatim: the strongest mention per theme, then the rolled-up parents. */
function appendThemeLines(out: string[], id: string, mentions: readonly ThemeMention[]): void {
  const direct = strongestPerTheme(mentions);
  const stored = withoutNul(id);
  for (const t of direct) out.push(themeLine(stored, t.theme, t.sentiment, t.score, t.confidence, false));
  const own = new Set(direct.map((t) => withoutNul(t.theme)));
  const parents = new Map<string, { negative: boolean; positive: boolean; sum: number; n: number; confidence: number }>();
  for (const t of direct) {
    const theme = withoutNul(t.theme);
    if (!theme.includes(THEME_SEPARATOR)) continue;
    const parts = theme.split(THEME_SEPARATOR);
    for (let k = 1; k < parts.length; k += 1) {
      const parent = parts.slice(0, k).join(THEME_SEPARATOR);
      if (own.has(parent)) continue;
      const up = parents.get(parent) ?? { negative: false, positive: false, sum: 0, n: 0, confidence: -Infinity };
      up.negative ||= t.sentiment === 'negative';
      up.positive ||= t.sentiment === 'positive';
      up.sum += t.score;
      up.n += 1;
      up.confidence = Math.max(up.confidence, t.confidence);
      parents.set(parent, up);
    }
  }
  for (const [parent, up] of parents) {
    const sentiment = up.negative && up.positive ? 'mixed' : up.negative ? 'negative' : up.positive ? 'positive' : 'neutral';
    out.push(themeLine(stored, parent, sentiment, up.sum / up.n, up.confidence, true));
  }
}

function themeLine(id: string, theme: string, sentiment: string, score: number, confidence: number, rolledUp: boolean): string {
  return JSON.stringify({ f1: id, f2: withoutNul(theme), f3: withoutNul(sentiment), f4: score, f5: confidence, f6: rolledUp });
}

/** One mention per theme, the most confident (the first on a tie), in first-seen order: db/theme-row-writes.ts. */
function strongestPerTheme(mentions: readonly ThemeMention[]): ThemeMention[] {
  const best = new Map<string, ThemeMention>();
  for (const mention of mentions) {
    const seen = best.get(mention.theme);
    if (seen === undefined || mention.confidence > seen.confidence) best.set(mention.theme, mention);
  }
  return [...best.values()];
}
