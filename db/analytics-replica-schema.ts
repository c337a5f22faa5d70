import { initialColumnType } from './analytics-replica-enums.js';

/**
 * The tables of the DuckDB analytics replica (db/README.md, "an embedded analytical
 * engine for the read path"): one narrow row a verbatim with the columns reports filter
 * and group on, keyed by an integer row id, and the theme rows (parents rolled up, as in
 * `verbatim_themes`) on that row id. No text: reports count, they do not read comments. The
 * phrases of each comment (`phrasesOf`, core/text-phrases.ts: what the source tokenises in SQL)
 * are stored instead, on a dictionary, with the hash bucket the source samples comments by.
 */

/** Bumped when the tables below change: a replica of another layout is rebuilt. */
export const REPLICA_LAYOUT = 3;

export const REPLICA_TABLES_SQL = `
  -- Categories are ENUMs (db/analytics-replica-enums.ts: widened as pages bring new values).
  create table verbatims (
    row_id integer not null,
    created_at timestamp,
    source ${initialColumnType('verbatims', 'source')} not null,
    respondent ${initialColumnType('verbatims', 'respondent')} not null,
    nps tinyint,
    rating float,
    nps_category ${initialColumnType('verbatims', 'nps_category')},
    journey ${initialColumnType('verbatims', 'journey')},
    sentiment ${initialColumnType('verbatims', 'sentiment')},
    sentiment_score double,
    lang ${initialColumnType('verbatims', 'lang')},
    segments map(varchar, varchar) not null,
    enriched boolean not null,
    text_length integer not null,
    commented boolean not null,
    -- hashtext(id) & (2^20 - 1), computed by the source: the phrase counts' sample (analysis/phrase-counts.ts)
    sample_bucket integer not null
  );
  create table phrases (
    phrase_id integer not null,
    phrase varchar not null
  );
  -- one row a commented verbatim and distinct phrase of its text
  create table verbatim_phrases (
    row_id integer not null,
    phrase_id integer not null
  );
  create table verbatim_themes (
    row_id integer not null,
    theme ${initialColumnType('verbatim_themes', 'theme')} not null,
    sentiment ${initialColumnType('verbatim_themes', 'sentiment')} not null,
    score double not null,
    -- round(score * 10^6): reports sum it exactly (integers add in any order) without a cast a row
    score_micros bigint not null,
    confidence double not null,
    rolled_up boolean not null
  );
  create table replica_state (
    layout integer not null,
    source_version varchar not null,
    built_at timestamp not null,
    verbatims bigint not null,
    theme_rows bigint not null
  );
`;
