import { beforeEach, describe, expect, it } from 'vitest';
import { finishRun, lastRuns, startRun } from '../../db/runs.table.js';
import { getSourceState, listSources, saveSourceState } from '../../db/sources.table.js';
import { listThemes, syncThemes } from '../../db/themes.table.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
  });

  describe('sources', () => {
    it('keeps a scraper state across saves, replacing it on each save', async () => {
      const { db } = database();
      expect(await getSourceState(db, 'store-fr')).toBeUndefined();
      await saveSourceState(db, { name: 'store-fr', kind: 'app-store', url: 'https://example.test/app', state: { etag: '"v1"', seen: ['r1'] } });
      await saveSourceState(db, { name: 'store-fr', kind: 'app-store', url: 'https://example.test/app', state: { etag: '"v2"', seen: ['r1', 'r2'] } });
      expect(await getSourceState(db, 'store-fr')).toEqual({ etag: '"v2"', seen: ['r1', 'r2'] });
      expect((await listSources(db)).map((s) => [s.name, s.kind])).toEqual([['store-fr', 'app-store']]);
    });
  });

  describe('themes', () => {
    it('upserts the taxonomy: changed labels replaced, nothing duplicated', async () => {
      const { db } = database();
      const taxonomy = [
        { id: 'fees_pricing', parentId: null, label: 'Fees', description: null },
        { id: 'fees_pricing.card', parentId: 'fees_pricing', label: 'Card fees', description: 'Annual card fee, foreign fees' },
      ];
      expect(await syncThemes(db, taxonomy)).toBe(2);
      expect(await syncThemes(db, [{ ...taxonomy[0]!, label: 'Fees & pricing' }, taxonomy[1]!])).toBe(2);
      expect(await listThemes(db)).toEqual([{ ...taxonomy[0], label: 'Fees & pricing' }, taxonomy[1]]);
    });
  });

  describe('runs', () => {
    it('records runs and returns the latest first', async () => {
      const { db } = database();
      const first = await startRun(db, 'import', new Date('2026-06-01T10:00:00Z'));
      await finishRun(db, first, 'succeeded', { imported: 2000, skipped: 3 }, new Date('2026-06-01T10:00:05Z'));
      const second = await startRun(db, 'enrich', new Date('2026-06-01T10:01:00Z'));
      const runs = await lastRuns(db, 5);
      expect(runs.map((r) => [r.id, r.kind, r.status])).toEqual([
        [second, 'enrich', 'running'],
        [first, 'import', 'succeeded'],
      ]);
      expect(runs[1]).toMatchObject({ stats: { imported: 2000, skipped: 3 }, finished_at: new Date('2026-06-01T10:00:05Z') });
      expect(await lastRuns(db, 1)).toHaveLength(1);
      await expect(finishRun(db, 424_242, 'failed', {}, new Date())).rejects.toThrow('run 424242 does not exist');
    });
  });
});
