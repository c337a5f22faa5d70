import { describe, expect, it } from 'vitest';
import { taxonomyText } from '../../../models/themes/taxonomy-edit-export.js';
import { parseTaxonomy } from '../../../models/themes/taxonomy.js';
import { currentThemeId } from '../../../models/themes/theme-aliases.js';

const MERGED = `themes:
  - id: fees
    label: Fees
    aliases: [charges, card_fees]
    terms: { en: [fee] }
  - id: app
    label: App
    terms: { en: [app] }
`;

describe('theme aliases (ids merged into a theme)', () => {
  it('reads an alias as its theme, a theme as itself, anything else as gone', () => {
    const current = currentThemeId(parseTaxonomy(MERGED, 'merged.yaml'));
    expect(['fees', 'charges', 'card_fees', 'app', 'removed_theme'].map(current)).toEqual(['fees', 'fees', 'fees', 'app', undefined]);
  });

  it('survives export and import (a team keeping its taxonomy in git keeps its merges)', () => {
    const exported = taxonomyText(parseTaxonomy(MERGED, 'merged.yaml'));
    expect(exported).toContain('aliases: [ charges, card_fees ]');
    expect(parseTaxonomy(exported, 'again.yaml').themes[0]?.aliases).toEqual(['charges', 'card_fees']);
  });

  it.each([
    [MERGED.replace('aliases: [charges, card_fees]', 'aliases: [charges, app]'), 'bad.yaml:4: field `themes[0].aliases[1]`: `app` is a theme of this taxonomy, so it cannot be an alias'],
    [MERGED.replace('terms: { en: [app] }', 'aliases: [charges]\n    terms: { en: [app] }'), 'bad.yaml:8: field `themes[1].aliases[0]`: `charges` is already an alias of `fees`'],
    [MERGED.replace('aliases: [charges, card_fees]', 'aliases: [Charges]'), 'bad.yaml:4: field `themes[0].aliases[0]`: expected a lower_snake_case id'],
  ])('refuses a bad alias, naming line and field (%#)', (text, message) => {
    expect(() => parseTaxonomy(text, 'bad.yaml')).toThrow(message);
  });
});
