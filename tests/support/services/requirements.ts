import { existsSync } from 'node:fs';
import type { Requirement } from './debian-packages.js';
import { findExecutable } from './executables.js';
import { findPostgresBin } from './postgres.js';
import { givenUrl } from './service.js';

/** The browser of the dashboard tests (tests/web/browser.ts launches the same path). */
export const chromiumPath = (): string => process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** What the suite needs from Debian; a service given by URL needs no local server. */
export const SUITE_REQUIREMENTS: readonly Requirement[] = [
  {
    debianPackage: 'redis-server',
    purpose: 'a Redis server for the queue tests',
    alternative: 'TEST_REDIS_URL',
    missing: () => givenUrl('TEST_REDIS_URL') === undefined && findExecutable('redis-server') === undefined,
  },
  {
    debianPackage: 'postgresql',
    purpose: "PostgreSQL's initdb for the database tests",
    alternative: 'TEST_DATABASE_URL',
    missing: () => givenUrl('TEST_DATABASE_URL') === undefined && findPostgresBin() === undefined,
  },
  {
    debianPackage: 'chromium',
    purpose: `${chromiumPath()} for the browser tests`,
    alternative: 'CHROMIUM_PATH',
    missing: () => !existsSync(chromiumPath()),
  },
];
