import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** Theme id → label, from the `themes` table (the taxonomy `enrich` ran with). */
export type ThemeLabels = ReadonlyMap<string, string>;

/** No labels known: every theme shows as its id. */
export const NO_THEME_LABELS: ThemeLabels = new Map();

/**
 * Every stored theme label, read once per report (the table holds one row a taxonomy theme):
 * in `language` where the taxonomy gives one (`labels: { fr: … }`), else the default label.
 *
 * @example const labels = await readThemeLabels(db, 'fr'); themeLabel(labels, 'fees_pricing') // 'Frais et tarifs'
 */
export async function readThemeLabels(db: Kysely<Database>, language?: string): Promise<ThemeLabels> {
  const rows = await db.selectFrom('themes').select(['id', 'label', 'labels']).execute();
  return new Map(rows.map((row) => [row.id, (language === undefined ? undefined : row.labels[language]) ?? row.label]));
}

/** The label of a theme, or its id when the taxonomy in the database does not name it. */
export function themeLabel(labels: ThemeLabels, id: string): string {
  return labels.get(id) ?? id;
}
