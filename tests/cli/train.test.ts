import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

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

    const train = await runCli(['train', '--labels', labels], { env });
    expect(train.code, train.stderr).toBe(0);
    expect(train.stdout).toMatch(/trained on 24 labelled verbatims \(3 lines skipped\)/);
    expect(train.stderr).toContain(`${labels}:4: not valid JSON`);
    expect(train.stderr).toContain(`${labels}:5: field \`themes.0\`: \`no_such_theme\` is not a theme of the taxonomy`);
    expect(train.stderr).toContain(`${labels}:6: field \`journey\`: \`teleportation\` is not a journey step`);
    const saved = JSON.parse(await readFile(path.join(dir, 'data', 'models', 'classifiers.json'), 'utf8')) as { format: string; examples: number };
    expect(saved).toMatchObject({ format: 'verbatim-classifiers/2', examples: 24 });

    const input = `${JSON.stringify({ id: 'a', text: 'Le zorblax est encore en rade, pénible' })}\n`;
    const trained = await runCli(['enrich', '--in', '-', '--out', '-'], { env, stdin: input });
    const untrained = await runCli(['enrich', '--in', '-', '--out', '-'], { env: { VERBATIM_DATA_DIR: path.join(dir, 'elsewhere') }, stdin: input });
    const themesOf = (stdout: string) => (JSON.parse(stdout) as { themes: { theme: string; evidence: string }[] }).themes;
    expect(themesOf(trained.stdout).map((theme) => theme.theme)).toContain('digital_app');
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
});
