import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { inject } from 'vitest';
import { queueSettings, type QueueSettings } from '../../pipeline/queue/queue-settings.js';

/** The Redis server the tests share: `TEST_REDIS_URL`, or the one the global setup started (tests/global-setup.ts). */
export function testRedisUrl(): string {
  return inject('testRedisUrl');
}

/** A queue name no other test uses, so tests run in parallel on one Redis. */
export function uniqueQueueName(): string {
  return `t-${randomBytes(5).toString('hex')}`;
}

/** Settings for a test queue: short locks and backoff, so stalls and retries take moments. */
export function testQueueSettings(overrides: Partial<QueueSettings> = {}): QueueSettings {
  return queueSettings({
    redisUrl: testRedisUrl(),
    name: uniqueQueueName(),
    prefix: 'verbatim-test',
    lockDurationMs: 1_000,
    stalledIntervalMs: 500,
    backoffMs: 50,
    ...overrides,
  });
}

/** Deletes every key of a test queue. */
export async function removeQueue(settings: QueueSettings): Promise<void> {
  const queue = new Queue(settings.name, { connection: { url: settings.redisUrl }, prefix: settings.prefix });
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
}
