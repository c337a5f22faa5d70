import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { ThemeMention } from '../core/verbatim.js';
import { SENTIMENT_LABELS } from '../core/vocabulary.js';
import type { SentimentLabel } from '../core/vocabulary.js';
import type { Database, VerbatimThemesTable } from './schema.js';

export type VerbatimThemeRow = Selectable<VerbatimThemesTable>;
export type NewVerbatimThemeRow = Insertable<VerbatimThemesTable>;
export type VerbatimThemeRowUpdate = Updateable<VerbatimThemesTable>;

/**
 * The theme mentions of some verbatims, in one query, grouped by verbatim id;
 * strongest first (then by theme id, so the order is stable).
 *
 * @example const byId = await themesOf(db, ['v_1', 'v_2']); byId.get('v_1') // [{ theme: 'fees_pricing', … }]
 */
export async function themesOf(db: Kysely<Database>, verbatimIds: readonly string[]): Promise<Map<string, ThemeMention[]>> {
  const byId = new Map<string, ThemeMention[]>();
  if (verbatimIds.length === 0) return byId;
  const rows = await db
    .selectFrom('verbatim_themes')
    .selectAll()
    .where('verbatim_id', 'in', verbatimIds)
    .where('rolled_up', '=', false)
    .orderBy('verbatim_id')
    .orderBy('confidence', 'desc')
    .orderBy('theme')
    .execute();
  for (const row of rows) {
    const list = byId.get(row.verbatim_id) ?? [];
    list.push(rowToThemeMention(row));
    byId.set(row.verbatim_id, list);
  }
  return byId;
}

/** A stored theme row (or its JSON form from an aggregate) as a `ThemeMention`. */
export function rowToThemeMention(row: Omit<VerbatimThemeRow, 'verbatim_id' | 'rolled_up'>): ThemeMention {
  return {
    theme: row.theme,
    sentiment: asSentiment(row.sentiment, 'verbatim_themes.sentiment'),
    score: Number(row.score),
    confidence: Number(row.confidence),
    evidence: row.evidence,
  };
}

/** Narrows a stored label; a value outside the closed set means the row was not written by us. */
export function asSentiment(value: string, column: string): SentimentLabel {
  if ((SENTIMENT_LABELS as readonly string[]).includes(value)) return value as SentimentLabel;
  throw new Error(`${column}: unexpected value \`${value}\` (expected one of ${SENTIMENT_LABELS.join(', ')})`);
}
