import { beforeEach, describe, expect, it } from 'vitest';
import type { ThemeMention } from '../../core/verbatim.js';
import { saveRetaggedThemes, taggedVerbatimPages, countTagged } from '../../db/taxonomy-retag-store.js';
import {
  activateTaxonomyVersion,
  activeOrSeedVersion,
  activeTaxonomyVersion,
  addTaxonomyVersion,
  listTaxonomyVersions,
  markRetagged,
  previousTaxonomyVersion,
  taxonomyVersion,
} from '../../db/taxonomy-versions.table.js';
import { themesOf } from '../../db/verbatim-themes.table.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { collect, enriched, surveyAnswer } from './verbatim-fixtures.js';

const T0 = new Date('2026-06-01T10:00:00.000Z');
const doc = (label: string) => ({ themes: [{ id: 'fees', label, terms: { en: ['fee'] } }] });
const mention = (theme: string): ThemeMention => ({ theme, sentiment: 'negative', score: -0.5, confidence: 0.9, evidence: `about ${theme}` });

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
  });

  describe('taxonomy versions', () => {
    it('seeds version 1 on an empty table, once, and leaves a stored version alone', async () => {
      const { db } = database();
      expect(await activeTaxonomyVersion(db)).toBeUndefined();
      const seed = () => ({ document: doc('Fees'), author: 'verbatim', message: 'the bundled taxonomy', now: T0 });
      const [first, second] = await Promise.all([activeOrSeedVersion(db, seed), activeOrSeedVersion(db, seed)]);
      expect([first.version, second.version]).toEqual([1, 1]);
      expect(first).toMatchObject({ document: doc('Fees'), author: 'verbatim', active: true, retagged_at: null, id_map: {} });
      expect((await activeOrSeedVersion(db, () => ({ ...seed(), document: doc('Other') }))).document).toEqual(doc('Fees'));
      expect(await listTaxonomyVersions(db)).toHaveLength(1);
    });

    it('numbers new versions, keeps exactly one active, lists newest first with author, date and message', async () => {
      const { db } = database();
      await addTaxonomyVersion(db, { document: doc('Fees'), author: 'verbatim', message: 'seed', now: T0 });
      const second = await addTaxonomyVersion(db, { document: doc('Bank charges'), author: 'ana', message: 'rename', idMap: { charges: 'fees' }, now: new Date('2026-06-02T10:00:00.000Z') });
      expect(second).toMatchObject({ version: 2, active: true, id_map: { charges: 'fees' } });
      expect((await listTaxonomyVersions(db)).map((row) => [row.version, row.author, row.message, row.active, row.created_at.toISOString()])).toEqual([
        [2, 'ana', 'rename', true, '2026-06-02T10:00:00.000Z'],
        [1, 'verbatim', 'seed', false, '2026-06-01T10:00:00.000Z'],
      ]);
      expect((await taxonomyVersion(db, 2))?.document).toEqual(doc('Bank charges'));
      expect(await taxonomyVersion(db, 9)).toBeUndefined();
    });

    it('undo: the previous version becomes active (not yet re-tagged); a new apply after it gets the next number', async () => {
      const { db } = database();
      await addTaxonomyVersion(db, { document: doc('Fees'), author: 'a', message: 'one', now: T0 });
      await addTaxonomyVersion(db, { document: doc('Charges'), author: 'a', message: 'two', now: T0 });
      await markRetagged(db, 1, T0);
      expect((await previousTaxonomyVersion(db))?.version).toBe(1);
      const back = await activateTaxonomyVersion(db, 1);
      expect(back).toMatchObject({ version: 1, active: true, retagged_at: null });
      expect(await previousTaxonomyVersion(db)).toBeUndefined();
      expect(await activateTaxonomyVersion(db, 7)).toBeUndefined();
      expect((await activeTaxonomyVersion(db))?.version).toBe(1);
      expect((await addTaxonomyVersion(db, { document: doc('Three'), author: 'a', message: 'three', now: T0 })).version).toBe(3);
      expect((await listTaxonomyVersions(db)).filter((row) => row.active).map((row) => row.version)).toEqual([3]);
    });
  });

  describe('the re-tag store', () => {
    it('pages the enriched verbatims with their own tags, and replaces only their theme rows (parents rolled up)', async () => {
      const { db } = database();
      const answers = [1, 2, 3].map((n) => surveyAnswer(n, { nps: n * 3 }));
      await insertVerbatims(db, [...answers, surveyAnswer(4)]);
      await saveEnrichments(db, [enriched(answers[0]!, { themes: [mention('fees.card')] }), enriched(answers[1]!, { themes: [mention('staff')] }), enriched(answers[2]!)]);
      expect(await countTagged(db)).toBe(3);
      const pages = await collect(taggedVerbatimPages(db, { batchSize: 2 }));
      expect(pages.map((item) => item.verbatim.id)).toEqual(answers.map((answer) => answer.id).sort());
      expect(Object.fromEntries(pages.map((item) => [item.verbatim.id, [item.themes, item.npsCategory]]))).toEqual({
        [answers[0]!.id]: [['fees.card'], 'detractor'],
        [answers[1]!.id]: [['staff'], 'detractor'],
        [answers[2]!.id]: [['advisor_quality', 'fees_pricing'], 'promoter'],
      });
      const before = await db.selectFrom('verbatims').select(['id', 'sentiment', 'journey', 'enriched_at']).orderBy('id').execute();
      await saveRetaggedThemes(db, [
        { id: answers[0]!.id, themes: [] },
        { id: answers[2]!.id, themes: [mention('app.login')] },
      ]);
      const themes = await themesOf(db, answers.map((answer) => answer.id));
      expect(themes.get(answers[0]!.id) ?? []).toEqual([]);
      expect((themes.get(answers[1]!.id) ?? []).map((t) => t.theme)).toEqual(['staff']);
      const rows = await db.selectFrom('verbatim_themes').select(['theme', 'rolled_up']).where('verbatim_id', '=', answers[2]!.id).orderBy('theme').execute();
      expect(rows).toEqual([
        { theme: 'app', rolled_up: true },
        { theme: 'app.login', rolled_up: false },
      ]);
      expect(await db.selectFrom('verbatims').select(['id', 'sentiment', 'journey', 'enriched_at']).orderBy('id').execute()).toEqual(before);
    });

    it('limits the pages to a scope', async () => {
      const { db } = database();
      const lyon = surveyAnswer(1, { segments: { branch: 'Lyon' } });
      const paris = surveyAnswer(2, { segments: { branch: 'Paris' } });
      await insertVerbatims(db, [lyon, paris]);
      await saveEnrichments(db, [enriched(lyon), enriched(paris)]);
      const pages = await collect(taggedVerbatimPages(db, { batchSize: 10, scope: { branch: 'Lyon' } }));
      expect(pages.map((item) => item.verbatim.id)).toEqual([lyon.id]);
    });
  });
});
