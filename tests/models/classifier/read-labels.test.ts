import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLabels } from '../../../models/classifier/read-labels.js';
import { applyEdit } from '../../../models/themes/taxonomy-edit.js';
import { currentThemeId } from '../../../models/themes/theme-aliases.js';
import { parseTaxonomy } from '../../../models/themes/taxonomy.js';
import type { LanguageDetector } from '../../../models/types.js';

const TAXONOMY = parseTaxonomy(
  `themes:
  - id: fees
    label: Fees
    terms: { en: [fee] }
  - id: charges
    label: Charges
    terms: { en: [charge] }
  - id: staff
    label: Staff
    terms: { en: [staff] }
`,
  'labels-taxonomy.yaml',
);

const NO_DETECTION: LanguageDetector = {
  version: 'none',
  detect: () => {
    throw new Error('every line names its language');
  },
};

async function labelsFile(lines: readonly object[]): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'verbatim-labels-')), 'labels.jsonl');
  await writeFile(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  return file;
}

describe('readLabels', () => {
  it('reads a theme merged away since as the theme it was merged into, once, and still refuses an unknown id', async () => {
    const merged = applyEdit(TAXONOMY, { op: 'merge', from: 'charges', into: 'fees' });
    const file = await labelsFile([
      { text: 'The charge was too high', lang: 'en', themes: ['charges'] },
      { text: 'A fee and a charge', lang: 'en', themes: ['fees', { theme: 'charges' }] },
      { text: 'Lovely staff', lang: 'en', themes: ['staff', 'no_such_theme'] },
    ]);
    const { examples, problems } = await readLabels(file, currentThemeId(merged), NO_DETECTION);
    expect(examples.map((example) => example.themes)).toEqual([['fees'], ['fees']]);
    expect(problems.map((problem) => problem.describe())).toEqual([`${file}:3: field \`themes.1\`: \`no_such_theme\` is not a theme of the taxonomy`]);
  });

  it('with a plain set of ids, an id outside it is refused', async () => {
    const file = await labelsFile([{ text: 'The charge was too high', lang: 'en', themes: ['charges'] }]);
    const { examples, problems } = await readLabels(file, new Set(['fees', 'staff']), NO_DETECTION);
    expect(examples).toEqual([]);
    expect(problems).toHaveLength(1);
  });
});
