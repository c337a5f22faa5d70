import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundledCxSources } from '../../../models/learned/bundled-cx-sources.js';

const OWN = '{"text":"Conseillère au top","lang":"fr","sentiment":"positive"}\n';
const SHARED = '{"text":"Great app, awful fees","lang":"en","sentiment":"mixed"}\n{"text":"Card blocked twice","lang":"en","sentiment":"negative"}\n';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A package root with one own label file and one shared file beside it, and the record `npm run samples` would write. */
async function packageWith(record: readonly { file: string; sha256: string; examples: number }[]): Promise<{ root: string; record: string }> {
  const base = await mkdtemp(path.join(tmpdir(), 'verbatim-sources-'));
  const root = path.join(base, 'package');
  await mkdir(path.join(root, 'samples', 'labels'), { recursive: true });
  await mkdir(path.join(base, 'shared'), { recursive: true });
  await writeFile(path.join(root, 'samples', 'labels', 'own.jsonl'), OWN);
  await writeFile(path.join(base, 'shared', 'dev.jsonl'), SHARED);
  await writeFile(path.join(root, 'sources.json'), JSON.stringify(record));
  return { root, record: path.join(root, 'sources.json') };
}

const RECORD = [
  { file: 'samples/labels/own.jsonl', sha256: sha256(OWN), examples: 1 },
  { file: '../shared/dev.jsonl', sha256: sha256(SHARED), examples: 2 },
];

describe('the bundled classifier’s other labelled files', () => {
  it('are read from its sources record, but for the files the caller reads itself', async () => {
    const { root, record } = await packageWith(RECORD);
    const { verbatims, problems } = await readBundledCxSources({ except: new Set(['samples/labels/own.jsonl']), record, root });
    expect(problems).toEqual([]);
    expect(verbatims).toEqual([
      { text: 'Great app, awful fees', lang: 'en', label: 'mixed', corpus: 'dev' },
      { text: 'Card blocked twice', lang: 'en', label: 'negative', corpus: 'dev' },
    ]);
  });

  it('must be the version the classifier learned from: a changed file is refused by name', async () => {
    const { root, record } = await packageWith([RECORD[0] as (typeof RECORD)[0], { ...(RECORD[1] as (typeof RECORD)[0]), sha256: sha256('older labels') }]);
    await expect(readBundledCxSources({ except: new Set(['samples/labels/own.jsonl']), record, root })).rejects.toThrow(/changed since the bundled classifiers learned from it: run `npm run samples`/);
  });

  it('must exist: a missing file is named', async () => {
    const { root, record } = await packageWith([...RECORD, { file: '../shared/gone.jsonl', sha256: sha256(''), examples: 0 }]);
    await expect(readBundledCxSources({ except: new Set(), record, root })).rejects.toMatchObject({ file: path.resolve(root, '../shared/gone.jsonl') });
  });
});
