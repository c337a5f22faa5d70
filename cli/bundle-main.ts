/**
 * `node dist/cli/bundle-main.js` (the last step of `npm run build`): bundles the compiled
 * executable into `dist/bundle/` (cli/bundle.ts), the file `package.json`'s `bin` names.
 */
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { BUNDLE_DIR } from '../core/package-root.js';
import { bundleOptions } from './bundle.js';

// Chunks are named by their hash: the previous build's would stay beside the new ones.
await rm(BUNDLE_DIR, { recursive: true, force: true });
await build(bundleOptions());
