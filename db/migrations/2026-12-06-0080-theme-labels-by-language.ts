import { sql, type Kysely } from 'kysely';

/**
 * `themes.labels`: a theme's label in other interface languages (`{"fr": "Frais et tarifs"}`),
 * as the taxonomy gives it, so the dashboard in French names themes in French. Filled here
 * from the active taxonomy version; `enrich` and the theme editor keep it up to date.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('themes').addColumn('labels', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`)).execute();
  await sql`
    update themes set labels = version_theme.theme -> 'labels'
    from taxonomy_versions v, jsonb_array_elements(v.document -> 'themes') as version_theme(theme)
    where v.active and version_theme.theme ->> 'id' = themes.id and jsonb_typeof(version_theme.theme -> 'labels') = 'object'`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('themes').dropColumn('labels').execute();
}
