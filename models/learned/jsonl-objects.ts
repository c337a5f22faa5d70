import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../../core/errors.js';

/** One parsed line of a JSONL file and where it was. */
export interface JsonlObject {
  readonly raw: Record<string, unknown>;
  readonly where: { readonly file: string; readonly line: number };
}

/**
 * The JSON lines of a labelled corpus (gunzipped when the name ends in `.gz`), in line order:
 * blank lines skipped, a line that is not JSON as an `InputError` naming its file and line.
 *
 * @example for (const line of await readJsonlObjects(file)) if (line instanceof InputError) problems.push(line); else …
 */
export async function readJsonlObjects(file: string): Promise<(JsonlObject | InputError)[]> {
  const bytes = await readFile(file);
  const lines = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8').split('\n');
  const objects: (JsonlObject | InputError)[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const where = { file, line: index + 1 };
    try {
      objects.push({ raw: JSON.parse(line) as Record<string, unknown>, where });
    } catch {
      objects.push(new InputError('not valid JSON', where));
    }
  });
  return objects;
}
