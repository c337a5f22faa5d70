import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { applyEdit, idMapOf, type TaxonomyEdit } from '../../models/themes/taxonomy-edit.js';
import { diffTaxonomies, formatTaxonomyDiff, isEmptyDiff } from '../../models/themes/taxonomy-diff.js';
import { taxonomyText } from '../../models/themes/taxonomy-edit-export.js';
import { parseTaxonomy, type Taxonomy } from '../../models/themes/taxonomy.js';

const BASE: Taxonomy = parseTaxonomy(
  `themes:
  - id: fees
    label: Fees
    terms: { en: [fee, fees, card], fr: [frais] }
    phrases: { en: [hidden fees] }
  - id: charges
    label: Charges
    terms: { en: [charge] }
    patterns: ['\\bapr\\b']
  - id: staff
    label: Staff
    terms: { en: [staff, advisor] }
  - id: staff.tone
    label: Tone
    parent: staff
    terms: { en: [rude] }
`,
  'base.yaml',
);

const theme = (taxonomy: Taxonomy, id: string) => taxonomy.themes.find((candidate) => candidate.id === id);

describe('applyEdit', () => {
  it('relabels in English and French, keeping the id', () => {
    const edited = applyEdit(BASE, { op: 'label', theme: 'fees', label: 'Bank charges', labels: { fr: 'Frais bancaires' } });
    expect(theme(edited, 'fees')).toMatchObject({ id: 'fees', label: 'Bank charges', labels: { fr: 'Frais bancaires' }, terms: { en: ['fee', 'fees', 'card'] } });
    expect(theme(BASE, 'fees')?.label).toBe('Fees');
  });

  it('merges A into B: words and patterns joined, A removed, its children re-parented, the id mapped', () => {
    const edit: TaxonomyEdit = { op: 'merge', from: 'charges', into: 'fees' };
    const edited = applyEdit(BASE, edit);
    expect(theme(edited, 'charges')).toBeUndefined();
    expect(theme(edited, 'fees')?.terms).toEqual({ en: ['fee', 'fees', 'card', 'charge'], fr: ['frais'] });
    expect(theme(edited, 'fees')?.patterns).toEqual(['\\bapr\\b']);
    expect(idMapOf(edit)).toEqual({ charges: 'fees' });
    const parentMerged = applyEdit(BASE, { op: 'merge', from: 'staff', into: 'fees' });
    expect(theme(parentMerged, 'staff.tone')?.parent).toBe('fees');
  });

  it('splits chosen terms and phrases into a new theme next to the old one', () => {
    const edited = applyEdit(BASE, { op: 'split', theme: 'fees', id: 'card_fees', label: 'Card fees', terms: { en: ['card', 'hidden fees'] } });
    expect(theme(edited, 'fees')?.terms).toEqual({ en: ['fee', 'fees'], fr: ['frais'] });
    expect(theme(edited, 'fees')?.phrases).toEqual({});
    expect(theme(edited, 'card_fees')).toMatchObject({ label: 'Card fees', terms: { en: ['card'] }, phrases: { en: ['hidden fees'] } });
    expect(edited.themes.map((t) => t.id).slice(0, 2)).toEqual(['fees', 'card_fees']);
  });

  it('moves under a parent and back to the top level', () => {
    const moved = applyEdit(BASE, { op: 'move', theme: 'charges', parent: 'fees' });
    expect(theme(moved, 'charges')?.parent).toBe('fees');
    expect(theme(applyEdit(moved, { op: 'move', theme: 'charges', parent: null }), 'charges')?.parent).toBeUndefined();
  });

  it('adds and removes terms, phrases, exclusions and example verbatims', () => {
    const added = applyEdit(BASE, { op: 'add-words', theme: 'fees', kind: 'exclude', words: { en: ['no fees'] } });
    expect(theme(added, 'fees')?.exclude).toEqual({ en: ['no fees'] });
    const removed = applyEdit(BASE, { op: 'remove-words', theme: 'fees', kind: 'terms', words: { fr: ['frais'] } });
    expect(theme(removed, 'fees')?.terms).toEqual({ en: ['fee', 'fees', 'card'] });
    const examples = applyEdit(BASE, { op: 'add-examples', theme: 'fees', examples: ['Far too many fees', ' '] });
    expect(theme(examples, 'fees')?.examples).toEqual(['Far too many fees']);
    expect(theme(applyEdit(examples, { op: 'remove-examples', theme: 'fees', examples: ['Far too many fees'] }), 'fees')?.examples).toBeUndefined();
  });

  it('creates a theme from a suggested one: label and top terms (phrases when they have spaces)', () => {
    const edited = applyEdit(BASE, { op: 'create', id: 'mobile_payments', label: 'Mobile payments', terms: { en: ['apple pay', 'nfc'] }, parent: 'fees' });
    expect(theme(edited, 'mobile_payments')).toMatchObject({ parent: 'fees', terms: { en: ['nfc'] }, phrases: { en: ['apple pay'] }, confidence: 0.9 });
  });

  it.each<[string, TaxonomyEdit, RegExp]>([
    ['an unknown theme', { op: 'label', theme: 'nope', label: 'X' }, /theme `nope` is not a theme of this taxonomy/],
    ['a merge into itself', { op: 'merge', from: 'fees', into: 'fees' }, /cannot merge `fees` into itself/],
    ['a merge into its own sub-theme', { op: 'merge', from: 'staff', into: 'staff.tone' }, /its own sub-theme/],
    ['a split of a term the theme lacks', { op: 'split', theme: 'fees', id: 'x', label: 'X', terms: { en: ['nope'] } }, /has no en term `nope`/],
    ['a duplicate id', { op: 'create', id: 'staff', label: 'Again', terms: { en: ['x'] } }, /duplicate theme id `staff`/],
    ['a bad id', { op: 'create', id: 'Bad Id', label: 'X', terms: { en: ['x'] } }, /lower_snake_case/],
    ['a parent cycle', { op: 'move', theme: 'staff', parent: 'staff.tone' }, /parent cycle/],
    ['a new theme without terms', { op: 'create', id: 'empty', label: 'Empty', terms: {} }, /needs at least one term/],
    ['removing a word that is not there', { op: 'remove-words', theme: 'fees', kind: 'phrases', words: { fr: ['x'] } }, /has no fr phrases `x`/],
    ['an empty label', { op: 'label', theme: 'fees', label: ' ' }, /edited taxonomy\.json:\d+: field `themes\[0\]\.label`/],
  ])('refuses %s with a clear error', (_name, edit, message) => {
    expect(() => applyEdit(BASE, edit)).toThrow(ConfigError);
    expect(() => applyEdit(BASE, edit)).toThrow(message);
  });
});

describe('diffTaxonomies', () => {
  it('says what was added, removed, relabelled, moved, which aliases and which words changed per theme', () => {
    let after = applyEdit(BASE, { op: 'merge', from: 'charges', into: 'fees' });
    after = applyEdit(after, { op: 'label', theme: 'staff', label: 'People' });
    after = applyEdit(after, { op: 'create', id: 'app', label: 'App', terms: { en: ['app'] } });
    after = applyEdit(after, { op: 'move', theme: 'staff.tone', parent: null });
    after = applyEdit(after, { op: 'remove-words', theme: 'fees', kind: 'terms', words: { fr: ['frais'] } });
    const diff = diffTaxonomies(BASE, after);
    expect(diff).toEqual({
      added: [{ id: 'app', label: 'App' }],
      removed: [{ id: 'charges', label: 'Charges' }],
      relabelled: [{ id: 'staff', from: 'Staff', to: 'People' }],
      moved: [{ id: 'staff.tone', from: 'staff', to: null }],
      aliases: [{ id: 'fees', added: ['charges'], removed: [] }],
      words: [
        {
          id: 'fees',
          changes: [
            { kind: 'terms', lang: 'en', added: ['charge'], removed: [] },
            { kind: 'terms', lang: 'fr', added: [], removed: ['frais'] },
            { kind: 'patterns', lang: null, added: ['\\bapr\\b'], removed: [] },
          ],
        },
      ],
    });
    expect(formatTaxonomyDiff(diff)).toBe(
      [
        '+ app: new theme "App"',
        '- charges: removed ("Charges")',
        '~ staff: label "Staff" → "People"',
        '> staff.tone: parent staff → (none)',
        '= fees: aliases +charges',
        '  fees: en terms +charge',
        '  fees: fr terms -frais',
        '  fees: patterns +\\bapr\\b',
        '',
      ].join('\n'),
    );
  });

  it('sees an alias given back: a new theme that takes a merged-away id removes it from the aliases', () => {
    const merged = applyEdit(BASE, { op: 'merge', from: 'charges', into: 'fees' });
    const recreated = applyEdit(merged, { op: 'create', id: 'charges', label: 'Charges again', terms: { en: ['charge'] } });
    const diff = diffTaxonomies(merged, recreated);
    expect(diff.aliases).toEqual([{ id: 'fees', added: [], removed: ['charges'] }]);
    expect(formatTaxonomyDiff(diff)).toContain('= fees: aliases -charges\n');
  });

  it('finds nothing between a taxonomy and itself, or its exported file read back', () => {
    expect(isEmptyDiff(diffTaxonomies(BASE, BASE))).toBe(true);
    expect(formatTaxonomyDiff(diffTaxonomies(BASE, BASE))).toBe('no change\n');
    for (const format of ['yaml', 'json'] as const) {
      const again = parseTaxonomy(taxonomyText(BASE, format), `again.${format}`);
      expect(isEmptyDiff(diffTaxonomies(BASE, again))).toBe(true);
      expect(again).toEqual(BASE);
    }
  });
});
