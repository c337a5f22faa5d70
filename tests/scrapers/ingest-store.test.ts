import { beforeEach, describe, expect, it } from 'vitest';
import { scrapeTables } from '../../db/scrape-tables.js';
import { ingestStore, type ReviewTables } from '../../scrapers/ingest-store.js';
import { sourceForUrls } from '../../scrapers/scrape-config.js';
import type { ScrapedReview } from '../../scrapers/sources/review-record.js';
import { reviewToVerbatim } from '../../scrapers/to-verbatim.js';
import { TEST_SECRET } from '../support/author-secret.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

/** A review as a page gives it; each case changes only what it is about. */
function review(overrides: Partial<ScrapedReview> = {}): ScrapedReview {
  return {
    externalId: 'https://banque.example/avis/r-1',
    title: null,
    body: 'Conseiller joignable, prêt accordé en une semaine. Écrivez-moi : claire.m@exemple.fr',
    rating: 5,
    author: 'Claire M.',
    createdAt: '2026-10-08T09:00:00.000Z',
    url: 'https://banque.example/avis',
    product: null,
    extra: {},
    ...overrides,
  };
}

const verbatim = (source: string, overrides: Partial<ScrapedReview> = {}) => reviewToVerbatim(review(overrides), sourceForUrls(source, ['https://banque.example/avis']), TEST_SECRET);

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
  });

  it.each([
    ['the same text and author under another id and URL', 0, 'avis', { externalId: 'https://banque.example/agences/nimes#r-88', url: 'https://banque.example/agences/nimes' }],
    ['the same text and author without an id', 0, 'avis', { externalId: null }],
    ['the same text and author, dated otherwise', 0, 'avis', { externalId: 'r-2', createdAt: '2026-10-09T10:00:00.000Z' }],
    ['the same text by another author', 1, 'avis', { externalId: 'r-3', author: 'Dana W.' }],
    ['another text by the same author', 1, 'avis', { externalId: 'r-4', body: 'Appli très lente le lundi matin.' }],
    ['the same text and author on another source', 1, 'other-site', {}],
  ] as const)('a review stored, then %s: %i stored', async (_case, inserted, source, overrides) => {
    const { db } = database();
    const store = ingestStore(scrapeTables(db), { redact: true });
    expect(await store.store('avis', [verbatim('avis')])).toEqual({ inserted: 1, duplicates: 0 });
    expect(await store.store(source, [verbatim(source, overrides)])).toEqual({ inserted, duplicates: 1 - inserted });
    const rows = await db.selectFrom('verbatims').select(['source', 'text']).execute();
    expect(rows).toHaveLength(1 + inserted);
    expect(rows.every((row) => !row.text.includes('claire.m@exemple.fr'))).toBe(true); // the hash is of the redacted text, as stored
  });

  it('stores the same text and author found twice in one batch once', async () => {
    const { db } = database();
    const store = ingestStore(scrapeTables(db), { redact: false });
    expect(await store.store('avis', [verbatim('avis'), verbatim('avis', { externalId: 'r-syndicated' })])).toEqual({ inserted: 1, duplicates: 1 });
  });
});

describe('ingestStore over tables in memory', () => {
  /** Tables that keep what they are given and know no content: what the store sends them is what is checked. */
  function memoryTables() {
    const inserted: string[] = [];
    const tables: ReviewTables = {
      loadState: async () => undefined,
      saveState: async () => undefined,
      knownContent: async () => [],
      insert: async (verbatims) => {
        inserted.push(...verbatims.map((verbatim) => verbatim.text));
        return { inserted: verbatims.length };
      },
    };
    return { tables, inserted };
  }

  it.each([
    ['by default', {}, false],
    ['with `redact: true`', { redact: true }, false],
    ['not with `redact: false`', { redact: false }, true],
  ] as const)('redacts PII before storage %s', async (_case, options, kept) => {
    const { tables, inserted } = memoryTables();
    await ingestStore(tables, options).store('avis', [verbatim('avis')]);
    expect(inserted).toHaveLength(1);
    expect(inserted[0]?.includes('claire.m@exemple.fr')).toBe(kept);
  });
});
