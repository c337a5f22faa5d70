import { redactPii } from '../core/redact-pii.js';
import type { Verbatim } from '../core/verbatim.js';
import { contentHash } from '../core/verbatim-id.js';
import { contentKey, dropKnownContent } from './content-dedup.js';
import type { ScrapeStore } from './scrape-run.js';
import type { SourceConfig } from './scrape-config.js';
import type { SourceState } from './source-state.js';

/** Content hashes asked of the table at once, so one query's parameter list stays small. */
const HASHES_PER_QUERY = 1_000;

/**
 * The storage primitives a scrape needs: the database in production
 * (db/scrape-tables.ts implements them by shape), memory in tests. What counts as
 * new is decided here, not in the table.
 */
export interface ReviewTables {
  loadState(source: string): Promise<unknown>;
  saveState(source: Pick<SourceConfig, 'name' | 'kind' | 'urls'>, state: SourceState): Promise<void>;
  /** The (content hash, author key) pairs `source` already holds among `hashes`. */
  knownContent(source: string, hashes: readonly string[]): Promise<readonly { readonly hash: string; readonly authorKey: string | null }[]>;
  /** Inserts, skipping ids already there; says how many were new. */
  insert(verbatims: readonly Verbatim[]): Promise<{ readonly inserted: number }>;
}

export interface IngestStoreOptions {
  /** Redact emails, phones, IBANs and card numbers before storage (default true): `--no-redact` turns it off. */
  readonly redact?: boolean;
}

/**
 * The scrape run's store over `tables`: PII redacted (unless told not to), then
 * what the source already holds with the same text and author left out (the hash
 * is of the redacted text, as stored), then the insert, which skips known ids.
 *
 * @example const store = ingestStore(scrapeTables(db), { redact: true });
 */
export function ingestStore(tables: ReviewTables, options: IngestStoreOptions = {}): ScrapeStore {
  const redact = options.redact ?? true;
  return {
    loadState: (source) => tables.loadState(source),
    saveState: (source, state) => tables.saveState(source, state),
    async store(source, verbatims) {
      const ready = redact ? verbatims.map((verbatim) => ({ ...verbatim, text: redactPii(verbatim.text) })) : [...verbatims];
      const { fresh } = dropKnownContent(ready, await knownKeys(tables, source, ready));
      const { inserted } = await tables.insert(fresh);
      return { inserted, duplicates: verbatims.length - inserted };
    },
  };
}

/** Content keys (text hash and author) the source already holds, for the texts of `verbatims`. */
async function knownKeys(tables: ReviewTables, source: string, verbatims: readonly Verbatim[]): Promise<Set<string>> {
  const hashes = [...new Set(verbatims.filter((verbatim) => verbatim.text.trim() !== '').map((verbatim) => contentHash(verbatim.text)))];
  const known = new Set<string>();
  for (let start = 0; start < hashes.length; start += HASHES_PER_QUERY) {
    for (const row of await tables.knownContent(source, hashes.slice(start, start + HASHES_PER_QUERY))) known.add(contentKey(row.hash, row.authorKey));
  }
  return known;
}
