import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../core/errors.js';
import { loadBundledScorers } from '../../../models/classifier/bundled-scorers.js';
import { classifierScorers } from '../../../models/classifier/classifier-scorers.js';
import { compileClassifiers, loadCompiledScorers, writeCompiledClassifiers } from '../../../models/classifier/compiled-classifiers-file.js';
import { loadTrainedClassifiers, saveTrainedClassifiers } from '../../../models/classifier/trained-classifiers.js';
import { DEFAULT_CLASSIFIERS_PATH, DEFAULT_COMPILED_CLASSIFIERS_PATH } from '../../../models/fast-tier.js';
import { generatedTexts, VARIED_TEXTS } from '../varied-texts.js';

const file = await loadTrainedClassifiers(DEFAULT_CLASSIFIERS_PATH);
const TEXTS = [...VARIED_TEXTS, 'Les remboursements sont lents, frais cachés sur mon relevé', 'App keeps logging me out and the card never arrived', ...generatedTexts(600)];
const THEMES = [[], ['fees_pricing'], ['app_digital', 'customer_service', 'not_a_theme']];
const KINDS = ['sentiment', 'themes', 'journey'] as const;

const tempDir = (): Promise<string> => mkdtemp(path.join(tmpdir(), 'verbatim-compiled-'));

describe('compiled bundled classifiers', () => {
  it('the shipped compiled file is what the shipped classifier file compiles to (rebuild: node dist/models/classifier/compile-bundled-main.js)', async () => {
    const compiled = await readFile(DEFAULT_COMPILED_CLASSIFIERS_PATH);
    expect(compiled.equals(compileClassifiers(file, await readFile(DEFAULT_CLASSIFIERS_PATH)))).toBe(true);
  });

  it('scores every text, language and theme list as the classifier file does, to the last bit', async () => {
    const compiled = await loadCompiledScorers(DEFAULT_CLASSIFIERS_PATH, DEFAULT_COMPILED_CLASSIFIERS_PATH);
    if (compiled === undefined) throw new Error('the shipped compiled file does not match the shipped classifiers');
    const fromJson = classifierScorers(file);
    expect(compiled.trainedAt).toBe(file.trainedAt);
    for (const kind of KINDS) {
      expect(compiled[kind].labels).toEqual(fromJson[kind].labels);
      expect(compiled[kind].threshold(0)).toBe(fromJson[kind].threshold(0));
      for (const lang of ['fr', 'en', 'es']) {
        for (const text of TEXTS) {
          for (const themes of kind === 'journey' ? THEMES : [[]]) {
            const probabilities = compiled[kind].probabilities(text, lang, themes);
            expect(probabilities).toEqual(fromJson[kind].probabilities(text, lang, themes));
            expect(compiled[kind].decide(probabilities)).toEqual(fromJson[kind].decide(probabilities));
          }
        }
      }
    }
  });

  it('is not used once the classifier file changed: the classifier file is read instead', async () => {
    const dir = await tempDir();
    const source = path.join(dir, 'classifiers.json');
    const compiledFile = path.join(dir, 'classifiers.compiled.bin');
    await saveTrainedClassifiers(source, file);
    await writeCompiledClassifiers(source, compiledFile);
    expect(await loadCompiledScorers(source, compiledFile)).toBeDefined();
    const retrained = { ...file, trainedAt: '2027-01-01T00:00:00.000Z' };
    await saveTrainedClassifiers(source, retrained);
    expect(await loadCompiledScorers(source, compiledFile)).toBeUndefined();
    expect((await loadBundledScorers(source, compiledFile)).trainedAt).toBe(retrained.trainedAt);
    expect(await loadCompiledScorers(source, path.join(dir, 'missing.bin'))).toBeUndefined();
  });

  it.each([
    ['another kind of file', (bytes: Buffer) => Buffer.from(`{}${bytes.toString('latin1', 2)}`, 'latin1'), /classifiers\.compiled\.bin: expected a file starting with VBCC/],
    ['a cut file', (bytes: Buffer) => bytes.subarray(0, bytes.length - 1000), /classifiers\.compiled\.bin: journey\.\w+: the file ends \d+ bytes early/],
    ['a header without models', (bytes: Buffer) => Buffer.from(bytes.toString('latin1').replace('"models":', '"modelz":'), 'latin1'), /classifiers\.compiled\.bin: header: models: expected an object/],
  ])('%s is a ConfigError naming the file and the part', async (_case, damage, message) => {
    const dir = await tempDir();
    const source = path.join(dir, 'classifiers.json.gz');
    const compiledFile = path.join(dir, 'classifiers.compiled.bin');
    await copyFile(DEFAULT_CLASSIFIERS_PATH, source);
    await writeFile(compiledFile, damage(await readFile(DEFAULT_COMPILED_CLASSIFIERS_PATH)));
    await expect(loadCompiledScorers(source, compiledFile)).rejects.toThrow(ConfigError);
    await expect(loadCompiledScorers(source, compiledFile)).rejects.toThrow(message);
  });
});
