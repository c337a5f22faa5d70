import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Scope } from '../../db/tokens.table.js';
import { MAX_SEGMENT_OPTIONS, replicaFilterOptions, type FilterOptions } from '../../analysis/replica-filter-options.js';
import { chosenEngine, type ReportEngineOptions } from '../viewer-report.js';
import { whereRows } from './where-verbatims.js';

export type { FilterOptions } from '../../analysis/replica-filter-options.js';

/**
 * Distinct sources, languages, journey steps, segment values and themes within the scope:
 * counted where the reports are (`engine`: the DuckDB replica for large data), else on the source.
 */
export async function queryFilterOptions(db: Kysely<Database>, scope: Scope, engine: ReportEngineOptions = {}): Promise<FilterOptions> {
  const { replicaPath } = await chosenEngine(db, engine);
  if (replicaPath !== undefined) return replicaFilterOptions(db, replicaPath, scope);
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
