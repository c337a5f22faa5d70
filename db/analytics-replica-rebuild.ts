import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sql, type Kysely } from 'kysely';
import { REPLICA_LAYOUT, REPLICA_TABLES_SQL } from './analytics-replica-schema.js';
import type { Database } from './schema.js';

/** Verbatims read from the source per round trip: bounded memory, few round trips. */
export const REPLICA_PAGE_SIZE = 20_000;

/** What a rebuild wrote. */
export interface ReplicaRebuild {
  readonly verbatims: number;
  readonly themeRows: number;
}

/**
 * Creates the replica's tables on `replica` (an empty database) and fills them from
 * `source` in keyset pages of `pageSize` verbatims (by id) with their theme rows. Run it
 * on a snapshot handle so the rows and `sourceVersion` agree.
 *
 * Each page crosses as one text value of JSON lines (the source builds it), written to a
 * scratch file that DuckDB reads with `read_json`: fetching the same rows field by field
 * into JavaScript and appending them costs about five times as long on PGlite.
 */
export async function rebuildReplica(source: Kysely<Database>, replica: DuckDBConnection, sourceVersion: string, pageSize = REPLICA_PAGE_SIZE): Promise<ReplicaRebuild> {
  await replica.run(REPLICA_TABLES_SQL);
  const scratch = await mkdtemp(path.join(tmpdir(), 'verbatim-replica-'));
  const verbatimsFile = path.join(scratch, 'verbatims.jsonl');
  const themesFile = path.join(scratch, 'themes.jsonl');
  let verbatims = 0;
  let themeRows = 0;
  try {
    let after: string | null = null;
    for (;;) {
      const page = await readVerbatimPage(source, after, pageSize);
      if (page.n === 0 || page.last === null) break;
      await writeFile(verbatimsFile, page.lines ?? '');
      await writeFile(themesFile, (await readThemePage(source, after, page.last)) ?? '');
      themeRows += await appendPage(replica, verbatimsFile, themesFile, verbatims);
      verbatims += page.n;
      after = page.last;
      if (page.n < pageSize) break;
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  await replica.run('insert into replica_state values ($layout, $version, now()::timestamp, $verbatims, $themes)', {
    layout: REPLICA_LAYOUT,
    version: sourceVersion,
    verbatims,
    themes: themeRows,
  });
  await replica.run('checkpoint');
  return { verbatims, themeRows };
}

/** The columns of a verbatim line, with the replica's types. */
const VERBATIM_COLUMNS = `{i: 'VARCHAR', c: 'BIGINT', s: 'VARCHAR', r: 'VARCHAR', n: 'TINYINT', ra: 'FLOAT', k: 'VARCHAR', j: 'VARCHAR',
  se: 'VARCHAR', ss: 'DOUBLE', l: 'VARCHAR', g: 'MAP(VARCHAR, VARCHAR)', e: 'BOOLEAN', tl: 'INTEGER'}`;
const THEME_COLUMNS = `{i: 'VARCHAR', t: 'VARCHAR', s: 'VARCHAR', sc: 'DOUBLE', c: 'DOUBLE', r: 'BOOLEAN'}`;

/** Loads one page's files: row ids follow on from `offset`; returns the theme rows added. */
async function appendPage(replica: DuckDBConnection, verbatimsFile: string, themesFile: string, offset: number): Promise<number> {
  await replica.run(`create or replace temp table page as
    select (${offset} + row_number() over ())::integer as row_id, *
    from read_json($file, format = 'newline_delimited', columns = ${VERBATIM_COLUMNS})`, { file: verbatimsFile });
  await replica.run(`insert into verbatims
    select row_id, make_timestamp(c), s, r, n, ra, k, j, se, ss, l, coalesce(g, map()), e, tl, tl > 0 from page`);
  const themes = await replica.runAndReadAll(`insert into verbatim_themes
    select p.row_id, t.t, t.s, t.sc, t.c, t.r
    from read_json($file, format = 'newline_delimited', columns = ${THEME_COLUMNS}) t join page p on p.i = t.i`, { file: themesFile });
  return Number(themes.getRows()[0]?.[0] ?? 0);
}

/** A page of verbatims after `after` (by id) as JSON lines, with its last id. */
async function readVerbatimPage(source: Kysely<Database>, after: string | null, limit: number): Promise<{ lines: string | null; last: string | null; n: number }> {
  const { rows } = await sql<{ lines: string | null; last: string | null; n: string | number }>`
    with p as (
      select * from verbatims v where ${after === null ? sql`true` : sql`v.id > ${after}`} order by v.id limit ${limit})
    select string_agg(json_build_object(
        'i', p.id, 'c', (extract(epoch from p.created_at) * 1000000)::bigint, 's', p.source, 'r', p.respondent,
        'n', p.nps, 'ra', p.rating, 'k', p.nps_category, 'j', p.journey, 'se', p.sentiment, 'ss', p.sentiment_score,
        'l', p.lang, 'g', p.segments, 'e', p.enriched_at is not null, 'tl', length(p.text))::text, E'\\n') as lines,
      max(p.id) as last, count(*) as n
    from p`.execute(source);
  const row = rows[0];
  return { lines: row?.lines ?? null, last: row?.last ?? null, n: Number(row?.n ?? 0) };
}

/** The theme rows of the verbatims with ids in (after, last] — the page just read — as JSON lines. */
async function readThemePage(source: Kysely<Database>, after: string | null, last: string): Promise<string | null> {
  const { rows } = await sql<{ lines: string | null }>`
    select string_agg(json_build_object('i', t.verbatim_id, 't', t.theme, 's', t.sentiment, 'sc', t.score, 'c', t.confidence, 'r', t.rolled_up)::text, E'\\n') as lines
    from verbatim_themes t
    where ${after === null ? sql`true` : sql`t.verbatim_id > ${after}`} and t.verbatim_id <= ${last}`.execute(source);
  return rows[0]?.lines ?? null;
}
