import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClassifierFile } from '../../models/classifier/classifier-file.js';
import { runCli } from './run-cli.js';
import { seedMigratedPglite } from '../support/pglite-template.js';

/** Labelled lines in the evaluation set's format, about a product word no rule knows ("zorblax" = the app). */
function labelledLines(): string[] {
  const lines: string[] = [];
  const app = ['Le zorblax a encore planté', 'Zorblax inutilisable depuis hier', 'Impossible de lancer le zorblax', 'Le zorblax ne charge plus rien', 'zorblax lent et buggé', 'Le zorblax se ferme tout seul', 'Mise à jour du zorblax ratée', 'zorblax bloqué sur l’écran d’accueil', 'Le zorblax refuse mon code', 'Encore une panne du zorblax', 'Zorblax en rade ce matin', 'Le zorblax est une catastrophe'];
  const neutral = ['Bonne journée', 'Rien à ajouter', 'Merci à vous', 'Tout va bien', 'Comme d’habitude', 'Pas de remarque', 'Je ne sais pas', 'Sans avis', 'Aucune idée', 'Client depuis dix ans', 'Pas concerné', 'Je verrai plus tard'];
  for (const text of app) lines.push(JSON.stringify({ text, lang: 'fr', themes: [{ theme: 'digital_app', sentiment: 'negative' }], journey: 'everyday_use' }));
  for (const text of neutral) lines.push(JSON.stringify({ text, themes: [], journey: null }));
  return lines;
}

describe('verbatim train', () => {
  it('trains from labelled JSONL, reports bad lines with file, line and field, and enrich then uses the classifiers', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-train-'));
    const labels = path.join(dir, 'labels.jsonl');
    const lines = labelledLines();
    lines.splice(3, 0, '{not json', JSON.stringify({ text: 'x', themes: ['no_such_theme'] }), JSON.stringify({ text: 'y', journey: 'teleportation' }));
    await writeFile(labels, `${lines.join('\n')}\n`);
    const env = { VERBATIM_DATA_DIR: path.join(dir, 'data') };
    await seedMigratedPglite(path.join(dir, 'data'));

    const train = await runCli(['train', '--labels', labels], { env });
    expect(train.code, train.stderr).toBe(0);
    expect(train.stdout).toMatch(/trained on 24 labelled verbatims \(3 lines skipped\)/);
    // Cross-validated scores at the end: micro-F1, precision, recall, the per-label spread.
    expect(train.stdout).toMatch(/cross-validated on held-out folds/);
    expect(train.stdout).toMatch(/themes {4}micro-F1 \d\.\d{3} \(precision \d\.\d{3}, recall \d\.\d{3}\), per-label F1 min/);
    expect(train.stderr).toContain(`${labels}:4: not valid JSON`);
    expect(train.stderr).toContain(`${labels}:5: field \`themes.0\`: \`no_such_theme\` is not a theme of the taxonomy`);
    expect(train.stderr).toContain(`${labels}:6: field \`journey\`: \`teleportation\` is not a journey step`);
    const saved = JSON.parse(await readFile(path.join(dir, 'data', 'models', 'classifiers.json'), 'utf8')) as { format: string; examples: number };
    expect(saved).toMatchObject({ format: 'verbatim-classifiers/3', examples: 24 });

    const input = `${JSON.stringify({ id: 'a', text: 'Le zorblax est encore en rade, pénible' })}\n`;
    const trained = await runCli(['enrich', '--in', '-', '--out', '-'], { env, stdin: input });
    const untrained = await runCli(['enrich', '--in', '-', '--out', '-'], { env: { VERBATIM_DATA_DIR: path.join(dir, 'elsewhere') }, stdin: input });
    const themesOf = (stdout: string) => (JSON.parse(stdout) as { themes: { theme: string; confidence: number; evidence: string }[] }).themes;
    expect(themesOf(trained.stdout).map((theme) => theme.theme)).toContain('digital_app');
    const confidence = themesOf(trained.stdout).find((theme) => theme.theme === 'digital_app')?.confidence;
    expect(confidence).toBeGreaterThan(0);
    expect(confidence).toBeLessThanOrEqual(1);
    expect(themesOf(trained.stdout)[0]?.evidence).toContain('zorblax');
    expect(themesOf(untrained.stdout).map((theme) => theme.theme)).not.toContain('digital_app');
  });

  it('refuses to train on too few usable lines, and a missing classifier file named on enrich is an error', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-train-'));
    const labels = path.join(dir, 'few.jsonl');
    await writeFile(labels, `${labelledLines().slice(0, 5).join('\n')}\n`);
    const train = await runCli(['train', '--labels', labels], { env: { VERBATIM_DATA_DIR: dir } });
    expect(train.code).toBe(1);
    expect(train.stderr).toMatch(/5 usable labelled verbatims; at least 20 are needed/);

    const enrich = await runCli(['enrich', '--in', '-', '--out', '-', '--classifier', path.join(dir, 'missing.json')], { stdin: '{"id":"a","text":"x"}\n' });
    expect(enrich.code).toBe(1);
    expect(enrich.stderr).toMatch(/missing\.json: cannot read the classifier file/);
  });

  it('--threshold P gives every theme that threshold, auto chooses them by cross-validation, anything else is a usage error', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-train-'));
    const labels = path.join(dir, 'labels.jsonl');
    await writeFile(labels, `${labelledLines().join('\n')}\n`);
    const fixed = await runCli(['train', '--labels', labels, '--threshold', '0.65', '--out', path.join(dir, 'fixed.json')]);
    expect(fixed.code, fixed.stderr).toBe(0);
    const auto = await runCli(['train', '--labels', labels, '--out', path.join(dir, 'auto.json')]);
    expect(auto.code, auto.stderr).toBe(0);
    const themesOf = async (file: string) => {
      const classifiers = await loadClassifierFile(file);
      if (classifiers.format !== 'verbatim-classifiers/3') throw new Error(`unexpected format ${classifiers.format}`);
      return classifiers.themes;
    };
    expect((await themesOf(path.join(dir, 'fixed.json'))).thresholds).toEqual([0.65]);
    const chosen = await themesOf(path.join(dir, 'auto.json'));
    expect(chosen.thresholds).toHaveLength(1);
    expect(chosen.thresholds[0]).not.toBe(0.65);
    expect(auto.stdout).toMatch(/thresholds \d\.\d\d/);

    const bad = await runCli(['train', '--labels', labels, '--threshold', 'high']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Expected `--threshold` to be `auto` or a probability from 0 to 1, got `high`/);
  });
});
