import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite starts a WASM Postgres per database: keep parallelism modest on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    env: { DOTENV_CONFIG_QUIET: 'true' },
    // The built command (dist/) that the CLI tests run in-process is plain ESM for Node:
    // loaded natively, as `node dist/cli/main.js` would, not re-transformed by Vite.
    server: { deps: { external: [/\/dist\//] } },
  },
});
