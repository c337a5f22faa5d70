import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syncReplica } from '../../db/analytics-replica.js';
import { recordWholesaleChange } from '../../db/change-log.js';
import { readDataVersion } from '../../db/data-version.js';
import { saveRetaggedThemes } from '../../db/taxonomy-retag-store.js';
import { activateTaxonomyVersion, addTaxonomyVersion, markRetagged } from '../../db/taxonomy-versions.table.js';
import { forgetAuthor, insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import type { ThemeMention, Verbatim } from '../../core/verbatim.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { memoryScratchDir } from '../support/memory-scratch.js';
import { seededRandom as random } from '../../models/learned/hashing.js';
import { syncAndRebuild } from './replica-contents.js';
import { enriched, surveyAnswer } from './verbatim-fixtures.js';

const THEMES = ['fees', 'fees.card', 'fees.card.atm', 'advisor_quality', 'app', 'app.login', 'waiting_time'] as const;
const SENTIMENTS = ['negative', 'neutral', 'positive', 'mixed'] as const;

forEachDatabase((database) => {
  let folder: string;
  let file: string;
  beforeAll(async () => {
    folder = await memoryScratchDir('verbatim-t-replica-incr-');
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await truncateAll(database().db);
    file = path.join(folder, `analytics-${Math.random().toString(36).slice(2)}.duckdb`);
  });

  describe.each([1, 2, 3])('a random sequence of writes (seed %i)', (seed) => {
    it('leaves the incrementally synced replica equal, row for row, to a full rebuild after every step', async () => {
      const { db } = database();
      const next = random(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
      const mentions = (): ThemeMention[] =>
        THEMES.filter(() => next() < 0.3).map((theme) => {
          const score = Math.round((next() * 2 - 1) * 100) / 100;
          return { theme, sentiment: pick(SENTIMENTS), score, confidence: Math.round(next() * 100) / 100, evidence: theme };
        });
      const stored = new Map<string, Verbatim>();
      let answer = 0;
      let taxonomyVersion = 0;
      const writes: Record<string, () => Promise<unknown>> = {
        import: async () => {
          // New answers, and now and then one already stored (a duplicate adds nothing).
          const batch = Array.from({ length: 1 + Math.floor(next() * 5) }, () => surveyAnswer(++answer, { nps: Math.floor(next() * 11), createdAt: `2026-03-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}T09:30:00.250000Z` }));
          if (stored.size > 0 && next() < 0.5) batch.push(pick([...stored.values()]));
          for (const verbatim of batch) stored.set(verbatim.id, verbatim);
          await insertVerbatims(db, batch);
        },
        enrich: async () => {
          const batch = [...stored.values()].filter(() => next() < 0.4);
          await saveEnrichments(db, batch.map((verbatim) => enriched(verbatim, { themes: mentions(), sentiment: pick(SENTIMENTS), sentimentScore: next() - 0.5, journey: next() < 0.5 ? 'billing_statements' : null })));
        },
        forget: async () => {
          const victim = pick([...stored.values()]);
          await forgetAuthor(db, [victim.authorKey ?? '']);
          for (const [id, verbatim] of stored) if (verbatim.authorKey === victim.authorKey) stored.delete(id);
        },
        taxonomy: async () => {
          const version = await addTaxonomyVersion(db, { document: { themes: [] }, author: 'test', message: `v${++taxonomyVersion}`, now: new Date('2026-12-06T09:00:00Z') });
          const { rows } = await sql<{ id: string }>`select id from verbatims where enriched_at is not null order by id`.execute(db);
          await saveRetaggedThemes(db, rows.filter(() => next() < 0.6).map((row) => ({ id: row.id, themes: mentions() })));
          await markRetagged(db, version.version, new Date('2026-12-06T10:00:00Z'));
        },
        undo: async () => {
          if (taxonomyVersion > 1) await activateTaxonomyVersion(db, taxonomyVersion - 1);
          else await writes['taxonomy']?.();
        },
      };
      await writes['import']!();
      expect((await syncAndRebuild(db, file)).how).toBe('rebuilt');
      const seen: string[] = [];
      for (let step = 0; step < 14; step += 1) {
        const kinds = Array.from({ length: 1 + Math.floor(next() * 2) }, () => pick(stored.size > 0 ? Object.keys(writes) : ['import']));
        const before = await readDataVersion(db, 'replica');
        for (const kind of kinds) await writes[kind]!();
        seen.push(...kinds);
        // A write that changed nothing (an empty batch) keeps the version, and the file with it.
        const expected = (await readDataVersion(db, 'replica')) === before ? 'kept' : 'applied';
        const { how, synced, rebuilt } = await syncAndRebuild(db, file);
        expect(how, `step ${step}: ${kinds.join(', ')}`).toBe(expected);
        expect(synced, `step ${step}: ${kinds.join(', ')}`).toEqual(rebuilt);
      }
      // Not vacuous: the sequence wrote most kinds; a sub-theme's parents are applied too.
      expect(new Set(seen).size).toBeGreaterThanOrEqual(4);
      const tagged = [...stored.values()][0]!;
      await saveEnrichments(db, [enriched(tagged, { themes: [{ theme: 'fees.card.atm', sentiment: 'negative', score: -0.5, confidence: 0.7, evidence: 'atm' }] })]);
      const last = await syncAndRebuild(db, file);
      expect(last.how).toBe('applied');
      expect(last.synced).toEqual(last.rebuilt);
      const themes = (last.synced['themes'] as { id: string; theme: string; rolled_up: boolean }[]).filter((row) => row.id === tagged.id);
      expect(themes.map((row) => [row.theme, row.rolled_up])).toEqual([['fees', true], ['fees.card', true], ['fees.card.atm', false]]);
    });
  });

  it('applies a page bringing values the file never held (a theme, a source, a language) by widening its ENUM columns', async () => {
    const { db } = database();
    const batch = Array.from({ length: 10 }, (_, index) => enriched(surveyAnswer(index + 1)));
    await insertVerbatims(db, batch);
    await saveEnrichments(db, batch);
    expect((await syncAndRebuild(db, file)).how).toBe('rebuilt');
    const novel = enriched(surveyAnswer(11, { source: 'app-store-novel' }), {
      lang: 'de',
      themes: [{ theme: 'brand_new_theme', sentiment: 'negative', score: -0.4, confidence: 0.7, evidence: 'fees' }],
    });
    await insertVerbatims(db, [novel]);
    await saveEnrichments(db, [novel]);
    const last = await syncAndRebuild(db, file);
    expect(last.how).toBe('applied');
    expect(last.synced).toEqual(last.rebuilt);
    const themes = (last.synced['themes'] as { id: string; theme: string }[]).filter((row) => row.id === novel.id);
    expect(themes.map((row) => row.theme)).toEqual(['brand_new_theme']);
    const verbatims = (last.synced['verbatims'] as { id: string; source: string; lang: string | null }[]).filter((row) => row.id === novel.id);
    expect(verbatims.map((row) => [row.source, row.lang])).toEqual([['app-store-novel', 'de']]);
    // Still ENUMs, now holding the new values (a VARCHAR would hold them too, and count slower).
    const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
    try {
      const connection = await instance.connect();
      const types = (await connection.runAndReadAll(`select table_name || '.' || column_name, data_type from duckdb_columns() where column_name in ('theme', 'source', 'lang')`)).getRows();
      connection.closeSync();
      expect(Object.fromEntries(types.map(([column, type]) => [String(column), String(type).startsWith('ENUM(')]))).toEqual({ 'verbatim_themes.theme': true, 'verbatims.source': true, 'verbatims.lang': true });
      for (const [column, value] of [['verbatim_themes.theme', 'brand_new_theme'], ['verbatims.source', 'app-store-novel'], ['verbatims.lang', 'de']]) {
        expect(String(types.find(([name]) => name === column)?.[1])).toContain(`'${String(value)}'`);
      }
    } finally {
      instance.closeSync();
    }
  });

  it("drops a forgotten author's phrases from the file's dictionary when no other verbatim uses them", async () => {
    const { db } = database();
    const others = Array.from({ length: 6 }, (_, index) => enriched(surveyAnswer(index + 1)));
    const forgotten = enriched(surveyAnswer(7, { authorKey: 'a_forgotten_author', text: 'The parking garage flooded twice during my mortgage appointment' }));
    await insertVerbatims(db, [...others, forgotten]);
    await saveEnrichments(db, [...others, forgotten]);
    const first = await syncAndRebuild(db, file);
    const own = (first.synced['phrases'] as { id: string; phrases: string[] }[]).find((row) => row.id === forgotten.id)?.phrases ?? [];
    const shared = new Set((first.synced['phrases'] as { id: string; phrases: string[] }[]).filter((row) => row.id !== forgotten.id).flatMap((row) => row.phrases));
    const onlyTheirs = own.filter((phrase) => !shared.has(phrase));
    expect(onlyTheirs.length).toBeGreaterThan(0);
    await forgetAuthor(db, ['a_forgotten_author']);
    const last = await syncAndRebuild(db, file);
    expect(last.how).toBe('applied');
    expect(last.synced).toEqual(last.rebuilt);
    expect((last.synced['integrity'] as Record<string, unknown>)['unused_entries']).toBe('0');
  });

  it('falls back to a full rebuild when the file is missing, not a replica, from another database, beyond the share, or the log was emptied', async () => {
    const { db } = database();
    const batch = Array.from({ length: 10 }, (_, index) => surveyAnswer(index + 1));
    await insertVerbatims(db, batch);
    const how = async (options = {}) => {
      const { how: written, synced, rebuilt } = await syncAndRebuild(db, file, options);
      expect(synced).toEqual(rebuilt);
      return written;
    };
    expect(await how()).toBe('rebuilt'); // no file
    await saveEnrichments(db, batch.slice(0, 3).map((verbatim) => enriched(verbatim)));
    expect(await how({ policy: { maxShare: 0.2, floor: 0 } })).toBe('rebuilt'); // 3 changed of 10: above a fifth
    await saveEnrichments(db, batch.slice(0, 2).map((verbatim) => enriched(verbatim)));
    expect(await how({ policy: { maxShare: 0.2, floor: 0 } })).toBe('applied'); // 2 of 10
    // Replaced rows add up since the last rebuild: 2 more would make 4 of 10.
    await saveEnrichments(db, batch.slice(2, 4).map((verbatim) => enriched(verbatim)));
    expect(await how({ policy: { maxShare: 0.3, floor: 0 } })).toBe('rebuilt');
    await recordWholesaleChange(db); // the log no longer covers the file's version
    expect(await how()).toBe('rebuilt');
    // A file of another database (its epoch differs) is not patched with this one's log.
    await sql`update data_version set epoch = 'another database'`.execute(db);
    await insertVerbatims(db, [surveyAnswer(11)]);
    expect(await how()).toBe('rebuilt');
    await rm(file);
    const stray = await DuckDBInstance.create(file);
    stray.closeSync();
    await insertVerbatims(db, [surveyAnswer(12)]);
    expect(await how()).toBe('rebuilt'); // a DuckDB file without our tables
  });

  it('rebuilds a replica whose sync layout is not the current one', async () => {
    const { db } = database();
    await insertVerbatims(db, [surveyAnswer(1)]);
    (await syncReplica(db, file)).close();
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    await connection.run('update replica_sync set layout = layout + 100');
    connection.closeSync();
    instance.closeSync();
    await insertVerbatims(db, [surveyAnswer(2)]);
    expect((await syncAndRebuild(db, file)).how).toBe('rebuilt');
  });

  it('two incremental syncs at once each apply to their own copy, and leave no temporary file', async () => {
    const { db } = database();
    const batch = Array.from({ length: 6 }, (_, index) => surveyAnswer(index + 1));
    await insertVerbatims(db, batch.slice(0, 3));
    (await syncReplica(db, file)).close();
    await insertVerbatims(db, batch.slice(3));
    await saveEnrichments(db, batch.map((verbatim) => enriched(verbatim)));
    const [one, two] = await Promise.all([syncReplica(db, file), syncReplica(db, file)]);
    try {
      for (const replica of [one, two]) {
        expect(replica.applied).toEqual({ changed: 6, verbatims: 6, themeRows: 12, compacted: false });
        expect((await replica.connection.runAndReadAll('select count(*)::integer as n, count(*) filter (where enriched)::integer as enriched from verbatims')).getRowObjectsJson()).toEqual([{ n: 6, enriched: 6 }]);
      }
    } finally {
      one.close();
      two.close();
    }
    expect((await readdir(folder)).filter((name) => name.startsWith(path.basename(file)))).toEqual([path.basename(file)]);
  });
});
