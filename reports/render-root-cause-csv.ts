import { stringify } from 'csv-stringify/sync';
import type { RootCause } from '../analysis/root-cause.js';
import { defuseCell } from './csv-safe.js';

/** The representative verbatims of a root cause as CSV (one a row, every cell defused). */
export function renderRootCauseCsv(rootCause: RootCause): string {
  const header = ['theme', 'id', 'external_id', 'source', 'created_at', 'nps', 'journey', 'score', 'sentiment', 'evidence', 'evidence_start', 'evidence_end', 'text'];
  const rows = rootCause.verbatims.map((v) => [
    rootCause.theme,
    v.id,
    v.external_id ?? '',
    v.source,
    v.created_at ?? '',
    v.nps ?? '',
    v.journey ?? '',
    v.score,
    v.sentiment,
    v.evidence,
    v.evidence_span?.[0] ?? '',
    v.evidence_span?.[1] ?? '',
    v.text,
  ]);
  return stringify([header, ...rows].map((row) => row.map(defuseCell)));
}
