import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ConfigError } from '../../core/errors.js';
import { installedPackageVersion } from '../package-version.js';
import { arrayAt, literalAt, objectAt, ShapeError, stringAt } from '../file-shape.js';

/**
 * compromise's root forms of the English words of the training corpora, worked out ahead of
 * time: a run whose words are all in the table never loads compromise (≈ 0.25–0.6 s of CPU a
 * thread). The table holds what compromise answers, so a word in it or not gives the same roots;
 * it is read only when built with the compromise version installed.
 */
export const ENGLISH_ROOTS_FORMAT = 'verbatim-english-roots/1';

/**
 * The table of `file` as a map (word → its roots, possibly none); undefined when the file is
 * missing or was built with another compromise version than `compromiseVersion`. A damaged file
 * is a ConfigError naming it and the field.
 *
 * @example readEnglishRootsTable('samples/models/english-roots.json', installedCompromiseVersion())?.get('charged') // ['charge']
 */
export function readEnglishRootsTable(file: string, compromiseVersion: string): ReadonlyMap<string, readonly string[]> | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`${file}: cannot read the English root forms (${(error as Error).message})`);
  }
  try {
    const data = objectAt(raw, '');
    literalAt(data['format'], 'format', ENGLISH_ROOTS_FORMAT, `a file of format ${ENGLISH_ROOTS_FORMAT}`);
    if (stringAt(data['compromise'], 'compromise') !== compromiseVersion) return undefined;
    const roots = objectAt(data['roots'], 'roots');
    const table = new Map<string, readonly string[]>();
    for (const word of Object.keys(roots)) table.set(word, arrayAt(roots[word], `roots.${word}`, stringAt));
    return table;
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    throw new ConfigError(`${file}: ${error.message} (rebuild it: node dist/models/themes/english-roots-main.js)`);
  }
}

/** The file's text for `words` (sorted, each once) and their roots by `rootsOf`: the same words and version give the same bytes. */
export function englishRootsFileText(words: Iterable<string>, rootsOf: (word: string) => readonly string[], compromiseVersion: string): string {
  const roots: Record<string, readonly string[]> = {};
  for (const word of [...new Set(words)].sort()) roots[word] = rootsOf(word);
  return `${JSON.stringify({ format: ENGLISH_ROOTS_FORMAT, compromise: compromiseVersion, roots })}\n`;
}

/** The version of the compromise package this module resolves. */
export function installedCompromiseVersion(): string {
  return installedPackageVersion('compromise', createRequire(import.meta.url).resolve('compromise/two'));
}
