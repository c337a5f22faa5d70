import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Every column of every verbatim but `imported_at`, and every theme row, in a stable order: two ways of storing compare on these. */
export async function storedVerbatimsAndThemes(db: Kysely<Database>): Promise<{ verbatims: unknown[]; themes: unknown[] }> {
  const { rows: verbatims } = await sql`
    select id, source, external_id, content_hash, text, created_at, nps, rating, respondent, author_key, segments::text, journey_hint,
           lang, lang_confidence, sentiment_supported, sentiment, sentiment_score, journey, nps_category, model_version, enriched_at,
           enrich_failures, enrich_error
    from verbatims order by id`.execute(db);
  const themes = await db.selectFrom('verbatim_themes').selectAll().orderBy('verbatim_id').orderBy('theme').execute();
  return { verbatims, themes };
}
