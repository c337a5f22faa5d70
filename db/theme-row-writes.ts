import { sql, type QueryExecutorProvider } from 'kysely';
import type { ThemeMention } from '../core/verbatim.js';
import { copyRows } from './copy-rows.js';
import { jsonArrayRows } from './json-array-rows.js';
import type { CopyTarget } from './pglite-copy.js';
import { THEME_SEPARATOR } from './theme-hierarchy.js';
import { insertRolledUpThemes } from './theme-rollup.js';

/** The theme mentions to store for one verbatim. */
export interface VerbatimThemeMentions {
  readonly id: string;
  readonly themes: readonly ThemeMention[];
}

/**
 * The theme rows of these verbatims replaced by the given mentions (the strongest per
 * theme), their parents rolled up: a `DELETE`, one multi-row `INSERT … ON CONFLICT`, the
 * roll-up. Run it in a transaction. A re-enrich stores through it, and so does a re-tag after
 * a taxonomy change, which leaves the other enrichment columns alone. The `ON CONFLICT` keeps
 * it right when another transaction stored rows for the same verbatims after this one's
 * `DELETE` looked.
 *
 * @returns how many theme rows the pipeline's mentions gave (parents aside).
 */
export async function replaceThemeRows(trx: QueryExecutorProvider, batch: readonly VerbatimThemeMentions[]): Promise<number> {
  const ids = batch.map((item) => item.id);
  if (ids.length === 0) return 0;
  await deleteThemeRows(trx, ids);
  return insertThemeRows(trx, batch, { onConflict: 'update' });
}

/**
 * The first theme rows of verbatims that were pending until this transaction's `UPDATE` took
 * them (`saveEnrichments` with `onlyPending`): a verbatim not enriched yet has no theme rows
 * (only an enrichment or a re-tag of an enriched verbatim writes them), so there is nothing to
 * delete and nothing to conflict with — one plain `INSERT`, the roll-up. `withRows`: those of
 * them that hold rows all the same (enriched once, then set pending again by hand), whose rows
 * are deleted first.
 *
 * @returns how many theme rows the pipeline's mentions gave (parents aside).
 */
export async function insertFirstThemeRows(trx: QueryExecutorProvider, batch: readonly VerbatimThemeMentions[], withRows: readonly string[]): Promise<number> {
  if (withRows.length > 0) await deleteThemeRows(trx, withRows);
  return insertThemeRows(trx, batch, { onConflict: 'none' });
}

/**
 * {@link insertFirstThemeRows} of verbatims this transaction inserted (`insertedHere`: so none
 * holds theme rows), by one `COPY` on the embedded database (`target`, db/pglite-copy.ts) instead
 * of a JSON recordset, in the binary format (db/copy-rows.ts; text when a value does not fit it):
 * the same rows, the roll-up as there. The foreign key to `verbatims` is not
 * checked row by row during the `COPY` (`session_replication_role = replica` for that statement
 * alone; half of the theme rows' cost on PGlite, db/README.md "One pass"): every row's verbatim is
 * checked here to be one of `insertedHere` instead, and PGlite is one session, so none of them can
 * be deleted before this transaction commits.
 *
 * @returns how many theme rows the pipeline's mentions gave (parents aside).
 */
export async function copyFirstThemeRows(
  trx: QueryExecutorProvider,
  target: CopyTarget,
  batch: readonly VerbatimThemeMentions[],
  insertedHere: ReadonlySet<string>,
): Promise<number> {
  const outsider = batch.find((item) => !insertedHere.has(item.id));
  if (outsider !== undefined) throw new Error(`copyFirstThemeRows: verbatim ${outsider.id} was not inserted by this transaction`);
  const themes = themeRowsOf(batch);
  if (themes.length === 0) return 0;
  await copyThemeData(trx, target, copyRows(themes, THEME_COLUMN_TYPES));
  await rollUpSubThemes(trx, batch, themes);
  return themes.length;
}

/**
 * {@link copyFirstThemeRows} from theme rows already encoded (db/enriched-row-bytes.ts): `data`, the
 * binary `COPY` of the theme rows of verbatims this transaction inserted (the caller checked it:
 * nothing here can), then the roll-up of `ids` — the same verbatims, those without theme rows too —
 * when `subThemes` says a row is a sub-theme's.
 */
export async function copyEncodedFirstThemeRows(
  trx: QueryExecutorProvider,
  target: CopyTarget,
  data: Uint8Array,
  ids: readonly string[],
  subThemes: boolean,
): Promise<void> {
  await copyThemeData(trx, target, data);
  if (subThemes) await rollUpIds(trx, ids);
}

/** The `COPY` of theme rows, the foreign key to `verbatims` not checked row by row (see `copyFirstThemeRows`). */
async function copyThemeData(trx: QueryExecutorProvider, target: CopyTarget, data: string | Uint8Array): Promise<void> {
  await sql`set local session_replication_role = replica`.execute(trx);
  await target.copyIn('verbatim_themes', THEME_COLUMNS, data);
  await sql`set local session_replication_role = origin`.execute(trx);
}

async function deleteThemeRows(trx: QueryExecutorProvider, ids: readonly string[]): Promise<void> {
  await sql`delete from verbatim_themes where verbatim_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::text::jsonb))`.execute(trx);
}

/** One multi-row `INSERT` of the strongest mention per theme, then the parents of the sub-themes among them. */
async function insertThemeRows(trx: QueryExecutorProvider, batch: readonly VerbatimThemeMentions[], options: { onConflict: 'update' | 'none' }): Promise<number> {
  const themes = themeRowsOf(batch);
  if (themes.length === 0) return 0;
  const rows = jsonArrayRows(THEME_COLUMN_TYPES, themes);
  await sql`
    insert into verbatim_themes (verbatim_id, theme, sentiment, score, confidence, evidence)
    select ${rows.columns} from ${rows.from}
    ${options.onConflict === 'update' ? ON_CONFLICT_UPDATE : sql``}`.execute(trx);
  await rollUpSubThemes(trx, batch, themes);
  return themes.length;
}

/** The columns of a theme row the pipeline gave (`rolled_up` keeps its default, false), with their types. */
export const THEME_COLUMN_TYPES = [
  ['verbatim_id', 'text'], ['theme', 'text'], ['sentiment', 'text'], ['score', 'double precision'], ['confidence', 'double precision'], ['evidence', 'text'],
] as const;

const THEME_COLUMNS = THEME_COLUMN_TYPES.map(([column]) => column);

export type ThemeRow = { verbatim_id: string; theme: string; sentiment: string; score: number; confidence: number; evidence: string };

/** The rows to store: the strongest mention per theme of each verbatim. */
export function themeRowsOf(batch: readonly VerbatimThemeMentions[]): ThemeRow[] {
  return batch.flatMap(({ id, themes: mentions }) =>
    strongestPerTheme(mentions).map((t) => ({ verbatim_id: id, theme: t.theme, sentiment: t.sentiment, score: t.score, confidence: t.confidence, evidence: t.evidence })),
  );
}

/** Whether a theme row is a sub-theme's, whose parents the roll-up adds. */
export const isSubThemeRow = (row: ThemeRow): boolean => row.theme.includes(THEME_SEPARATOR);

/** The parents of the batch's sub-themes, when its rows hold any (db/theme-rollup.ts). */
async function rollUpSubThemes(trx: QueryExecutorProvider, batch: readonly VerbatimThemeMentions[], themes: readonly ThemeRow[]): Promise<void> {
  if (themes.some(isSubThemeRow)) await rollUpIds(trx, batch.map((item) => item.id));
}

async function rollUpIds(trx: QueryExecutorProvider, ids: readonly string[]): Promise<void> {
  await insertRolledUpThemes(trx, sql`${JSON.stringify(ids)}::text::jsonb`);
}

const ON_CONFLICT_UPDATE = sql`on conflict (verbatim_id, theme) do update set
  sentiment = excluded.sentiment, score = excluded.score, confidence = excluded.confidence, evidence = excluded.evidence`;

/** One mention per theme (a theme is a key of `verbatim_themes`): the most confident wins. */
function strongestPerTheme<T extends { theme: string; confidence: number }>(mentions: readonly T[]): T[] {
  const best = new Map<string, T>();
  for (const mention of mentions) {
    const seen = best.get(mention.theme);
    if (seen === undefined || mention.confidence > seen.confidence) best.set(mention.theme, mention);
  }
  return [...best.values()];
}
