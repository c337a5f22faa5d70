import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The version of the installed package `name`, found from one of its files (`resolved`, e.g. what
 * `require.resolve` gives) by walking up to its package.json: packages whose `exports` hide their
 * package.json still have one on disk. 'unknown' when none is found.
 *
 * @example installedPackageVersion('compromise', createRequire(import.meta.url).resolve('compromise/two')) // '14.17.0'
 */
export function installedPackageVersion(name: string, resolved: string): string {
  let dir = path.dirname(resolved);
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === name && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // No manifest here: look further up.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}
