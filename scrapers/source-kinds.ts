/** Kinds a source may name in its config; `auto` tells the kind from the content. */
export const SOURCE_KINDS = ['auto', 'schema-org', 'json-ld', 'microdata', 'rss', 'atom', 'app-store', 'css', 'sitemap'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
