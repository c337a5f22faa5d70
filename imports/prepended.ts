/**
 * The rows a look-ahead read (`head`), then the rest of the same iterator, as one async iterable, with
 * no async generator between: each row after the head is the underlying iterator's own promise.
 * A generator here (`yield* head; for (;;) yield await rest.next()`) cost two more promise hops a row,
 * and two look-aheads (personal columns, date order) sit on every row of an import. Iterate it once.
 *
 * @example const rows = prepended(sample, iterator) // sample[0], sample[1], …, then iterator's rows
 */
export function prepended<T>(head: readonly T[], rest: AsyncIterator<T> | undefined): AsyncIterable<T> {
  let index = 0;
  const iterator: AsyncIterator<T> = {
    next: () => {
      if (index < head.length) return Promise.resolve({ done: false, value: head[index++] as T });
      return rest === undefined ? Promise.resolve({ done: true, value: undefined }) : rest.next();
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}
