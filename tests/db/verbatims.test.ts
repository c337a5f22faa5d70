import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  countPending,
  exportVerbatims,
  insertVerbatims,
  MAX_INSERT_ROWS,
  pendingVerbatims,
  saveEnrichments,
} from '../../db/verbatims.table.js';
import { InputError } from '../../core/errors.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { collect, enriched, QueryCounter, surveyAnswer } from './verbatim-fixtures.js';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
  });

  describe('insertVerbatims', () => {
    it('adds nothing when the same batch is inserted twice', async () => {
      const { db } = database();
      const batch = range(0, 50).map((n) => surveyAnswer(n));
      expect(await insertVerbatims(db, batch)).toEqual({ inserted: 50, duplicates: 0 });
      expect(await insertVerbatims(db, batch)).toEqual({ inserted: 0, duplicates: 50 });
      expect(await countPending(db)).toBe(50);
    });

    it('counts a repeated id inside one batch as a duplicate', async () => {
      const { db } = database();
      const one = surveyAnswer(1);
      expect(await insertVerbatims(db, [one, surveyAnswer(2), one])).toEqual({ inserted: 2, duplicates: 1 });
    });

    it('reads back exactly the verbatim it stored', async () => {
      const { db } = database();
      const original = [
        surveyAnswer(1, { text: 'Frais « cachés » 😡\nsur deux lignes', nps: 0, segments: { country: 'FR', produit: 'Crédit' } }),
        surveyAnswer(2, { externalId: null, createdAt: null, nps: null, authorKey: null, segments: {}, journeyHint: 'billing_statements' }),
        surveyAnswer(3, { source: 'reviews', respondent: 'customer', rating: 4.5, nps: null }),
        surveyAnswer(4, { respondent: 'employee', text: '' }),
      ];
      await insertVerbatims(db, original);
      const stored = await collect(pendingVerbatims(db, { batchSize: 10 }));
      expect(stored).toEqual([...original].sort((a, b) => (a.id < b.id ? -1 : 1)));
    });

    it('drops NUL characters, which PostgreSQL text cannot hold, and keeps the rest', async () => {
      const { db } = database();
      await insertVerbatims(db, [surveyAnswer(1, { text: 'bad\u0000byte', segments: { team: 'a\u0000b' } })]);
      const [stored] = await collect(pendingVerbatims(db, { batchSize: 10 }));
      expect(stored?.text).toBe('badbyte');
      expect(stored?.segments).toEqual({ team: 'ab' });
    });

    it('rejects an out-of-range score, naming the verbatim and the field, before writing anything', async () => {
      const { db } = database();
      const bad = surveyAnswer(2, { nps: 11 });
      const attempt = insertVerbatims(db, [surveyAnswer(1), bad]);
      await expect(attempt).rejects.toBeInstanceOf(InputError);
      await expect(attempt).rejects.toMatchObject({ field: 'nps', message: expect.stringContaining(bad.id) });
      expect(await countPending(db)).toBe(0);
    });

    it('inserts 5,000 rows in one statement per chunk, not one per row', async () => {
      const { db } = database();
      const counter = new QueryCounter();
      const result = await insertVerbatims(db.withPlugin(counter), range(0, 5_000).map((n) => surveyAnswer(n)));
      expect(result).toEqual({ inserted: 5_000, duplicates: 0 });
      // Per chunk: the INSERT and the data-version bump (db/change-log.ts).
      expect(counter.count).toBe(2 * Math.ceil(5_000 / MAX_INSERT_ROWS));
      expect(counter.count).toBeLessThanOrEqual(4);

      const chunked = new QueryCounter();
      await insertVerbatims(db.withPlugin(chunked), range(5_000, 6_000).map((n) => surveyAnswer(n)), { chunkSize: 300 });
      expect(chunked.count).toBe(2 * 4);
      expect(await countPending(db)).toBe(6_000);
    });
  });

  describe('pendingVerbatims', () => {
    it('resumes after partial saves: every pending verbatim exactly once, none already enriched', async () => {
      const { db } = database();
      const all = range(0, 95).map((n) => surveyAnswer(n));
      await insertVerbatims(db, all);

      // A first run enriches two pages, then is killed.
      const firstRun: string[] = [];
      for await (const page of pendingVerbatims(db, { batchSize: 20 })) {
        await saveEnrichments(db, page.map((v) => enriched(v)));
        firstRun.push(...page.map((v) => v.id));
        if (firstRun.length === 40) break;
      }
      expect(await countPending(db)).toBe(55);

      // The next run sees only what is left, saving as it goes.
      const secondRun: string[] = [];
      for await (const page of pendingVerbatims(db, { batchSize: 20 })) {
        secondRun.push(...page.map((v) => v.id));
        await saveEnrichments(db, page.map((v) => enriched(v)));
      }
      expect(secondRun).toHaveLength(55);
      expect(new Set([...firstRun, ...secondRun])).toEqual(new Set(all.map((v) => v.id)));
      expect(secondRun.filter((id) => firstRun.includes(id))).toEqual([]);
      expect(await countPending(db)).toBe(0);
      expect(await collect(pendingVerbatims(db, { batchSize: 20 }))).toEqual([]);
    });

    it('validates the batch size up front', async () => {
      const { db } = database();
      await expect(pendingVerbatims(db, { batchSize: 0 })[Symbol.asyncIterator]().next()).rejects.toThrow(
        'Expected `batchSize` to be an integer from 1 and up, got `0` (number)',
      );
    });
  });

  describe('saveEnrichments', () => {
    it('leaves exactly one set of theme rows when a batch is saved twice, in three statements and the version bump', async () => {
      const { db } = database();
      const verbatims = range(0, 300).map((n) => surveyAnswer(n));
      await insertVerbatims(db, verbatims);
      const batch = verbatims.map((v) => enriched(v));

      const counter = new QueryCounter();
      expect(await saveEnrichments(db.withPlugin(counter), batch)).toEqual({ updated: 300, themes: 600, missing: [] });
      expect(counter.count).toBe(4);
      expect(await saveEnrichments(db, batch)).toEqual({ updated: 300, themes: 600, missing: [] });

      const themeRows = await db.selectFrom('verbatim_themes').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      expect(themeRows.n).toBe(600);
      expect(await countPending(db)).toBe(0);
    });

    it('replaces the previous themes of a verbatim with the new ones', async () => {
      const { db } = database();
      const v = surveyAnswer(1);
      await insertVerbatims(db, [v]);
      await saveEnrichments(db, [enriched(v)]);
      const fees = { theme: 'fees_pricing', sentiment: 'negative', score: -0.9, confidence: 0.6, evidence: 'fees' } as const;
      await saveEnrichments(db, [enriched(v, { themes: [fees, { ...fees, confidence: 0.95, evidence: 'too high' }], sentiment: 'negative' })]);
      const [stored] = await collect(exportVerbatims(db, { batchSize: 10 }));
      expect(stored?.enrichment.themes).toEqual([{ ...fees, confidence: 0.95, evidence: 'too high' }]);
      expect(stored?.enrichment.sentiment).toBe('negative');
    });

    it('does not re-create a verbatim deleted meanwhile: it comes back as missing', async () => {
      const { db } = database();
      const kept = surveyAnswer(1);
      const gone = surveyAnswer(2);
      await insertVerbatims(db, [kept]);
      const result = await saveEnrichments(db, [enriched(kept), enriched(gone)]);
      expect(result).toEqual({ updated: 1, themes: 2, missing: [gone.id] });
      const ids = await db.selectFrom('verbatims').select('id').execute();
      expect(ids).toEqual([{ id: kept.id }]);
    });

    it('stamps enriched_at with the injected clock', async () => {
      const { db } = database();
      const v = surveyAnswer(1);
      await insertVerbatims(db, [v]);
      const now = new Date('2026-11-20T08:00:00.000Z');
      await saveEnrichments(db, [enriched(v)], { now });
      const row = await db.selectFrom('verbatims').select('enriched_at').executeTakeFirstOrThrow();
      expect(row.enriched_at?.toISOString()).toBe(now.toISOString());
    });
  });

  describe('exportVerbatims', () => {
    it('returns every enriched verbatim with its enrichment and themes, page by page, one query a page', async () => {
      const { db } = database();
      const verbatims = range(0, 25).map((n) => surveyAnswer(n));
      await insertVerbatims(db, verbatims);
      const batch = verbatims.slice(0, 20).map((v) => enriched(v));
      await saveEnrichments(db, batch);

      const counter = new QueryCounter();
      const exported = await collect(exportVerbatims(db.withPlugin(counter), { batchSize: 8 }));
      expect(counter.count).toBe(3);
      const expected = [...batch]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((v) => ({ ...v, enrichment: { ...v.enrichment, themes: [...v.enrichment.themes].sort((a, b) => b.confidence - a.confidence) } }));
      expect(exported).toEqual(expected);
    });

    it.each([
      [{ theme: 'digital_app' }, [3]],
      [{ npsCategory: 'promoter' as const }, [9, 10]],
      [{ source: 'app-store' }, [3]],
      [{ segments: { country: 'FR' } }, [2, 4, 10]],
      [{ from: '2026-05-01', to: '2026-06-01' }, [4]],
      [{ journey: 'complaint', respondent: 'customer' as const }, [9]],
    ])('filters by %j', async (filter, expectedNumbers) => {
      const { db } = database();
      const verbatims = [2, 3, 4, 9, 10].map((n) =>
        surveyAnswer(n, {
          source: n === 3 ? 'app-store' : 'nps-test',
          createdAt: n === 4 ? '2026-05-15T12:00:00.000Z' : '2026-03-10T09:30:00.000Z',
        }),
      );
      await insertVerbatims(db, verbatims);
      await saveEnrichments(
        db,
        verbatims.map((v) =>
          enriched(v, {
            journey: v.externalId === 'R-9' ? 'complaint' : 'everyday_use',
            themes: v.source === 'app-store' ? [{ theme: 'digital_app', sentiment: 'negative', score: -0.5, confidence: 0.7, evidence: 'app' }] : [],
          }),
        ),
      );
      const exported = await collect(exportVerbatims(db, { batchSize: 100, filter }));
      expect(exported.map((v) => v.externalId).sort()).toEqual(expectedNumbers.map((n) => `R-${n}`).sort());
    });

    it('takes a parent theme to mean its sub-themes too, and nothing that only starts with the same letters', async () => {
      const { db } = database();
      const verbatims = [1, 2, 3, 4].map((n) => surveyAnswer(n));
      await insertVerbatims(db, verbatims);
      const tagged = { 'R-1': 'fees', 'R-2': 'fees.card', 'R-3': 'fees_other', 'R-4': 'digital_app' } as Record<string, string>;
      await saveEnrichments(
        db,
        verbatims.map((v) => enriched(v, { themes: [{ theme: tagged[v.externalId ?? ''] ?? '', sentiment: 'negative', score: -0.5, confidence: 0.7, evidence: 'x' }] })),
      );
      const exported = await collect(exportVerbatims(db, { batchSize: 100, filter: { theme: 'fees' } }));
      expect(exported.map((v) => v.externalId).sort()).toEqual(['R-1', 'R-2']);
    });
  });
});
