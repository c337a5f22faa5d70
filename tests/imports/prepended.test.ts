import { expect, it } from 'vitest';
import { prepended } from '../../imports/prepended.js';

async function* numbers(from: number, to: number): AsyncGenerator<number> {
  for (let n = from; n <= to; n++) yield n;
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

it('gives the rows read ahead, then the rest of the same iterator', async () => {
  const iterator = numbers(1, 5);
  const head = [(await iterator.next()).value as number, (await iterator.next()).value as number];
  expect(await collect(prepended(head, iterator))).toEqual([1, 2, 3, 4, 5]);
});

it('ends after the head when the iterator was read to its end', async () => {
  expect(await collect(prepended(['a', 'b'], undefined))).toEqual(['a', 'b']);
  expect(await collect(prepended([], undefined))).toEqual([]);
});

it('passes a failure of the iterator on', async () => {
  const failing: AsyncIterator<number> = { next: () => Promise.reject(new Error('unreadable')) };
  await expect(collect(prepended([1], failing))).rejects.toThrow('unreadable');
});
