import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Scope } from '../../db/tokens.table.js';
import { whereRows } from './where-verbatims.js';

/** The values the filter form offers, taken from the rows the token may see. */
export interface FilterOptions {
  readonly sources: readonly string[];
  readonly languages: readonly string[];
  readonly journeys: readonly string[];
  /** `key:value` pairs of segment fields (at most a few hundred). */
  readonly segments: readonly { readonly key: string; readonly value: string }[];
  readonly themes: readonly string[];
}

const MAX_SEGMENT_OPTIONS = 300;

/** Distinct sources, languages, journey steps, segment values and themes within the scope. */
export async function queryFilterOptions(db: Kysely<Database>, scope: Scope): Promise<FilterOptions> {
  const inScope = whereRows({ segments: scope });
  const distinct = async (column: 'source' | 'lang' | 'journey'): Promise<string[]> => {
    const rows = await db
      .selectFrom('verbatims as v')
      .where(inScope)
      .where(`v.${column}`, 'is not', null)
      .select(`v.${column} as value`)
      .distinct()
      .orderBy('value')
      .execute();
    return rows.map((row) => String(row.value));
  };
  const [sources, languages, journeys, segments, themes] = await Promise.all([
    distinct('source'),
    distinct('lang'),
    distinct('journey'),
    db
      .selectFrom('verbatims as v')
      .where(inScope)
      .innerJoin(sql<{ key: string; value: string }>`jsonb_each_text(v.segments)`.as('s'), (join) => join.onTrue())
      .select(['s.key', 's.value'])
      .distinct()
      .orderBy('s.key')
      .orderBy('s.value')
      .limit(MAX_SEGMENT_OPTIONS)
      .execute(),
    db
      .selectFrom('verbatim_themes as t')
      .innerJoin('verbatims as v', 'v.id', 't.verbatim_id')
      .where(inScope)
      .where('t.rolled_up', '=', false)
      .select('t.theme')
      .distinct()
      .orderBy('t.theme')
      .execute(),
  ]);
  return { sources, languages, journeys, segments, themes: themes.map((row) => row.theme) };
}
