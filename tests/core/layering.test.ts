import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../core/package-root.js';

const eslint = new ESLint({ cwd: PACKAGE_ROOT });

/** The layering errors ESLint reports for `code` placed at `file` (relative to the package root). */
async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${PACKAGE_ROOT}/${file}` });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports' || message.ruleId === 'no-restricted-syntax')
    .map((message) => message.message);
}

describe('import layering (eslint.config.js)', () => {
  it.each([
    ['models/themes/x.ts', "import type { Stage } from '../../pipeline/stage.js';\nexport type X = Stage;\n", 'models/ may import only core/'],
    ['models/x.ts', "export const schema = await import('../db/schema.js');\n", 'models/ may import only core/'],
    ['core/x.ts', "import { fold } from '../models/tokenize.js';\nexport const f = fold;\n", 'core/ may import only nothing of the project'],
    ['pipeline/x.ts', "import { openDatabase } from '../db/open-database.js';\nexport const o = openDatabase;\n", 'pipeline/ may import only core/, models/'],
    ['db/x.ts', "import type { Stage } from '../pipeline/stage.js';\nexport type S = Stage;\n", 'db/ may import only core/'],
    ['analysis/x.ts', "import { escapeHtml } from '../reports/html-escape.js';\nexport const e = escapeHtml;\n", 'analysis/ may import only core/, db/, models/'],
    ['reports/x.ts', "import type { Database } from '../db/schema.js';\nexport type D = Database;\n", 'reports/ may import only core/, analysis/'],
    ['web/pages/x.ts', "import { runCli } from '../../cli/program.js';\nexport const r = runCli;\n", 'web/ may import only core/, db/, analysis/, reports/'],
    ['bench/x.ts', "const { readEnvironment } = await import('../cli/environment.js');\nexport const r = readEnvironment;\n", 'bench/ may import only'],
    ['imports/x.ts', "import { fold } from '../models/tokenize.js';\nexport const f = fold;\n", 'imports/ may import only core/'],
    ['scrapers/sources/x.ts', "import type { Database } from '../../db/schema.js';\nexport type D = Database;\n", 'scrapers/ may import only core/'],
  ])('%s: a forbidden import is an error', async (file, code, expected) => {
    const errors = await layeringErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(expected);
  });

  it.each([
    ['models/themes/x.ts', "import type { Verbatim } from '../../core/verbatim.js';\nimport { tokenize } from '../tokenize.js';\nexport type V = Verbatim;\nexport const t = tokenize;\n"],
    ['pipeline/stages/x.ts', "import type { ModelSet } from '../../models/types.js';\nexport type M = ModelSet;\n"],
    ['web/x.ts', "import { escapeHtml } from '../reports/html-escape.js';\nexport const e = escapeHtml;\n"],
    ['cli/x.ts', "import { openDatabase } from '../db/open-database.js';\nexport const o = openDatabase;\n"],
  ])('%s: an allowed import passes', async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });
});
