import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** The full path of `name` on `PATH` (as `command -v` finds it), if it is there and executable. */
export function findExecutable(name: string, searchPath = process.env['PATH'] ?? ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here: the next folder of PATH
    }
  }
  return undefined;
}
