import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../../core/package-root.js';

/** `count` texts of a JSON-lines file of the package (after `skip` lines): real text for the featurizers' parity tests. */
export function jsonlTexts(file: string, count: number, skip = 0): string[] {
  return readFileSync(path.join(PACKAGE_ROOT, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(skip, skip + count)
    .map((line) => (JSON.parse(line) as { text: string }).text);
}
