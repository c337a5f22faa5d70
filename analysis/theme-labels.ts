import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** Theme id → label, from the `themes` table (the taxonomy `enrich` ran with). */
export type ThemeLabels = ReadonlyMap<string, string>;

/** No labels known: every theme shows as its id. */
export const NO_THEME_LABELS: ThemeLabels = new Map();

/**
 * Every stored theme label, read once per report (the table holds one row a taxonomy theme).
 *
 * @example const labels = await readThemeLabels(db); themeLabel(labels, 'fees_pricing') // 'Fees and pricing'
 */
export async function readThemeLabels(db: Kysely<Database>): Promise<ThemeLabels> {
  const rows = await db.selectFrom('themes').select(['id', 'label']).execute();
  return new Map(rows.map((row) => [row.id, row.label]));
}

/** The label of a theme, or its id when the taxonomy in the database does not name it. */
export function themeLabel(labels: ThemeLabels, id: string): string {
  return labels.get(id) ?? id;
}
