import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliWorkspace, type CliWorkspace } from '../support/cli-workspace.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { runCli } from './run-cli.js';

/** Four answers about a mortgage (no theme of the bundled taxonomy names it), three about fees. */
const SURVEY = [
  'id,date,score,comment',
  '1,2026-03-02,2,My mortgage renewal was a mess',
  '2,2026-03-03,3,The mortgage offer came too late',
  '3,2026-03-04,9,Great mortgage rate',
  '4,2026-03-05,1,Mortgage paperwork lost twice',
  '5,2026-03-06,2,The fees are far too high',
  '6,2026-03-07,3,Hidden fees everywhere',
  '7,2026-03-08,10,Lovely staff',
].join('\n');

interface PreviewJson {
  readonly diff: { added: { id: string; label: string }[]; relabelled: { id: string; to: string }[] };
  readonly preview: { scanned: number; changed: number; themes: { theme: string; gained: number; lost: number; mentionsAfter: number; gainedSamples: { text: string }[] }[] };
}

describe.each(DATABASE_KINDS)('verbatim taxonomy export|diff|import|history|undo (%s)', (kind) => {
  let dir: string;
  let env: Record<string, string>;
  let workspace: CliWorkspace | undefined;
  const run = (...args: string[]) => runCli(args, { env, cwd: dir });

  beforeAll(async () => {
    workspace = await createCliWorkspace(kind, 'verbatim-t-taxonomy-');
    ({ dir, env } = workspace);
    await writeFile(path.join(dir, 'survey.csv'), SURVEY);
    const imported = await run('import', path.join(dir, 'survey.csv'), '--source', 'nps');
    expect(imported.code, imported.stderr).toBe(0);
    const enrich = await run('enrich');
    expect(enrich.code, enrich.stderr).toBe(0);
  }, 180_000);

  afterAll(async () => {
    await workspace?.remove();
  });

  it('round-trips a version through a file, previews an edit, applies it as version 2 with a re-tag, and undoes it', async () => {
    // The first enrich stored the bundled taxonomy as version 1.
    expect((await run('taxonomy', 'history')).stdout).toMatch(/^\* v1 .* verbatim {2}the bundled taxonomy/m);
    expect((await run('taxonomy', 'export', '--out', 'v1.yaml')).code).toBe(0);
    const exported = await readFile(path.join(dir, 'v1.yaml'), 'utf8');
    expect(exported).toContain('- id: fees_pricing\n    label: Fees and pricing\n');
    expect((await run('taxonomy', 'diff', 'v1.yaml')).stdout).toContain('no change');

    const edited = exported
      .replace('label: Fees and pricing', 'label: Bank charges\n    labels: { fr: Frais bancaires }')
      .concat('  - id: mortgage\n    label: Mortgages\n    terms: { en: [mortgage*] }\n');
    await writeFile(path.join(dir, 'v2.yaml'), edited);

    const preview = await run('taxonomy', 'diff', 'v2.yaml', '--format', 'json');
    expect(preview.code, preview.stderr).toBe(0);
    const json = JSON.parse(preview.stdout) as PreviewJson;
    expect(json.diff.added).toEqual([{ id: 'mortgage', label: 'Mortgages' }]);
    expect(json.diff.relabelled).toEqual([{ id: 'fees_pricing', from: 'Fees and pricing', to: 'Bank charges (fr: Frais bancaires)' }]);
    expect(json.preview.scanned).toBe(7);
    const mortgage = json.preview.themes.find((theme) => theme.theme === 'mortgage');
    expect(mortgage).toMatchObject({ gained: 4, lost: 0, mentionsAfter: 4 });
    expect(mortgage?.gainedSamples.map((sample) => sample.text)).toContain('Great mortgage rate');
    const text = (await run('taxonomy', 'diff', 'v2.yaml')).stdout;
    expect(text).toContain('+ mortgage: new theme "Mortgages"');
    expect(text).toMatch(/^ {2}mortgage: \+4 -0 verbatims; mentions 0 → 4; impact — → [+-]\d/m);

    const applied = await run('taxonomy', 'import', 'v2.yaml', '--message', 'mortgages and a new fees label', '--author', 'ana');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toBe('taxonomy version 2 stored and active; 7 verbatims re-tagged\n');
    expect((await run('taxonomy', 'history')).stdout).toMatch(/^\* v2 .* ana {2}mortgages and a new fees label\n {2}v1 /m);
    expect((await run('taxonomy', 'diff', '1', 'v2')).stdout).toContain('~ fees_pricing: label "Fees and pricing" → "Bank charges (fr: Frais bancaires)"');
    const report = JSON.parse((await run('report', '--format', 'json', '--min-count', '1')).stdout) as { drivers: { theme: string; label: string; count: number }[] };
    expect(report.drivers.find((driver) => driver.theme === 'mortgage')).toMatchObject({ label: 'Mortgages', count: 4 });
    expect(report.drivers.find((driver) => driver.theme === 'fees_pricing')?.label).toBe('Bank charges');
    expect((await run('taxonomy', 'export', 'v2')).stdout).toContain('label: Bank charges\n    labels:\n      fr: Frais bancaires\n');

    // Enrich now tags with version 2 (its file under the data dir), not the bundled taxonomy.
    await writeFile(path.join(dir, 'more.csv'), 'id,date,score,comment\n8,2026-03-09,4,Mortgage insurance is a scam\n');
    expect((await run('import', path.join(dir, 'more.csv'), '--source', 'nps')).code).toBe(0);
    expect((await run('enrich')).code).toBe(0);
    const after = JSON.parse((await run('report', '--format', 'json', '--min-count', '1')).stdout) as { drivers: { theme: string; count: number }[] };
    expect(after.drivers.find((driver) => driver.theme === 'mortgage')?.count).toBe(5);

    const undo = await run('taxonomy', 'undo');
    expect(undo.stdout).toBe('taxonomy version 1 active again (was 2); 8 verbatims re-tagged\n');
    const back = JSON.parse((await run('report', '--format', 'json', '--min-count', '1')).stdout) as { drivers: { theme: string; label: string }[] };
    expect(back.drivers.some((driver) => driver.theme === 'mortgage')).toBe(false);
    expect(back.drivers.find((driver) => driver.theme === 'fees_pricing')?.label).toBe('Fees and pricing');
    const again = await run('taxonomy', 'undo');
    expect([again.code, again.stderr]).toEqual([1, 'verbatim: version 1 is the first: nothing to undo\n']);
  }, 240_000);

  it('refuses an invalid file with its line and field, and stores nothing', async () => {
    await writeFile(path.join(dir, 'bad.yaml'), 'themes:\n  - id: fees\n    label: Fees\n    parent: nowhere\n');
    const bad = await run('taxonomy', 'import', 'bad.yaml');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.yaml:4: field `themes[0].parent`: `nowhere` is not a theme of this taxonomy');
    expect((await run('taxonomy', 'diff', '9', '1')).stderr).toContain('no taxonomy version 9');
    expect((await run('taxonomy', 'history')).stdout.split('\n').filter((line) => line !== '')).toHaveLength(2);
  }, 60_000);
});
