import type { DuckDBConnection } from '@duckdb/node-api';
import { phrasesOf } from '../core/text-phrases.js';

/**
 * The phrases of a page's comments, for the replica: `texts` is the page's JSON array of
 * `[source id, text]` pairs (commented verbatims only; null for none); the result has one
 * JSON line per verbatim with phrases, `{"i": id, "p": [phrase, …]}` — what `appendPhrases`
 * loads. Tokenised here, once per verbatim and sync, so reports never tokenise at read time;
 * the texts stay in memory and never reach a scratch file.
 */
export function phraseLines(texts: string | null): string {
  if (texts === null) return '';
  const out: string[] = [];
  for (const [i, x] of JSON.parse(texts) as [string, string][]) {
    const phrases = phrasesOf(x);
    if (phrases.size > 0) out.push(JSON.stringify({ i, p: [...phrases] }));
  }
  return out.join('\n');
}

/**
 * Loads a `phraseLines` file for the rows of the temp table `page` (`row_id`, `i`): phrases
 * not yet in the dictionary get the next ids, then one `verbatim_phrases` row a verbatim and phrase.
 */
export async function appendPhrases(replica: DuckDBConnection, file: string): Promise<void> {
  await replica.run(`create or replace temp table page_phrases as
    select p.row_id, unnest(f.p) as phrase
    from read_json($file, format = 'newline_delimited', columns = {i: 'VARCHAR', p: 'VARCHAR[]'}) f join page p on p.i = f.i`, { file });
  await replica.run(`insert into phrases
    select (select coalesce(max(phrase_id), 0) from phrases) + row_number() over (order by phrase), phrase
    from (select distinct phrase from page_phrases where phrase not in (select phrase from phrases))`);
  await replica.run(`insert into verbatim_phrases
    select pp.row_id, d.phrase_id from page_phrases pp join phrases d on d.phrase = pp.phrase`);
  await replica.run('drop table page_phrases');
}

/**
 * Deletes the phrase rows of the row ids in the temp table `changed`, and remembers which
 * dictionary entries they used (`prunePhrases` drops those no verbatim uses any more).
 */
export async function deletePhrases(replica: DuckDBConnection): Promise<void> {
  await replica.run(`create or replace temp table phrase_candidates as
    select distinct phrase_id from verbatim_phrases where row_id in (select row_id from changed)`);
  await replica.run('delete from verbatim_phrases where row_id in (select row_id from changed)');
}

/** Drops the dictionary entries `deletePhrases` freed that the copied rows did not use again: a forgotten comment's words go. */
export async function prunePhrases(replica: DuckDBConnection): Promise<void> {
  await replica.run(`delete from phrases
    where phrase_id in (select phrase_id from phrase_candidates)
      and phrase_id not in (select phrase_id from verbatim_phrases where phrase_id in (select phrase_id from phrase_candidates))`);
  await replica.run('drop table phrase_candidates');
}
