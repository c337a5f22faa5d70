import type { CopyBinaryType } from './copy-binary.js';

/** The types of the columns of `verbatims` a `COPY` may write, as the table declares them (binary `COPY` does not convert). */
export const VERBATIM_COLUMN_TYPES: Readonly<Record<string, CopyBinaryType>> = {
  id: 'text', source: 'text', external_id: 'text', content_hash: 'text', text: 'text', created_at: 'timestamptz', nps: 'smallint',
  rating: 'real', respondent: 'text', author_key: 'text', segments: 'jsonb', journey_hint: 'text', lang: 'text',
  lang_confidence: 'double precision', sentiment_supported: 'boolean', sentiment: 'text', sentiment_score: 'double precision',
  journey: 'text', nps_category: 'text', model_version: 'text', enriched_at: 'timestamptz', enrich_failures: 'integer', enrich_error: 'text',
};

/** `column`'s binary type; throws for a column no `COPY` of ours writes. */
export function verbatimColumnType(column: string): CopyBinaryType {
  const type = VERBATIM_COLUMN_TYPES[column];
  if (type === undefined) throw new Error(`copyNewVerbatims: no binary type known for column \`${column}\``);
  return type;
}
