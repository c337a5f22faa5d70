/**
 * `node dist/cli/bundle-main.js` (the last step of `npm run build`): bundles the compiled
 * executable into `dist/bundle/` (cli/bundle.ts), the file `package.json`'s `bin` names.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { PACKAGE_ROOT } from '../core/package-root.js';
import { BUNDLE_FOLDER, bundleOptions } from './bundle.js';

const distRoot = path.join(PACKAGE_ROOT, 'dist');
// Chunks are named by their hash: the previous build's would stay beside the new ones.
await rm(path.join(distRoot, BUNDLE_FOLDER), { recursive: true, force: true });
await build(bundleOptions(distRoot));
