import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { readThemeLabels, themeLabel } from '../../analysis/theme-labels.js';
import { down, up } from '../../db/migrations/2026-12-06-0080-theme-labels-by-language.js';
import { addTaxonomyVersion } from '../../db/taxonomy-versions.table.js';
import { syncThemes } from '../../db/themes.table.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

const NOW = new Date('2026-06-15T12:00:00.000Z');

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
  });

  describe('theme labels by interface language', () => {
    it('stores the labels of other languages with the theme; a language without one reads the default label', async () => {
      const { db } = database();
      await syncThemes(db, [
        { id: 'fees_pricing', parentId: null, label: 'Fees and pricing', description: null, labels: { fr: 'Frais et tarifs' } },
        { id: 'digital_app', parentId: null, label: 'Mobile app', description: null },
      ]);
      const french = await readThemeLabels(db, 'fr');
      expect([themeLabel(french, 'fees_pricing'), themeLabel(french, 'digital_app'), themeLabel(french, 'unknown_theme')]).toEqual(['Frais et tarifs', 'Mobile app', 'unknown_theme']);
      expect(themeLabel(await readThemeLabels(db, 'en'), 'fees_pricing')).toBe('Fees and pricing');
      expect(themeLabel(await readThemeLabels(db), 'fees_pricing')).toBe('Fees and pricing');
      // A later version without the French label takes it away.
      await syncThemes(db, [{ id: 'fees_pricing', parentId: null, label: 'Fees', description: null }]);
      expect(themeLabel(await readThemeLabels(db, 'fr'), 'fees_pricing')).toBe('Fees');
    });

    it('the migration fills the labels of existing themes from the active taxonomy version', async () => {
      const { db } = database();
      await down(db);
      await sql`insert into themes (id, parent_id, label, description) values ('fees_pricing', null, 'Fees', null), ('digital_app', null, 'App', null)`.execute(db);
      const themes = [
        { id: 'fees_pricing', label: 'Fees', labels: { fr: 'Frais' } },
        { id: 'digital_app', label: 'App' },
      ];
      await addTaxonomyVersion(db, { document: { themes: [{ id: 'fees_pricing', label: 'Fees', labels: { fr: 'Anciens frais' } }] }, author: 't', message: 'old', now: NOW });
      await addTaxonomyVersion(db, { document: { themes }, author: 't', message: 'active', now: NOW });
      await up(db);
      const rows = await db.selectFrom('themes').select(['id', 'labels']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 'digital_app', labels: {} },
        { id: 'fees_pricing', labels: { fr: 'Frais' } },
      ]);
    });
  });
});
