import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY_PATH } from '../../models/fast-tier.js';
import { loadTaxonomy, parseTaxonomy } from '../../models/themes/taxonomy.js';
import { ConfigError } from '../../core/errors.js';

/** The message parseTaxonomy throws, or 'ok'. */
function problems(text: string, file: string): string {
  try {
    parseTaxonomy(text, file);
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
}

const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

describe('taxonomy validation names file:line: field, every problem at once', () => {
  it.each([
    [
      'a typo in a key is an unknown key at its own line',
      yaml('themes:', '  - id: fees', '    label: Fees', '    excludes: { fr: [sans frais] }'),
      'my.yaml:4: field `themes[0].excludes`: unknown key `excludes` (expected one of: id, label, labels, description, parent, aliases, terms, phrases, stems, patterns, exclude, examples, confidence)',
    ],
    [
      'two unknown keys in two themes, and a bad language code',
      yaml('themes:', '  - id: a', '    label: A', '    term: { en: [x] }', '  - id: b', '    label: B', '    terms:', '      french: [frais]', '    lemma: { en: [fee] }'),
      [
        'my.yaml:4: field `themes[0].term`: unknown key `term` (expected one of: id, label, labels, description, parent, aliases, terms, phrases, stems, patterns, exclude, examples, confidence)',
        'my.yaml:8: field `themes[1].terms.french`: expected an ISO 639-1 language code',
        'my.yaml:9: field `themes[1].lemma`: unknown key `lemma` (expected one of: id, label, labels, description, parent, aliases, terms, phrases, stems, patterns, exclude, examples, confidence)',
      ].join('\n'),
    ],
    [
      'an unknown top-level key',
      yaml('themes:', '  - id: a', '    label: A', 'theme_list: []'),
      'my.yaml:4: field `theme_list`: unknown key `theme_list` (expected one of: themes)',
    ],
    [
      'a missing label points at its theme; a bad id and confidence at their own lines',
      yaml('themes:', '  - id: Bad Id', '    label: A', '  - id: b', '    confidence: 1.5'),
      [
        'my.yaml:2: field `themes[0].id`: expected a lower_snake_case id (dots for sub-themes)',
        'my.yaml:4: field `themes[1].label`: Invalid input: expected string, received undefined',
        'my.yaml:5: field `themes[1].confidence`: Too big: expected number to be <=1',
      ].join('\n'),
    ],
    [
      'a list where a language map is expected',
      yaml('themes:', '  - id: a', '    label: A', '    terms: [frais]'),
      'my.yaml:4: field `themes[0].terms`: Invalid input: expected record, received array',
    ],
    [
      'duplicate ids, unknown parents and bad patterns, all of them',
      yaml('themes:', '  - id: a', '    label: A', '    patterns: ["(["]', '  - id: a', '    label: B', '    parent: nope'),
      [
        'my.yaml:4: field `themes[0].patterns[0]`: Invalid regular expression: /([/u: Unterminated character class',
        'my.yaml:5: field `themes[1].id`: duplicate theme id `a`',
        'my.yaml:7: field `themes[1].parent`: `nope` is not a theme of this taxonomy',
      ].join('\n'),
    ],
    [
      'a theme that is its own parent',
      yaml('themes:', '  - id: a', '    label: A', '    parent: a'),
      'my.yaml:4: field `themes[0].parent`: parent cycle `a` → `a`: a theme cannot be its own ancestor',
    ],
    [
      'a parent cycle through three themes, once, at the first of them in the file (not at a theme that only leads into it)',
      yaml('themes:', '  - id: a', '    label: A', '    parent: c', '  - id: b', '    label: B', '    parent: a', '  - id: c', '    label: C', '    parent: b', '  - id: d', '    label: D', '    parent: b'),
      'my.yaml:4: field `themes[0].parent`: parent cycle `a` → `c` → `b` → `a`: a theme cannot be its own ancestor',
    ],
    [
      'two cycles and an unknown parent, all of them',
      yaml('themes:', '  - id: x', '    label: X', '    parent: y', '  - id: y', '    label: Y', '    parent: x', '  - id: z', '    label: Z', '    parent: z', '  - id: w', '    label: W', '    parent: nope'),
      [
        'my.yaml:4: field `themes[0].parent`: parent cycle `x` → `y` → `x`: a theme cannot be its own ancestor',
        'my.yaml:10: field `themes[2].parent`: parent cycle `z` → `z`: a theme cannot be its own ancestor',
        'my.yaml:13: field `themes[3].parent`: `nope` is not a theme of this taxonomy',
      ].join('\n'),
    ],
    [
      'a three-level hierarchy without a cycle is fine',
      yaml('themes:', '  - id: fees.card.atm', '    label: ATM', '    parent: fees.card', '  - id: fees.card', '    label: Card', '    parent: fees', '  - id: fees', '    label: Fees'),
      'ok',
    ],
    ['an empty file', '', 'my.yaml:1: Invalid input: expected object, received null'],
    [
      'YAML syntax errors, with their lines',
      yaml('themes:', '  - id: a', '    label: [A', '  - id: b'),
      expect.stringMatching(/^my\.yaml:\d: not valid YAML: /),
    ],
  ])('%s', (_, text, expected) => {
    expect(problems(text, 'my.yaml')).toEqual(expected);
  });

  it.each([
    ['a valid JSON taxonomy', '{ "themes": [ { "id": "fees", "label": "Fees", "terms": { "fr": ["frais"] } } ] }', 'ok'],
    ['a trailing comma is a JSON syntax error at its line', '{\n  "themes": [\n    { "id": "a", "label": "A", }\n  ]\n}\n', expect.stringMatching(/^t\.json:3: not valid JSON: /)],
    ['an unquoted key is a JSON syntax error (YAML would accept it)', '{\n  themes: []\n}\n', expect.stringMatching(/^t\.json:2: not valid JSON: /)],
    [
      'JSON schema problems at their lines',
      '{\n  "themes": [\n    {\n      "id": "a",\n      "label": "A",\n      "exclude": { "fr": "sans frais" },\n      "excludes": {}\n    }\n  ]\n}\n',
      [
        't.json:6: field `themes[0].exclude.fr`: Invalid input: expected array, received string',
        't.json:7: field `themes[0].excludes`: unknown key `excludes` (expected one of: id, label, labels, description, parent, aliases, terms, phrases, stems, patterns, exclude, examples, confidence)',
      ].join('\n'),
    ],
  ])('JSON: %s', (_, text, expected) => {
    expect(problems(text, 't.json')).toEqual(expected);
  });

  it('loads a .json file from disk, and the bundled default.yaml still loads', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'verbatim-taxonomy-'));
    try {
      const file = path.join(dir, 'taxonomy.json');
      await writeFile(file, JSON.stringify({ themes: [{ id: 'fees', label: 'Fees', terms: { en: ['fee'] }, confidence: 0.7 }] }));
      expect((await loadTaxonomy(file)).themes).toEqual([
        { id: 'fees', label: 'Fees', terms: { en: ['fee'] }, phrases: {}, stems: {}, patterns: [], exclude: {}, confidence: 0.7 },
      ]);
      expect((await loadTaxonomy(DEFAULT_TAXONOMY_PATH)).themes.length).toBeGreaterThan(5);
      expect(problems(await readFile(DEFAULT_TAXONOMY_PATH, 'utf8'), DEFAULT_TAXONOMY_PATH)).toBe('ok');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
