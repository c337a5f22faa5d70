import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open-database.js';
import { ALERTS_YAML, seedAlertsData } from '../analysis/alerts-fixture.js';
import { createCliWorkspace, type CliWorkspace } from '../support/cli-workspace.js';
import { DATABASE_KINDS } from '../support/databases.js';
import { runCli } from './run-cli.js';

describe.each(DATABASE_KINDS)('verbatim alerts run, and the alerts after import (%s)', (kind) => {
  let dir: string;
  let env: Record<string, string>;
  let workspace: CliWorkspace | undefined;

  beforeAll(async () => {
    workspace = await createCliWorkspace(kind, 'verbatim-t-alerts-');
    ({ dir, env } = workspace);
    await mkdir(path.join(dir, 'data'), { recursive: true });
    const opened = await openDatabase({ dataDir: env['VERBATIM_DATA_DIR'], databaseUrl: env['DATABASE_URL'] });
    try {
      await seedAlertsData(opened.db);
    } finally {
      await opened.close();
    }
    await writeFile(path.join(dir, 'rules.yaml'), ALERTS_YAML);
  });

  afterAll(async () => {
    await workspace?.remove();
  });

  it('prints what it raised, and nothing new the second time', async () => {
    const args = ['alerts', 'run', '--rules', path.join(dir, 'rules.yaml'), '--now', '2026-06-15T12:00:00Z'];
    const first = await runCli(args, { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^2 rules evaluated, 2 new alerts \(0 already raised\)\n#1 Spike: volume of theme fees_pricing 30 in 2026-W24.*\n#2 Threshold: NPS of all verbatims \(branch=Lyon\) -100\.0 in 2026-W24/);
    const second = await runCli(args, { env });
    expect(second.stdout).toBe('2 rules evaluated, 0 new alerts (2 already raised)\n');
  });

  it.each([
    ['a missing rules file', 'missing.yaml', /missing\.yaml: no such rules file/],
    ['an invalid rule', 'bad.yaml', /bad\.yaml at `rules\.0\.z`/],
  ])('refuses %s', async (_name, file, message) => {
    await writeFile(path.join(dir, 'bad.yaml'), 'rules:\n  - { id: a, kind: spike, z: -1 }');
    const run = await runCli(['alerts', 'run', '--rules', path.join(dir, file)], { env });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(message);
  });

  it('evaluates the default rules after an import, and a broken rules file does not fail the import', async () => {
    const survey = path.join(dir, 'survey.csv');
    await writeFile(survey, 'id;date;score;comment\n1;2026-06-10;2;les frais\n');
    await writeFile(path.join(env['VERBATIM_DATA_DIR'] ?? '', 'alerts.yaml'), 'rules:\n  - { id: lyon, kind: threshold, metric: nps, below: 0 }\n');
    const imported = await runCli(['import', survey, '--source', 'csv-a'], { env });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/import: alerts: 1 rules evaluated, \d+ new alerts/);

    await writeFile(path.join(env['VERBATIM_DATA_DIR'] ?? '', 'alerts.yaml'), 'rules: [');
    const again = await runCli(['import', survey, '--source', 'csv-b'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/import: alerts not evaluated: .*alerts\.yaml: not valid YAML/);
  });

  it('evaluates them after an enrich too', async () => {
    await writeFile(path.join(env['VERBATIM_DATA_DIR'] ?? '', 'alerts.yaml'), 'rules:\n  - { id: fees, kind: spike, theme: fees_pricing }\n');
    const enriched = await runCli(['enrich'], { env });
    expect(enriched.code, enriched.stderr).toBe(0);
    expect(enriched.stderr).toMatch(/enrich: alerts: 1 rules evaluated, 0 new alerts/);
  });
});
