import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { PHRASE_SAMPLE_BUCKETS } from '../core/text-phrases.js';
import { appendPhrases, phraseLines } from './analytics-replica-phrases.js';
import type { Database } from './schema.js';

/** Verbatims read from the source per round trip: bounded memory, few round trips. */
export const REPLICA_PAGE_SIZE = 20_000;

/** Which source verbatims a copy reads: all of them (by keyset on id), or these ids (sorted). */
export type ReplicaSelection = { readonly kind: 'all' } | { readonly kind: 'ids'; readonly ids: readonly string[] };

/** What a copy wrote. */
export interface ReplicaCopy {
  readonly verbatims: number;
  readonly themeRows: number;
}

/**
 * Copies the selected source verbatims and their theme rows into the replica's tables (which
 * must exist), in pages of `pageSize`, numbering rows on from `firstRowId`; every row's source
 * id goes to `verbatim_ids`, and each comment's phrases to `verbatim_phrases` (tokenised here,
 * from the texts read with the page, kept in memory). Run it on a snapshot handle.
 *
 * Each page crosses as one text value of JSON lines (the source builds it), written to a
 * scratch file that DuckDB reads with `read_json`: fetching the same rows field by field
 * into JavaScript and appending them costs about five times as long on PGlite.
 */
export async function copyVerbatims(
  source: Kysely<Database>,
  replica: DuckDBConnection,
  selection: ReplicaSelection,
  options: { readonly pageSize: number; readonly firstRowId: number },
): Promise<ReplicaCopy> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'verbatim-replica-'));
  const verbatimsFile = path.join(scratch, 'verbatims.jsonl');
  const themesFile = path.join(scratch, 'themes.jsonl');
  const phrasesFile = path.join(scratch, 'phrases.jsonl');
  let verbatims = 0;
  let themeRows = 0;
  try {
    for await (const page of sourcePages(source, selection, options.pageSize)) {
      await writeFile(verbatimsFile, page.verbatims);
      await writeFile(themesFile, page.themes);
      await writeFile(phrasesFile, page.phrases);
      themeRows += await appendPage(replica, { verbatimsFile, themesFile, phrasesFile }, options.firstRowId - 1 + verbatims);
      verbatims += page.n;
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return { verbatims, themeRows };
}

/** The selection's pages: verbatims and their theme rows as JSON lines. */
async function* sourcePages(source: Kysely<Database>, selection: ReplicaSelection, pageSize: number): AsyncIterable<{ verbatims: string; phrases: string; themes: string; n: number }> {
  if (selection.kind === 'ids') {
    for (let start = 0; start < selection.ids.length; start += pageSize) {
      const ids = sql`(select jsonb_array_elements_text(${JSON.stringify(selection.ids.slice(start, start + pageSize))}::text::jsonb))`;
      const page = await readVerbatimPage(source, sql`v.id in ${ids}`, pageSize);
      if (page.n > 0) yield { verbatims: page.lines ?? '', phrases: page.phrases, themes: (await readThemePage(source, sql`t.verbatim_id in ${ids}`)) ?? '', n: page.n };
    }
    return;
  }
  let after: string | null = null;
  for (;;) {
    const page = await readVerbatimPage(source, after === null ? sql`true` : sql`v.id > ${after}`, pageSize);
    if (page.n === 0 || page.last === null) return;
    const themes = await readThemePage(source, sql`${after === null ? sql`true` : sql`t.verbatim_id > ${after}`} and t.verbatim_id <= ${page.last}`);
    yield { verbatims: page.lines ?? '', phrases: page.phrases, themes: themes ?? '', n: page.n };
    if (page.n < pageSize) return;
    after = page.last;
  }
}

/** The columns of a verbatim line, with the replica's types. */
const VERBATIM_COLUMNS = `{i: 'VARCHAR', c: 'BIGINT', s: 'VARCHAR', r: 'VARCHAR', n: 'TINYINT', ra: 'FLOAT', k: 'VARCHAR', j: 'VARCHAR',
  se: 'VARCHAR', ss: 'DOUBLE', l: 'VARCHAR', g: 'MAP(VARCHAR, VARCHAR)', e: 'BOOLEAN', tl: 'INTEGER', h: 'INTEGER'}`;
const THEME_COLUMNS = `{i: 'VARCHAR', t: 'VARCHAR', s: 'VARCHAR', sc: 'DOUBLE', c: 'DOUBLE', r: 'BOOLEAN'}`;

/** Loads one page's files: row ids `offset + 1` on; returns the theme rows added. */
async function appendPage(
  replica: DuckDBConnection,
  files: { readonly verbatimsFile: string; readonly themesFile: string; readonly phrasesFile: string },
  offset: number,
): Promise<number> {
  const { verbatimsFile, themesFile, phrasesFile } = files;
  await replica.run(`create or replace temp table page as
    select (${offset} + row_number() over ())::integer as row_id, *
    from read_json($file, format = 'newline_delimited', columns = ${VERBATIM_COLUMNS})`, { file: verbatimsFile });
  await replica.run(`insert into verbatims
    select row_id, make_timestamp(c), s, r, n, ra, k, j, se, ss, l, coalesce(g, map()), e, tl, tl > 0, h from page`);
  await replica.run('insert into verbatim_ids select row_id, i from page');
  const themes = await replica.runAndReadAll(`insert into verbatim_themes
    select p.row_id, t.t, t.s, t.sc, t.c, t.r
    from read_json($file, format = 'newline_delimited', columns = ${THEME_COLUMNS}) t join page p on p.i = t.i`, { file: themesFile });
  await appendPhrases(replica, phrasesFile);
  return Number(themes.getRows()[0]?.[0] ?? 0);
}

/** A page of the verbatims `where` keeps, by id, as JSON lines, its comments' phrases (`phraseLines`), and its last id. */
async function readVerbatimPage(source: Kysely<Database>, where: RawBuilder<unknown>, limit: number): Promise<{ lines: string | null; phrases: string; last: string | null; n: number }> {
  const { rows } = await sql<{ lines: string | null; texts: string | null; last: string | null; n: string | number }>`
    with p as (select * from verbatims v where ${where} order by v.id limit ${limit})
    select string_agg(json_build_object(
        'i', p.id, 'c', (extract(epoch from p.created_at) * 1000000)::bigint, 's', p.source, 'r', p.respondent,
        'n', p.nps, 'ra', p.rating, 'k', p.nps_category, 'j', p.journey, 'se', p.sentiment, 'ss', p.sentiment_score,
        'l', p.lang, 'g', p.segments, 'e', p.enriched_at is not null, 'tl', length(p.text),
        'h', hashtext(p.id) & ${PHRASE_SAMPLE_BUCKETS - 1})::text, E'\\n') as lines,
      (json_agg(json_build_array(p.id, p.text)) filter (where p.text <> ''))::text as texts,
      max(p.id) as last, count(*) as n
    from p`.execute(source);
  const row = rows[0];
  return { lines: row?.lines ?? null, phrases: phraseLines(row?.texts ?? null), last: row?.last ?? null, n: Number(row?.n ?? 0) };
}

/** The theme rows `where` keeps (those of the page just read) as JSON lines. */
async function readThemePage(source: Kysely<Database>, where: RawBuilder<unknown>): Promise<string | null> {
  const { rows } = await sql<{ lines: string | null }>`
    select string_agg(json_build_object('i', t.verbatim_id, 't', t.theme, 's', t.sentiment, 'sc', t.score, 'c', t.confidence, 'r', t.rolled_up)::text, E'\\n') as lines
    from verbatim_themes t
    where ${where}`.execute(source);
  return rows[0]?.lines ?? null;
}
