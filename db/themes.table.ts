import { sql } from 'kysely';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, ThemesTable } from './schema.js';

export type ThemeRow = Selectable<ThemesTable>;
export type NewThemeRow = Insertable<ThemesTable>;
export type ThemeRowUpdate = Updateable<ThemesTable>;

/** A node of the theme taxonomy as the taxonomy file gives it. */
export interface ThemeNode {
  readonly id: string;
  readonly parentId: string | null;
  readonly label: string;
  readonly description: string | null;
  /** The label in other interface languages (`{ fr: 'Frais et tarifs' }`); none: `label` everywhere. */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * Upserts the taxonomy in one statement (themes no longer listed are kept: old
 * verbatims may still carry them).
 *
 * @example await syncThemes(db, [{ id: 'fees_pricing', parentId: null, label: 'Fees & pricing', description: null }]);
 * @returns how many nodes were written.
 */
export async function syncThemes(db: Kysely<Database>, nodes: readonly ThemeNode[]): Promise<number> {
  if (nodes.length === 0) return 0;
  const latest = new Map(nodes.map((node) => [node.id, node])); // one row per id, or the upsert would touch a row twice
  await db
    .insertInto('themes')
    .values([...latest.values()].map((node) => ({ id: node.id, parent_id: node.parentId, label: node.label, description: node.description, labels: JSON.stringify(node.labels ?? {}) })))
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet({
        parent_id: sql.ref('excluded.parent_id'),
        label: sql.ref('excluded.label'),
        description: sql.ref('excluded.description'),
        labels: sql.ref('excluded.labels'),
      }),
    )
    .execute();
  return latest.size;
}

/** The stored taxonomy, by id. */
export async function listThemes(db: Kysely<Database>): Promise<ThemeNode[]> {
  const rows = await db.selectFrom('themes').selectAll().orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, parentId: row.parent_id, label: row.label, description: row.description }));
}
