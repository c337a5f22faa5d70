import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open-database.js';
import { listThemes } from '../../db/themes.table.js';
import { createCliWorkspace, type CliWorkspace } from '../support/cli-workspace.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { runCli } from './run-cli.js';

/** A small taxonomy of its own: a label with markup-like text, a dotted sub-theme, a theme with an explicit parent. */
const TAXONOMY = `themes:
  - id: fees
    label: Fees & charges
    description: Anything the customer pays for
    terms:
      en: [fee, fees]
  - id: fees.card
    label: Card fees
    terms:
      en: [card]
  - id: atm
    label: Cash machine fees
    parent: fees
    terms:
      en: [atm]
  - id: staff
    label: Staff friendliness
    terms:
      en: [staff]
`;

/** Six answers about fees (two of them about the card), three about staff. */
const SURVEY = [
  'id,date,score,comment',
  '1,2026-03-02,2,The fees are far too high',
  '2,2026-03-03,3,Fees again this month',
  '3,2026-03-04,1,Card fee charged twice',
  '4,2026-03-05,4,A card fee nobody explained',
  '5,2026-03-06,2,Hidden fees everywhere',
  '6,2026-03-07,5,The fee on transfers',
  '7,2026-03-08,10,Lovely staff',
  '8,2026-03-09,9,The staff were quick',
  '9,2026-03-10,10,Staff answered at once',
].join('\n');

interface JsonReport {
  readonly drivers: readonly { theme: string; label: string; count: number }[];
  readonly hidden_themes: { min_count: number; drivers: number };
  readonly theme_labels: Record<string, string>;
}

describe.each(DATABASE_KINDS)('verbatim enrich --taxonomy fills the themes table (%s)', (kind) => {
  let dir: string;
  let env: Record<string, string>;
  let workspace: CliWorkspace | undefined;

  beforeAll(async () => {
    workspace = await createCliWorkspace(kind, 'verbatim-t-themes-');
    ({ dir, env } = workspace);
    await writeFile(path.join(dir, 'taxonomy.yaml'), TAXONOMY);
    await writeFile(path.join(dir, 'survey.csv'), SURVEY);
    expect((await runCli(['import', path.join(dir, 'survey.csv'), '--source', 'nps'], { env })).code).toBe(0);
    const enrich = await runCli(['enrich', '--taxonomy', 'taxonomy.yaml'], { env, cwd: dir });
    expect(enrich.code, enrich.stderr).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await workspace?.remove();
  });

  it('stores every theme of the taxonomy with its label, description and parent (dotted or named)', async () => {
    const opened = await openDatabase(kind === 'postgres' ? { databaseUrl: env['DATABASE_URL'] } : { dataDir: env['VERBATIM_DATA_DIR'] });
    try {
      expect(await listThemes(opened.db)).toEqual([
        { id: 'atm', parentId: 'fees', label: 'Cash machine fees', description: null },
        { id: 'fees', parentId: null, label: 'Fees & charges', description: 'Anything the customer pays for' },
        { id: 'fees.card', parentId: 'fees', label: 'Card fees', description: null },
        { id: 'staff', parentId: null, label: 'Staff friendliness', description: null },
      ]);
    } finally {
      await opened.close();
    }
  });

  it('the text report names themes by label and says how many it leaves out under the minimum count', async () => {
    const json = JSON.parse((await runCli(['report', '--format', 'json'], { env })).stdout) as JsonReport;
    expect(json.drivers.find((driver) => driver.theme === 'fees')).toMatchObject({ label: 'Fees & charges', count: 6 });
    expect(json.theme_labels).toMatchObject({ fees: 'Fees & charges', 'fees.card': 'Card fees' });
    // Every theme with 1 to 4 verbatims is left out: fees.card (2), staff (3), and what the bundled classifiers add.
    const every = JSON.parse((await runCli(['report', '--format', 'json', '--min-count', '1'], { env })).stdout) as JsonReport;
    const under = every.drivers.filter((driver) => driver.count < 5);
    expect(under.map((driver) => driver.theme)).toEqual(expect.arrayContaining(['fees.card', 'staff']));
    expect(json.hidden_themes).toEqual({ min_count: 5, drivers: under.length });
    const text = (await runCli(['report'], { env })).stdout;
    expect(text).toMatch(/^Fees & charges\s+6\s/m);
    expect(text).not.toMatch(/^fees\s/m);
    expect(text).toContain(`Themes with fewer than 5 verbatims are not shown (${under.length} themes).`);
    const all = (await runCli(['report', '--min-count', '1'], { env })).stdout;
    expect(all).toMatch(/^Card fees\s+2\s/m);
    expect(all).toMatch(/^Staff friendliness\s+3\s/m);
    expect(all).not.toContain('are not shown (');
  });
});
