import { sql, type Kysely } from 'kysely';
import { recordWholesaleChange } from '../db/change-log.js';
import type { Database } from '../db/schema.js';
import { DEFAULT_THEME_IDS, JOURNEY_STEPS } from '../core/vocabulary.js';

const TEXTS = [
  'Les frais sont trop élevés et personne ne les explique',
  'Conseiller très aimable, il a pris le temps de tout expliquer',
  'Impossible de joindre quelqu’un, 45 minutes d’attente au téléphone',
  'Le dossier a été traité en trois jours, rapide et efficace',
  'L’application plante à chaque connexion depuis la mise à jour',
  'Trop de papiers à fournir pour un simple prêt',
  'The fees are too high for what you get',
  'Great advisor, quick answers, very helpful',
  'Relances agressives pour un retard de deux jours',
  'Réclamation restée sans réponse depuis un mois',
  'Clôture du compte compliquée, on m’a fait attendre',
  'Offre claire, bon taux, je recommande',
] as const;
const BRANCHES = ['Lyon', 'Paris', 'Bordeaux', 'Lille', 'Nantes', 'Marseille', 'Toulouse', 'Rennes'] as const;
const CHANNELS = ['agence', 'app', 'téléphone', 'web'] as const;

const pgArray = (values: readonly string[]) => sql`array[${sql.join(values.map((value) => sql`${value}::text`))}]`;

/**
 * Fills a database with `size` synthetic, already enriched verbatims (5 % employees) and
 * their theme tags, generated inside the database by `generate_series` in chunks: the
 * bench measures the API on a large table, not the pipeline (bench/main.ts does that).
 * Themes follow the score (fees and waiting with detractors, advisors with promoters),
 * so drivers, journey and root causes have something to find.
 */
export async function generateWebCorpus(db: Kysely<Database>, size: number, chunk = 100_000): Promise<void> {
  const themes = pgArray(DEFAULT_THEME_IDS);
  for (let start = 1; start <= size; start += chunk) {
    const end = Math.min(size, start + chunk - 1);
    await sql`
      insert into verbatims (id, source, external_id, content_hash, text, created_at, nps, rating, respondent, author_key, segments,
        journey_hint, lang, lang_confidence, sentiment_supported, sentiment, sentiment_score, journey, nps_category, model_version, enriched_at)
      select 'b' || lpad(g::text, 9, '0'),
        (array['nps-survey', 'app_store', 'trustpilot'])[1 + g % 3],
        'R' || g,
        md5(g::text),
        (${pgArray(TEXTS)})[1 + (g * 7) % ${TEXTS.length}],
        timestamptz '2025-01-01' + ((g::bigint * 7919) % 31536000) * interval '1 second',
        s.nps, null,
        case when g % 20 = 0 then 'employee' else 'customer' end,
        'a_' || (g % 200000),
        jsonb_build_object('branch', (${pgArray(BRANCHES)})[1 + g % ${BRANCHES.length}], 'channel', (${pgArray(CHANNELS)})[1 + (g / 3) % ${CHANNELS.length}], 'country', 'FR'),
        null,
        case when g % 10 = 0 then 'en' else 'fr' end, 0.95, true,
        case when s.nps <= 6 then 'negative' when s.nps >= 9 then 'positive' else 'neutral' end,
        (s.nps - 6) / 6.0,
        (${pgArray(JOURNEY_STEPS)})[1 + (g * 3) % ${JOURNEY_STEPS.length}],
        case when s.nps <= 6 then 'detractor' when s.nps <= 8 then 'passive' else 'promoter' end,
        '{"bench":"web"}', now()
      from generate_series(${start}::int, ${end}::int) as g, lateral (select (g * 13 + g / 7) % 11 as nps) as s`.execute(db);
    // One or two themes a verbatim: the first tied to the score, the second spread evenly.
    await sql`
      insert into verbatim_themes (verbatim_id, theme, sentiment, score, confidence, evidence)
      select v.id, t.theme, v.sentiment, v.sentiment_score, 0.8, left(v.text, 30)
      from verbatims v, lateral (
        select (${themes})[1 + case when v.nps <= 6 then (substr(v.id, 2)::int % 3) * 2 else 1 + (substr(v.id, 2)::int % 4) end] as theme
        union
        select (${themes})[1 + (substr(v.id, 2)::int * 11) % ${DEFAULT_THEME_IDS.length}] where substr(v.id, 2)::int % 2 = 0
      ) as t
      where v.id between ${`b${String(start).padStart(9, '0')}`} and ${`b${String(end).padStart(9, '0')}`}
      on conflict do nothing`.execute(db);
  }
  await sql`analyze`.execute(db);
  // Bulk SQL, not the writers: the data version moves on and replicas are rebuilt.
  await recordWholesaleChange(db);
}
