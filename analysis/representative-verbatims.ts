import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { whereFilters, type ReportFilters } from './report-filters.js';
import { themeTags } from './theme-tags.js';
import { phrasesOf } from '../core/text-phrases.js';

/** A verbatim quoted as proof, with where the theme was read in it. */
export interface RepresentativeVerbatim {
  readonly id: string;
  readonly external_id: string | null;
  readonly source: string;
  readonly created_at: string | null;
  readonly text: string;
  readonly nps: number | null;
  readonly journey: string | null;
  /** The theme's sentiment in this verbatim, −1..1, and its label. */
  readonly score: number;
  readonly sentiment: string;
  /** The clause the theme was read from, and its [start, end) in `text` (null if it cannot be found verbatim). */
  readonly evidence: string;
  readonly evidence_span: readonly [number, number] | null;
}

interface Candidate extends RepresentativeVerbatim {
  readonly confidence: number;
  readonly phrases: ReadonlySet<string>;
}

/** How many verbatims of the theme are read to choose from (a stable hash sample). */
const CANDIDATES = 300;

/**
 * Where the candidates are chosen: the first `limit` source ids of the theme's verbatims
 * in scope by md5 of the id — the source (`queryThemeSample`, default) or the replica
 * (`ReportCounts.themeSample`), which gives the same ids in the same order.
 */
export type ThemeSamplePicker = (filters: ReportFilters, theme: string, limit: number) => Promise<readonly string[]>;

/**
 * Chooses `count` verbatims of a theme that are typical and unlike each other:
 * maximal marginal relevance, where relevance = tagging confidence + the share of the
 * theme's distinctive phrases the verbatim contains, and similarity = Jaccard of
 * phrases, plus a little for the same journey step and the same sentiment label. A
 * near-duplicate of a chosen verbatim (phrase Jaccard ≥ 0.6) is never chosen.
 */
export async function representativeVerbatims(
  db: Kysely<Database>,
  filters: ReportFilters,
  theme: string,
  distinctive: readonly string[],
  count = 5,
  pick: ThemeSamplePicker = (scope, sampled, limit) => queryThemeSample(db, scope, sampled, limit),
): Promise<RepresentativeVerbatim[]> {
  const rows = await readCandidates(db, theme, await pick(filters, theme, CANDIDATES));
  const candidates: Candidate[] = rows.map((row) => {
    const start = row.evidence === '' ? -1 : row.text.indexOf(row.evidence);
    return {
      id: row.id,
      external_id: row.external_id,
      source: row.source,
      created_at: row.created_at === null ? null : new Date(row.created_at).toISOString(),
      text: row.text,
      nps: row.nps,
      journey: row.journey,
      score: Number(row.score),
      sentiment: row.sentiment,
      evidence: row.evidence,
      evidence_span: start === -1 ? null : [start, start + row.evidence.length],
      confidence: Number(row.confidence),
      phrases: phrasesOf(row.text),
    };
  });
  return selectDiverse(candidates, distinctive, count).map(({ confidence: _c, phrases: _p, ...verbatim }) => verbatim);
}

/**
 * The source's theme sample: the first `limit` ids of the verbatims in scope tagged with
 * `theme` (rolled-up parents included, `themeTags`), by md5 of the id — a stable sample.
 */
export async function queryThemeSample(db: Kysely<Database>, filters: ReportFilters, theme: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('verbatims as v')
    .innerJoin(themeTags('t'), 't.verbatim_id', 'v.id')
    .where(whereFilters(filters))
    .where('t.theme', '=', theme)
    .select('v.id')
    .orderBy(sql`md5(v.id)`)
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** The sampled verbatims with their `theme` row, in sample order: primary-key lookups, never a scan of the table. */
async function readCandidates(db: Kysely<Database>, theme: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('verbatims as v')
    .innerJoin(themeTags('t'), (join) => join.onRef('t.verbatim_id', '=', 'v.id').on('t.theme', '=', theme))
    .where(sql<boolean>`v.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::text::jsonb))`)
    .select(['v.id', 'v.external_id', 'v.source', 'v.created_at', 'v.text', 'v.nps', 'v.journey', 't.score', 't.sentiment', 't.evidence', 't.confidence'])
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function selectDiverse(candidates: readonly Candidate[], distinctive: readonly string[], count: number): Candidate[] {
  const relevance = new Map(
    candidates.map((candidate) => {
      const hits = distinctive.filter((phrase) => candidate.phrases.has(phrase)).length;
      return [candidate, candidate.confidence + (distinctive.length === 0 ? 0 : hits / distinctive.length)];
    }),
  );
  const chosen: Candidate[] = [];
  const seenTexts = new Set<string>();
  const pool = [...candidates].sort((a, b) => a.id.localeCompare(b.id));
  while (chosen.length < count) {
    let best: { candidate: Candidate; score: number } | undefined;
    for (const candidate of pool) {
      if (chosen.includes(candidate) || seenTexts.has(candidate.text.trim().toLowerCase())) continue;
      // a near-duplicate never makes the list, however typical: the reader learns nothing from it
      if (chosen.some((other) => phraseJaccard(candidate, other) >= NEAR_DUPLICATE)) continue;
      const redundancy = Math.max(0, ...chosen.map((other) => similarity(candidate, other)));
      const score = 0.6 * (relevance.get(candidate) ?? 0) - 0.4 * redundancy;
      if (best === undefined || score > best.score) best = { candidate, score };
    }
    if (best === undefined) break;
    chosen.push(best.candidate);
    seenTexts.add(best.candidate.text.trim().toLowerCase());
  }
  return chosen;
}

/** Phrase overlap from which two verbatims count as the same quote ("Card arrived quickly" / "…, thanks" is 5/7). */
const NEAR_DUPLICATE = 0.6;

function phraseJaccard(a: Candidate, b: Candidate): number {
  let shared = 0;
  for (const phrase of a.phrases) if (b.phrases.has(phrase)) shared += 1;
  const union = a.phrases.size + b.phrases.size - shared;
  return union === 0 ? 1 : shared / union;
}

function similarity(a: Candidate, b: Candidate): number {
  const jaccard = phraseJaccard(a, b);
  return jaccard + (a.journey !== null && a.journey === b.journey ? 0.2 : 0) + (a.sentiment === b.sentiment ? 0.2 : 0);
}
