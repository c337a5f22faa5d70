import type { TestProject } from 'vitest/node';
import { buildPgliteTemplate } from './support/pglite-template.js';
import { ensureDebianPackages } from './support/services/debian-packages.js';
import { startPostgres } from './support/services/postgres.js';
import { startRedis } from './support/services/redis.js';
import { SUITE_REQUIREMENTS } from './support/services/requirements.js';
import type { TestService } from './support/services/service.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server the tests may create databases on (`postgres://…/postgres`). */
    testDatabaseUrl: string;
    /** A Redis server the tests share, each test on queues of its own (`redis://…`). */
    testRedisUrl: string;
    /** A data dir holding an empty, migrated embedded database, copied by tests/support/pglite-template.ts. */
    pgliteTemplateDir: string;
  }
}

/**
 * Gives the suite its real services: PostgreSQL (`TEST_DATABASE_URL`, else a throwaway
 * cluster) and Redis (`TEST_REDIS_URL`, else a throwaway `redis-server`), on loopback,
 * stopped in teardown. Missing server packages are installed from Debian when running
 * as root, else the suite fails at once saying what to install: never skipped.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await ensureDebianPackages(SUITE_REQUIREMENTS);
  const started: TestService[] = [];
  let template: Awaited<ReturnType<typeof buildPgliteTemplate>> | undefined;
  const teardown = async (): Promise<void> => {
    await Promise.allSettled([...started.map((service) => service.stop()), template?.remove()]);
  };
  try {
    const [postgres, redis, pglite] = await Promise.allSettled([startPostgres(), startRedis(), buildPgliteTemplate()]);
    for (const result of [postgres, redis]) if (result.status === 'fulfilled') started.push(result.value);
    if (pglite.status === 'fulfilled') template = pglite.value;
    if (postgres.status === 'rejected') throw postgres.reason;
    if (redis.status === 'rejected') throw redis.reason;
    if (pglite.status === 'rejected') throw pglite.reason;
    project.provide('pgliteTemplateDir', pglite.value.dataDir);
    // Provided to tests (`inject`), and in the environment for the processes they spawn.
    project.provide('testDatabaseUrl', postgres.value.url);
    project.provide('testRedisUrl', redis.value.url);
    process.env['TEST_DATABASE_URL'] = postgres.value.url;
    process.env['TEST_REDIS_URL'] = redis.value.url;
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
