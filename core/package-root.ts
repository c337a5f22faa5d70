import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding verbatim's package.json, found by walking up from this file,
 * so the same code works from `dist/cli/` and from the sources under vitest.
 */
export const PACKAGE_ROOT: string = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'verbatim') {
      return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`verbatim's package.json not found above ${start}`);
  }
}

/** Where `npm run build` bundles the executable after `tsc` (cli/bundle.ts): its entry and chunks, side by side under `dist/`. */
export const BUNDLE_DIR: string = path.join(PACKAGE_ROOT, 'dist', 'bundle');

/** The built `verbatim` executable, the file `package.json`'s `bin` names. */
export const BUILT_EXECUTABLE: string = path.join(BUNDLE_DIR, 'main.js');
