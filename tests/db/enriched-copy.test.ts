import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Verbatim } from '../../core/verbatim.js';
import { ENRICH_ERROR_LENGTH } from '../../db/enrich-failures.js';
import { insertEnrichedVerbatims, type EnrichedImportBatch } from '../../db/enriched-insert.js';
import { copyTargetOf } from '../../db/pglite-copy.js';
import { copyFirstThemeRows } from '../../db/theme-row-writes.js';
import { insertVerbatims } from '../../db/verbatims.table.js';
import { forEachDatabase, truncateAll, type TestDatabase } from '../support/databases.js';
import { storedVerbatimsAndThemes } from './stored-rows.js';
import { enriched, mention, QueryCounter, surveyAnswer } from './verbatim-fixtures.js';

const now = new Date('2026-12-01T10:00:00.000Z');

/** Texts and values that COPY's text format escapes, drops or must not mistake for its markers. */
const nasty = [
  surveyAnswer(1, { text: 'NUL\u0000 inside, and at the end\u0000', segments: { 'branch\u0000': 'Lyon\u0000 Est', country: 'FR' } }),
  surveyAnswer(2, { text: 'C:\\temp\\new \\N \\. and a \\u0000 written out', segments: { path: 'a\\b', quote: 'say "hi"' } }),
  surveyAnswer(3, { text: 'tab\there\nnew line\r\nCRLF and a lone\rCR', segments: { note: 'x\ty\nz' } }),
  surveyAnswer(4, { text: 'l\'agence "Crédit" 東京 Ünïcødé 🙂 — ok', segments: { ville: 'Besançon', 'clé': 'été' } }),
  surveyAnswer(5, { text: '', externalId: null, createdAt: null, nps: null, rating: null, authorKey: null, segments: {}, journeyHint: null }),
  surveyAnswer(6, { text: '\\.', source: 'reviews', rating: 4.5, nps: null, respondent: 'employee', journeyHint: 'onboarding' }),
  surveyAnswer(7, { text: 'the first copy of this id wins' }),
  surveyAnswer(8, { text: 'stored before this batch' }),
  surveyAnswer(9, { text: 'the pipeline failed on this one' }),
  surveyAnswer(10, { text: 'and on this one too, \\ with a backslash' }),
];
const [n1, n2, n3, n4, n5, n6, n7, n8, n9, n10] = nasty as [Verbatim, Verbatim, Verbatim, Verbatim, Verbatim, Verbatim, Verbatim, Verbatim, Verbatim, Verbatim];

const evidenceMention = (theme: string, evidence: string, confidence = 0.9) => ({ ...mention(theme, -0.4, confidence), evidence });

/** Duplicates (within the batch and already stored), failed rows, sub-themes, nulls, every character COPY treats specially. */
const batch: EnrichedImportBatch = {
  enriched: [
    enriched(n1, { themes: [evidenceMention('fees.card.atm', 'NUL\u0000 inside'), mention('fees.card', 0.3, 0.4)] }),
    enriched(n2, { themes: [evidenceMention('digital.app', 'C:\\temp\\new \\N'), mention('staff', 0.5), mention('staff', 0.2, 0.95)] }),
    enriched(n3, { themes: [evidenceMention('waiting_time', 'tab\there\nnew line\r')], sentimentScore: 0.1 + 0.2, langConfidence: 1e-7 }),
    enriched(n4, { themes: [evidenceMention('advisor_quality', 'l\'agence "Crédit" 東京 🙂')], lang: 'fr' }),
    enriched(n5, { themes: [], lang: 'und', journey: null, npsCategory: null, sentimentSupported: false, sentiment: 'neutral', sentimentScore: 0 }),
    enriched(n6, { themes: [mention('product.cards.fees', -0.9, 0.7), mention('product.cards.limits', 0.2, 0.8)] }),
    enriched(n7, { themes: [mention('first_copy', 0.1)] }),
    enriched(n7, { themes: [mention('second_copy', 0.1)], sentiment: 'negative' }),
    enriched(n8, { themes: [mention('not_again', 0.1)] }),
  ],
  failed: [
    { verbatim: n9, reason: 'the sentiment model crashed:\n\tat line 3 \\ "quoted" \u0000' },
    { verbatim: n10, reason: 'x'.repeat(5_000) },
    { verbatim: n7, reason: 'a failed copy of an id the batch already holds' },
  ],
};

/** Every column of every verbatim but `imported_at`, every theme row, and the change log's ids. */
async function stored(database: () => TestDatabase): Promise<{ verbatims: unknown[]; themes: unknown[]; logged: string[] }> {
  const { db } = database();
  const { rows: logged } = await sql<{ id: string }>`select unnest(verbatim_ids) as id from data_changes order by seq, 1`.execute(db);
  return { ...(await storedVerbatimsAndThemes(db)), logged: logged.map((row) => row.id) };
}

/** The batch stored over a database that already holds `n8`, by one way or the other. */
async function storeBatch(database: () => TestDatabase, copy: boolean) {
  await truncateAll(database().db);
  await insertEnrichedVerbatims(database().db, { enriched: [enriched(n8, { themes: [mention('held', 0.2)] })], failed: [] }, { now, copy });
  const result = await insertEnrichedVerbatims(database().db, batch, { now, copy });
  return { result, rows: await stored(database) };
}

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
  });

  it('has a COPY target on the embedded database, through plugins and transactions, and none on PostgreSQL', async () => {
    const { db, kind } = database();
    const expected = kind === 'pglite';
    expect(copyTargetOf(db) !== undefined).toBe(expected);
    expect(copyTargetOf(db.withPlugin(new QueryCounter())) !== undefined).toBe(expected);
    await db.transaction().execute(async (trx) => {
      expect(copyTargetOf(trx) !== undefined).toBe(expected);
    });
  });

  it('stores the same rows, theme rows, roll-up and change log by COPY as by the JSON statement', async () => {
    const byJson = await storeBatch(database, false);
    const byCopy = await storeBatch(database, true);
    expect(byCopy.result).toEqual({ inserted: 9, duplicates: 3, enriched: 7, failed: 2, themes: 9 });
    expect(byCopy.result).toEqual(byJson.result);
    expect(byCopy.rows).toEqual(byJson.rows);
  });

  it('stores the texts as given but for NUL, the nulls as NULL, the failures pending with their reason', async () => {
    await storeBatch(database, true);
    const { db } = database();
    const rows = await db.selectFrom('verbatims').select(['id', 'text', 'external_id', 'created_at', 'nps', 'rating', 'author_key', 'journey_hint', 'segments', 'enriched_at', 'enrich_failures', 'enrich_error']).execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const verbatim of [n1, n2, n3, n4, n6]) expect(byId.get(verbatim.id)?.text).toBe(verbatim.text.replaceAll('\u0000', ''));
    expect(byId.get(n1.id)?.segments).toEqual({ branch: 'Lyon Est', country: 'FR' });
    expect(byId.get(n3.id)?.segments).toEqual({ note: 'x\ty\nz' });
    expect(byId.get(n5.id)).toMatchObject({ text: '', external_id: null, created_at: null, nps: null, rating: null, author_key: null, journey_hint: null, segments: {} });
    expect(byId.get(n6.id)).toMatchObject({ text: '\\.', rating: 4.5, journey_hint: 'onboarding' });
    expect(byId.get(n7.id)?.text).toBe(n7.text);
    expect(byId.get(n9.id)).toMatchObject({ enriched_at: null, enrich_failures: 1, enrich_error: 'the sentiment model crashed:\n\tat line 3 \\ "quoted" ' });
    expect(byId.get(n10.id)?.enrich_error).toBe('x'.repeat(ENRICH_ERROR_LENGTH));
    const themes = await db.selectFrom('verbatim_themes').select(['verbatim_id', 'theme', 'evidence', 'rolled_up', 'confidence']).orderBy('theme').execute();
    expect(themes.filter((row) => row.verbatim_id === n7.id).map((row) => row.theme)).toEqual(['first_copy']);
    expect(themes.filter((row) => row.verbatim_id === n8.id).map((row) => row.theme)).toEqual(['held']);
    expect(themes.filter((row) => row.verbatim_id === n2.id)).toContainEqual(expect.objectContaining({ theme: 'staff', confidence: 0.95 }));
    expect(themes.filter((row) => row.verbatim_id === n1.id)).toEqual([
      expect.objectContaining({ theme: 'fees', rolled_up: true, evidence: 'NUL inside' }),
      expect.objectContaining({ theme: 'fees.card', rolled_up: false }),
      expect.objectContaining({ theme: 'fees.card.atm', rolled_up: false, evidence: 'NUL inside' }),
    ]);
    expect(themes.filter((row) => row.verbatim_id === n6.id).map((row) => [row.theme, row.rolled_up])).toEqual([
      ['product', true], ['product.cards', true], ['product.cards.fees', false], ['product.cards.limits', false],
    ]);
  });

  it('checks the theme rows’ foreign key again after the COPY, in its transaction and after it', async () => {
    const { db } = database();
    const orphan = sql`insert into verbatim_themes (verbatim_id, theme, sentiment, score, confidence, evidence) values ('v_nobody', 'fees', 'negative', -1, 1, 'x')`;
    await insertEnrichedVerbatims(db, batch, { now });
    await expect(orphan.execute(db)).rejects.toThrow(/foreign key/);
    const target = copyTargetOf(db);
    if (target === undefined) return; // PostgreSQL: no COPY, nothing turned off
    const fresh = surveyAnswer(20);
    await db.transaction().execute(async (trx) => {
      await insertVerbatims(trx, [fresh]);
      await copyFirstThemeRows(trx, target, [{ id: fresh.id, themes: [mention('fees', -0.5)] }], new Set([fresh.id]));
      const { rows } = await sql<{ role: string }>`select current_setting('session_replication_role') as role`.execute(trx);
      expect(rows[0]?.role).toBe('origin');
    });
    expect(await db.selectFrom('verbatim_themes').select('theme').where('verbatim_id', '=', fresh.id).execute()).toEqual([{ theme: 'fees' }]);
  });

  it('stores a timestamp only PostgreSQL reads as meant (offset, microseconds) as the JSON statement does', async () => {
    const odd: EnrichedImportBatch = {
      enriched: [enriched(surveyAnswer(50, { createdAt: '2026-03-10 09:30:00.123456+02' })), enriched(surveyAnswer(51))],
      failed: [{ verbatim: surveyAnswer(52, { createdAt: '2026-03-10T09:30:00.5Z' }), reason: 'x' }],
    };
    const byWay: unknown[] = [];
    for (const copy of [false, true]) {
      await truncateAll(database().db);
      await insertEnrichedVerbatims(database().db, odd, { now, copy });
      byWay.push(await stored(database));
    }
    expect(byWay[1]).toEqual(byWay[0]);
    const { rows } = await sql<{ at: string }>`select created_at::text as at from verbatims order by id`.execute(database().db);
    expect(rows.map((row) => row.at)).toContain('2026-03-10 07:30:00.123456+00');
  });

  it('loads by a file of PGlite’s in-memory file system, and leaves none behind, refused or not', async () => {
    const { db, kind } = database();
    if (kind !== 'pglite') return; // PostgreSQL: no COPY, no files
    const copyFiles = async () => {
      const { rows } = await sql<{ name: string }>`select pg_ls_dir('/tmp') as name`.execute(db);
      return rows.map((row) => row.name).filter((name) => name.startsWith('verbatim-copy-'));
    };
    const broken: EnrichedImportBatch = { enriched: [enriched(surveyAnswer(40), { themes: [mention('fees', Number.NaN)] })], failed: [] };
    await expect(insertEnrichedVerbatims(db, broken, { now })).rejects.toThrow(/null value in column "score"/);
    await insertEnrichedVerbatims(db, batch, { now });
    expect(await db.selectFrom('verbatims').select('id').where('id', '=', n4.id).execute()).toHaveLength(1);
    expect(await copyFiles()).toEqual([]);
  });

  it('stores nothing of a batch a row of which the table refuses, on either way', async () => {
    const { db } = database();
    const broken: EnrichedImportBatch = { enriched: [enriched(surveyAnswer(30)), enriched(surveyAnswer(31), { themes: [mention('fees', Number.NaN)] })], failed: [] };
    for (const copy of [true, false]) {
      await expect(insertEnrichedVerbatims(db, broken, { now, copy })).rejects.toThrow(/null value in column "score"/);
      expect(await stored(database)).toEqual({ verbatims: [], themes: [], logged: [] });
    }
  });
});

it('refuses to COPY theme rows of a verbatim the transaction did not insert (the foreign key is not checked row by row)', async () => {
  const calls: string[] = [];
  const target = { copyIn: (table: string) => (calls.push(table), Promise.resolve(0)) };
  const trx = {} as Parameters<typeof copyFirstThemeRows>[0];
  await expect(copyFirstThemeRows(trx, target, [{ id: 'v_other', themes: [mention('fees', -0.5)] }], new Set(['v_mine']))).rejects.toThrow(/v_other was not inserted/);
  expect(calls).toEqual([]);
});

forEachDatabase((database) => {
  describe('ids already stored or repeated in the batch', () => {
    const [a, b, c, d] = [surveyAnswer(101), surveyAnswer(102), surveyAnswer(103), surveyAnswer(104)];
    const held: EnrichedImportBatch = { enriched: [enriched(a, { themes: [mention('held', 0.2)] }), enriched(b, { themes: [mention('held', 0.2)] })], failed: [] };
    const cases: [string, EnrichedImportBatch, { inserted: number; duplicates: number }][] = [
      ['ids already stored', { enriched: [enriched(a, { themes: [mention('again', 0.1)] }), enriched(c), enriched(b)], failed: [] }, { inserted: 1, duplicates: 2 }],
      [
        'duplicates inside the batch',
        { enriched: [enriched(c, { themes: [mention('first', 0.1)] }), enriched(d), enriched(c, { themes: [mention('second', 0.1)] })], failed: [{ verbatim: d, reason: 'x' }] },
        { inserted: 2, duplicates: 2 },
      ],
      [
        'both',
        { enriched: [enriched(c, { themes: [mention('first', 0.1)] }), enriched(a), enriched(c, { themes: [mention('second', 0.1)] })], failed: [{ verbatim: b, reason: 'x' }, { verbatim: d, reason: 'y' }] },
        { inserted: 2, duplicates: 3 },
      ],
      ['nothing new', held, { inserted: 0, duplicates: 2 }],
    ];

    it.each(cases)('%s: the same rows and counts by COPY as by the JSON statement, the first copy wins', async (_name, batch, counts) => {
      const { db } = database();
      const byWay: { result: unknown; rows: Awaited<ReturnType<typeof stored>> }[] = [];
      for (const copy of [false, true]) {
        await truncateAll(db);
        await insertEnrichedVerbatims(db, held, { now, copy });
        const result = await insertEnrichedVerbatims(db, batch, { now, copy });
        byWay.push({ result, rows: await stored(database) });
      }
      expect(byWay[0]?.result).toMatchObject(counts);
      expect(byWay[1]).toEqual(byWay[0]);
      const themes = byWay[1]?.rows.themes as { verbatim_id: string; theme: string }[];
      expect(themes.filter((row) => row.verbatim_id === a.id || row.verbatim_id === b.id).map((row) => row.theme)).toEqual(['held', 'held']);
      expect(themes.filter((row) => row.verbatim_id === c.id).map((row) => row.theme)).not.toContain('second');
    });
  });
});
