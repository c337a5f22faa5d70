import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { readCxVerbatims } from './cx-verbatims.js';
import type { CxVerbatim } from './stacking-rows.js';

/** Where `npm run samples` records each file the bundled classifiers learned from (samples/generator/default-classifiers.ts writes it). */
export const BUNDLED_SOURCES_PATH = path.join(PACKAGE_ROOT, 'samples', 'models', 'classifiers.sources.json');

const sourcesRecord = z.array(z.object({ file: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/), examples: z.number().int().min(0) }));

export interface BundledCxSourcesOptions {
  /** Paths (relative to `root`) to leave out: the files the caller reads itself. */
  readonly except: ReadonlySet<string>;
  readonly record?: string;
  /** What the record's paths are relative to. */
  readonly root?: string;
}

/**
 * The labelled CX verbatims of the files the bundled classifiers learned from, but for `except`
 * (today the shared dev files ../shared/eval/cx-dev*.jsonl, beyond samples/labels), each file
 * checked against the SHA-256 recorded when the classifiers were trained: the combined model's
 * out-of-fold classifiers must learn what the bundled one learned, not a later version of it.
 *
 * @example const { verbatims } = await readBundledCxSources({ except: new Set(['samples/labels/cx-train.jsonl']) })
 */
export async function readBundledCxSources(options: BundledCxSourcesOptions): Promise<{ verbatims: CxVerbatim[]; problems: InputError[] }> {
  const record = options.record ?? BUNDLED_SOURCES_PATH;
  const root = options.root ?? PACKAGE_ROOT;
  const parsed = sourcesRecord.safeParse(JSON.parse(await readFile(record, 'utf8')));
  if (!parsed.success) throw new InputError(`expected [{ file, sha256, examples }]: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { file: record });
  const verbatims: CxVerbatim[] = [];
  const problems: InputError[] = [];
  for (const source of parsed.data.filter((entry) => !options.except.has(entry.file))) {
    const file = path.resolve(root, source.file);
    const bytes = await readFile(file).catch(() => {
      throw new InputError(`no such file: the bundled classifiers learned from it (${path.relative(process.cwd(), record)})`, { file });
    });
    if (createHash('sha256').update(bytes).digest('hex') !== source.sha256) {
      throw new InputError(`changed since the bundled classifiers learned from it: run \`npm run samples\` first`, { file });
    }
    const read = await readCxVerbatims(file);
    verbatims.push(...read.verbatims);
    problems.push(...read.problems);
  }
  return { verbatims, problems };
}
