import type { Verbatim } from '../../core/verbatim.js';
import { contentHash } from '../../core/verbatim-id.js';
import { contentKey, dropKnownContent } from '../../scrapers/content-dedup.js';
import type { ScrapeStore } from '../../scrapers/scrape-run.js';
import type { SourceState } from '../../scrapers/source-state.js';

/** A `ScrapeStore` in memory, deduplicating like the database one: by id, then by content and author within a source. */
export class MemoryStore implements ScrapeStore {
  readonly states = new Map<string, SourceState>();
  readonly rows = new Map<string, Verbatim>();

  async loadState(source: string): Promise<unknown> {
    return this.states.get(source);
  }

  async saveState(source: { name: string }, state: SourceState): Promise<void> {
    this.states.set(source.name, JSON.parse(JSON.stringify(state)) as SourceState);
  }

  async store(source: string, verbatims: readonly Verbatim[]): Promise<{ inserted: number; duplicates: number }> {
    const known = new Set([...this.rows.values()].filter((row) => row.source === source).map((row) => contentKey(contentHash(row.text), row.authorKey)));
    let inserted = 0;
    for (const verbatim of dropKnownContent(verbatims, known).fresh) {
      if (this.rows.has(verbatim.id)) continue;
      this.rows.set(verbatim.id, verbatim);
      inserted += 1;
    }
    return { inserted, duplicates: verbatims.length - inserted };
  }

  ofSource(source: string): Verbatim[] {
    return [...this.rows.values()].filter((row) => row.source === source);
  }
}
