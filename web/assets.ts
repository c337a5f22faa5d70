import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PACKAGE_ROOT } from '../core/package-root.js';

/** The dashboard's own CSS and JS (served under `/assets/`). */
export const PUBLIC_DIR = path.join(PACKAGE_ROOT, 'web', 'public');

/** Chart.js's UMD build, read from node_modules: served by us, never from a CDN. */
export function readChartJs(): Buffer {
  const entry = createRequire(import.meta.url).resolve('chart.js');
  return readFileSync(path.join(path.dirname(entry), 'chart.umd.min.js'));
}
