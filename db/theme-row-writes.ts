import { sql, type QueryExecutorProvider } from 'kysely';
import type { ThemeMention } from '../core/verbatim.js';
import { jsonWithoutNul } from './jsonb.js';
import { THEME_SEPARATOR } from './theme-hierarchy.js';
import { insertRolledUpThemes } from './theme-rollup.js';

/** The theme mentions to store for one verbatim. */
export interface VerbatimThemeMentions {
  readonly id: string;
  readonly themes: readonly ThemeMention[];
}

/**
 * The theme rows of these verbatims replaced by the given mentions (the strongest per
 * theme), their parents rolled up: a `DELETE`, one multi-row `INSERT … ON CONFLICT`, the
 * roll-up. Run it in a transaction. A re-enrich stores through it, and so does a re-tag after
 * a taxonomy change, which leaves the other enrichment columns alone. The `ON CONFLICT` keeps
 * it right when another transaction stored rows for the same verbatims after this one's
 * `DELETE` looked.
 *
 * @returns how many theme rows the pipeline's mentions gave (parents aside).
 */
export async function replaceThemeRows(trx: QueryExecutorProvider, batch: readonly VerbatimThemeMentions[]): Promise<number> {
  const ids = batch.map((item) => item.id);
  if (ids.length === 0) return 0;
  await deleteThemeRows(trx, ids);
  return insertThemeRows(trx, batch, { onConflict: 'update' });
}

/**
 * The first theme rows of verbatims that were pending until this transaction's `UPDATE` took
 * them (`saveEnrichments` with `onlyPending`): a verbatim not enriched yet has no theme rows
 * (only an enrichment or a re-tag of an enriched verbatim writes them), so there is nothing to
 * delete and nothing to conflict with — one plain `INSERT`, the roll-up. `withRows`: those of
 * them that hold rows all the same (enriched once, then set pending again by hand), whose rows
 * are deleted first.
 *
 * @returns how many theme rows the pipeline's mentions gave (parents aside).
 */
export async function insertFirstThemeRows(trx: QueryExecutorProvider, batch: readonly VerbatimThemeMentions[], withRows: readonly string[]): Promise<number> {
  if (withRows.length > 0) await deleteThemeRows(trx, withRows);
  return insertThemeRows(trx, batch, { onConflict: 'none' });
}

async function deleteThemeRows(trx: QueryExecutorProvider, ids: readonly string[]): Promise<void> {
  await sql`delete from verbatim_themes where verbatim_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::text::jsonb))`.execute(trx);
}

/** One multi-row `INSERT` of the strongest mention per theme, then the parents of the sub-themes among them. */
async function insertThemeRows(trx: QueryExecutorProvider, batch: readonly VerbatimThemeMentions[], options: { onConflict: 'update' | 'none' }): Promise<number> {
  const themes = batch.flatMap(({ id, themes: mentions }) => strongestPerTheme(mentions).map((t) => ({ verbatim_id: id, ...t })));
  if (themes.length === 0) return 0;
  await sql`
    insert into verbatim_themes (verbatim_id, theme, sentiment, score, confidence, evidence)
    select x.verbatim_id, x.theme, x.sentiment, x.score, x.confidence, x.evidence
    from jsonb_to_recordset(${jsonWithoutNul(themes)}::text::jsonb) as x(
      verbatim_id text, theme text, sentiment text, score double precision, confidence double precision, evidence text)
    ${options.onConflict === 'update' ? ON_CONFLICT_UPDATE : sql``}`.execute(trx);
  if (themes.some((t) => t.theme.includes(THEME_SEPARATOR))) {
    await insertRolledUpThemes(trx, sql`${JSON.stringify(batch.map((item) => item.id))}::text::jsonb`);
  }
  return themes.length;
}

const ON_CONFLICT_UPDATE = sql`on conflict (verbatim_id, theme) do update set
  sentiment = excluded.sentiment, score = excluded.score, confidence = excluded.confidence, evidence = excluded.evidence`;

/** One mention per theme (a theme is a key of `verbatim_themes`): the most confident wins. */
function strongestPerTheme<T extends { theme: string; confidence: number }>(mentions: readonly T[]): T[] {
  const best = new Map<string, T>();
  for (const mention of mentions) {
    const seen = best.get(mention.theme);
    if (seen === undefined || mention.confidence > seen.confidence) best.set(mention.theme, mention);
  }
  return [...best.values()];
}
