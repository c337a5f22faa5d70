import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { EnrichedVerbatim } from '../core/verbatim.js';
import { UTF8_BOM } from './csv-bom.js';
import { defuseCell } from './csv-safe.js';

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The fields of an export record that are ours, never a segment's (CONTRACT.md "Import and export records"). */
export const RESERVED_FIELDS = [
  'id', 'external_id', 'source', 'text', 'nps', 'created_at', 'rating', 'respondent', 'author_key',
  'lang', 'lang_confidence', 'sentiment', 'sentiment_score', 'sentiment_supported', 'themes', 'journey', 'nps_category', 'segments',
] as const;

const RESERVED: ReadonlySet<string> = new Set(RESERVED_FIELDS);

/**
 * The segment fields as flattened into a record: a segment whose name is a reserved
 * field (a survey column called `source` or a second `text`) keeps its value under
 * `segment.<name>`, so it can never stand in for the real field.
 *
 * @example flatSegments({ branch: 'Lyon', source: 'spoof' }) // { branch: 'Lyon', 'segment.source': 'spoof' }
 */
export function flatSegments(segments: Readonly<Record<string, string>>): Record<string, string> {
  const flat: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(segments)) flat[RESERVED.has(key) ? `segment.${key}` : key] = value;
  return { ...flat };
}

/** One export record (CONTRACT.md): the verbatim as imported plus the pipe-mode fields; reserved fields always win over segments. */
export function exportRecord(verbatim: EnrichedVerbatim): Record<string, unknown> {
  const e = verbatim.enrichment;
  const segments = flatSegments(verbatim.segments);
  return {
    id: verbatim.id,
    external_id: verbatim.externalId,
    source: verbatim.source,
    text: verbatim.text,
    nps: verbatim.nps,
    created_at: verbatim.createdAt,
    ...segments,
    rating: verbatim.rating,
    respondent: verbatim.respondent,
    author_key: verbatim.authorKey,
    lang: e.lang,
    lang_confidence: e.langConfidence,
    sentiment: e.sentiment,
    sentiment_score: e.sentimentScore,
    sentiment_supported: e.sentimentSupported,
    themes: e.themes.map((theme) => ({ theme: theme.theme, sentiment: theme.sentiment, score: theme.score, evidence: theme.evidence })),
    journey: e.journey,
    nps_category: e.npsCategory,
  };
}

const CSV_FIXED = ['id', 'external_id', 'source', 'text', 'nps', 'created_at', 'rating', 'respondent', 'author_key', 'lang', 'lang_confidence', 'sentiment', 'sentiment_score', 'sentiment_supported', 'themes', 'journey', 'nps_category'];

/**
 * Streams every record to `out`, batch by batch, waiting for 'drain'. CSV puts
 * segments in a `segments` JSON column and themes as `theme:sentiment` joined by
 * `;`, and defuses formula-like cells. `bom`: start a CSV with the UTF-8 BOM (for a
 * file Excel opens; not for stdout, which goes to another program). JSONL never has one.
 *
 * @example await writeExport(exportVerbatims(db, { batchSize: 2_000, filter }), 'csv', createWriteStream('out.csv'), { bom: true })
 */
export async function writeExport(
  records: AsyncIterable<readonly EnrichedVerbatim[]>,
  format: ExportFormat,
  out: Writable,
  options: { readonly bom?: boolean } = {},
): Promise<number> {
  let count = 0;
  if (format === 'csv') await write(out, (options.bom === true ? UTF8_BOM : '') + stringify([[...CSV_FIXED, 'segments']]));
  for await (const batch of records) {
    const chunk =
      format === 'jsonl'
        ? batch.map((verbatim) => `${JSON.stringify(exportRecord(verbatim))}\n`).join('')
        : stringify(batch.map(csvRow), { cast: { boolean: String } });
    count += batch.length;
    await write(out, chunk);
  }
  return count;
}

function csvRow(verbatim: EnrichedVerbatim): unknown[] {
  const record = exportRecord(verbatim);
  const themes = verbatim.enrichment.themes.map((theme) => `${theme.theme}:${theme.sentiment}`).join(';');
  return [...CSV_FIXED.map((key) => (key === 'themes' ? themes : (record[key] ?? ''))), JSON.stringify(verbatim.segments)].map(defuseCell);
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}
