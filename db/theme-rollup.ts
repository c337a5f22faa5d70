import { sql, type QueryExecutorProvider, type RawBuilder } from 'kysely';
import { THEME_SEPARATOR, themeAncestors } from './theme-hierarchy.js';

/**
 * Writes the rolled-up parent rows of stored sub-theme tags, so no report derives
 * parents again at read time: for `fees.card.atm` on a verbatim, a `fees.card` and a
 * `fees` row (`rolled_up = true`) unless that verbatim carries the parent itself (a
 * parent stored directly keeps its own tag). A parent counts once per verbatim whether
 * it came from one sub-theme or several: mean score of its sub-theme tags, `mixed`
 * when they disagree, highest confidence and the evidence of the most confident one
 * (ties: the first sub-theme id). One set-based statement for the verbatims in
 * `verbatimIds` (a `jsonb` array of ids), or for every verbatim (the migration).
 *
 * @example await insertRolledUpThemes(trx, sql`${JSON.stringify(ids)}::text::jsonb`)
 */
export async function insertRolledUpThemes(db: QueryExecutorProvider, verbatimIds: RawBuilder<unknown> | 'all'): Promise<number> {
  const ofBatch = verbatimIds === 'all' ? sql`` : sql`and dt.verbatim_id in (select jsonb_array_elements_text(${verbatimIds}))`;
  const result = await sql`
    insert into verbatim_themes (verbatim_id, theme, sentiment, score, confidence, evidence, rolled_up)
    select up.verbatim_id, up.theme,
      case when bool_or(up.sentiment = 'negative') and bool_or(up.sentiment = 'positive') then 'mixed'
           when bool_or(up.sentiment = 'negative') then 'negative'
           when bool_or(up.sentiment = 'positive') then 'positive'
           else 'neutral' end,
      avg(up.score), max(up.confidence), (array_agg(up.evidence order by up.confidence desc, up.child))[1], true
    from (
      select dt.verbatim_id, dt.theme as child, anc.theme, dt.sentiment, dt.score, dt.confidence, dt.evidence
      from verbatim_themes dt
      cross join lateral ${themeAncestors(sql.ref('dt.theme'))} anc
      where not dt.rolled_up and strpos(dt.theme, ${sql.lit(THEME_SEPARATOR)}) > 0 ${ofBatch}
    ) up
    where not exists (select 1 from verbatim_themes own where own.verbatim_id = up.verbatim_id and own.theme = up.theme)
    group by up.verbatim_id, up.theme`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
