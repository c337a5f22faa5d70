import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { PHRASE_SAMPLE_BUCKETS } from '../core/text-phrases.js';
import { widenPageEnums } from './analytics-replica-enums.js';
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
 * into JavaScript and appending them costs about five times as long on PGlite. DuckDB loads
 * a page while the next one is read and tokenised (PGlite and the tokeniser run on this
 * thread, DuckDB on its own).
 */
export async function copyVerbatims(
  source: Kysely<Database>,
  replica: DuckDBConnection,
  selection: ReplicaSelection,
  options: { readonly pageSize: number; readonly firstRowId: number },
): Promise<ReplicaCopy> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'verbatim-replica-'));
  // Two sets of files: DuckDB loads one page (on its own threads) while the next is read from the source into the other.
  const slots = [0, 1].map((slot) => ({
    verbatimsFile: path.join(scratch, `verbatims-${slot}.jsonl`),
    themesFile: path.join(scratch, `themes-${slot}.jsonl`),
    phrasesFile: path.join(scratch, `phrases-${slot}.jsonl`),
  }));
  let verbatims = 0;
  let themeRows = 0;
  let appending: Promise<number> | undefined;
  try {
    let index = 0;
    for await (const page of sourcePages(source, selection, options.pageSize)) {
      const files = slots[index % 2] as (typeof slots)[number];
      index += 1;
      await Promise.all([writeFile(files.verbatimsFile, page.verbatims), writeFile(files.themesFile, page.themes), writeFile(files.phrasesFile, page.phrases)]);
      // One statement at a time on the connection, in page order: the row ids follow the pages.
      if (appending !== undefined) themeRows += await appending;
      appending = appendPage(replica, files, options.firstRowId - 1 + verbatims);
      // Awaited after the next read; marked handled now, so a failure meanwhile is not an unhandled rejection.
      appending.catch(() => undefined);
      verbatims += page.n;
    }
    if (appending !== undefined) themeRows += await appending;
    appending = undefined;
  } finally {
    // A failed read leaves the last append running: let it end before its files go.
    await appending?.catch(() => undefined);
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

/**
 * The fields of a page's lines, in order: the name the page's SQL below uses, the replica's type,
 * and the source's expression. The source writes each line as `row_to_json(row(…))` — keys `f1`,
 * `f2` … by position — which PGlite builds in about half the time of `json_build_object` with
 * named keys, the values written alike (db/README.md, "The replica is synced at write time").
 */
type LineField = readonly [name: string, type: string, expression: RawBuilder<unknown>];

const VERBATIM_FIELDS: readonly LineField[] = [
  ['i', 'VARCHAR', sql`p.id`],
  ['c', 'BIGINT', sql`(extract(epoch from p.created_at) * 1000000)::bigint`],
  ['s', 'VARCHAR', sql`p.source`],
  ['r', 'VARCHAR', sql`p.respondent`],
  ['n', 'TINYINT', sql`p.nps`],
  ['ra', 'FLOAT', sql`p.rating`],
  ['k', 'VARCHAR', sql`p.nps_category`],
  ['j', 'VARCHAR', sql`p.journey`],
  ['se', 'VARCHAR', sql`p.sentiment`],
  ['ss', 'DOUBLE', sql`p.sentiment_score`],
  ['l', 'VARCHAR', sql`p.lang`],
  ['g', 'MAP(VARCHAR, VARCHAR)', sql`p.segments`],
  ['e', 'BOOLEAN', sql`p.enriched_at is not null`],
  ['tl', 'INTEGER', sql`length(p.text)`],
  ['h', 'INTEGER', sql`hashtext(p.id) & ${PHRASE_SAMPLE_BUCKETS - 1}`],
];

const THEME_FIELDS: readonly LineField[] = [
  ['i', 'VARCHAR', sql`t.verbatim_id`],
  ['t', 'VARCHAR', sql`t.theme`],
  ['s', 'VARCHAR', sql`t.sentiment`],
  ['sc', 'DOUBLE', sql`t.score`],
  ['c', 'DOUBLE', sql`t.confidence`],
  ['r', 'BOOLEAN', sql`t.rolled_up`],
];

/** The source's JSON line of `fields`. */
const sourceLine = (fields: readonly LineField[]): RawBuilder<unknown> => sql`row_to_json(row(${sql.join(fields.map(([, , expression]) => expression))}))::text`;

/** DuckDB's `read_json` of a file of such lines, its columns named as the fields. */
function readLines(fields: readonly LineField[]): string {
  const columns = fields.map(([, type], index) => `f${index + 1}: '${type}'`).join(', ');
  const names = fields.map(([name], index) => `f${index + 1} as ${name}`).join(', ');
  return `(select ${names} from read_json($file, format = 'newline_delimited', columns = {${columns}}))`;
}

/** The names of a page's line fields in their order (`f1`, `f2` … in the lines): what the import's replica feed writes (db/replica-feed-lines.ts). */
export const VERBATIM_LINE_FIELDS: readonly string[] = VERBATIM_FIELDS.map(([name]) => name);
export const THEME_LINE_FIELDS: readonly string[] = THEME_FIELDS.map(([name]) => name);

/** A page's three scratch files of JSON lines: verbatims, their theme rows, their phrases (`phraseLines`). */
export interface PageFiles {
  readonly verbatimsFile: string;
  readonly themesFile: string;
  readonly phrasesFile: string;
}

/** Loads one page's files: row ids `offset + 1` on; returns the theme rows added. Also how the import's replica feed loads its pages. */
export async function appendPage(
  replica: DuckDBConnection,
  files: PageFiles,
  offset: number,
): Promise<number> {
  const { verbatimsFile, themesFile, phrasesFile } = files;
  await replica.run(`create or replace temp table page as
    select (${offset} + row_number() over ())::integer as row_id, *
    from ${readLines(VERBATIM_FIELDS)}`, { file: verbatimsFile });
  await replica.run(`create or replace temp table page_themes as
    select p.row_id, t.* from ${readLines(THEME_FIELDS)} t join page p on p.i = t.i`, { file: themesFile });
  await widenPageEnums(replica, [{ table: 'verbatims', pageTable: 'page' }, { table: 'verbatim_themes', pageTable: 'page_themes' }]);
  await replica.run(`insert into verbatims
    select row_id, make_timestamp(c), s, r, n, ra, k, j, se, ss, l, coalesce(g, map()), e, tl, tl > 0, h from page`);
  await replica.run('insert into verbatim_ids select row_id, i from page');
  const themes = await replica.runAndReadAll('insert into verbatim_themes select row_id, t, s, sc, round(sc * 1000000)::bigint, c, r from page_themes');
  await replica.run('drop table page_themes');
  await appendPhrases(replica, phrasesFile);
  return Number(themes.getRows()[0]?.[0] ?? 0);
}

/** A page of the verbatims `where` keeps, by id, as JSON lines, its comments' phrases (`phraseLines`), and its last id. */
async function readVerbatimPage(source: Kysely<Database>, where: RawBuilder<unknown>, limit: number): Promise<{ lines: string | null; phrases: string; last: string | null; n: number }> {
  const { rows } = await sql<{ lines: string | null; texts: string | null; last: string | null; n: string | number }>`
    with p as (select * from verbatims v where ${where} order by v.id limit ${limit})
    select string_agg(${sourceLine(VERBATIM_FIELDS)}, E'\\n') as lines,
      (json_agg(json_build_array(p.id, p.text)) filter (where p.text <> ''))::text as texts,
      max(p.id) as last, count(*) as n
    from p`.execute(source);
  const row = rows[0];
  return { lines: row?.lines ?? null, phrases: phraseLines(row?.texts ?? null), last: row?.last ?? null, n: Number(row?.n ?? 0) };
}

/** The theme rows `where` keeps (those of the page just read) as JSON lines. */
async function readThemePage(source: Kysely<Database>, where: RawBuilder<unknown>): Promise<string | null> {
  const { rows } = await sql<{ lines: string | null }>`
    select string_agg(${sourceLine(THEME_FIELDS)}, E'\\n') as lines
    from verbatim_themes t
    where ${where}`.execute(source);
  return rows[0]?.lines ?? null;
}
