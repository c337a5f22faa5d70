import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readReplicaRows } from '../../analysis/replica-sql.js';

let instance: DuckDBInstance;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
});
afterAll(() => {
  instance.closeSync();
});

/** `connection` with the number of its statements running at once recorded (the highest in `peak`). */
function watched(connection: DuckDBConnection): { connection: DuckDBConnection; peak(): number } {
  let running = 0;
  let peak = 0;
  const proxy = new Proxy(connection, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property !== 'runAndReadAll' || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        running += 1;
        peak = Math.max(peak, running);
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          running -= 1;
        }
      };
    },
  });
  return { connection: proxy, peak: () => peak };
}

const slowCount = (n: number) => ({ text: `select count(*) as n from range(${String(n)}) a, range(200) b where (a.range * b.range) % 7 = 0`, params: {} });

it("hands a connection's statements to DuckDB one at a time, each with its own rows", async () => {
  const one = watched(await instance.connect());
  const results = await Promise.all([1000, 2000, 3000, 4000, 5000, 6000].map((n) => readReplicaRows(one.connection, slowCount(n))));
  expect(one.peak()).toBe(1);
  // (a·b) % 7 = 0 when 7 divides a or b: 200·⌈n/7⌉ + n·29 − ⌈n/7⌉·29 pairs
  expect(results.map((rows) => rows[0]?.['n'])).toEqual([1000, 2000, 3000, 4000, 5000, 6000].map((n) => 200 * Math.ceil(n / 7) + 29 * n - 29 * Math.ceil(n / 7)));
});

it('does not hold one connection back for another, and a failed statement does not stop the next', async () => {
  const first = watched(await instance.connect());
  const second = watched(await instance.connect());
  const failing = readReplicaRows(first.connection, { text: 'select * from no_such_table', params: {} });
  const after = readReplicaRows(first.connection, { text: 'select 42 as answer', params: {} });
  await expect(failing).rejects.toThrow(/no_such_table/);
  expect(await after).toEqual([{ answer: 42 }]);
  await Promise.all([readReplicaRows(first.connection, slowCount(20_000)), readReplicaRows(second.connection, slowCount(20_000))]);
  expect(first.peak()).toBe(1);
  expect(second.peak()).toBe(1);
});
