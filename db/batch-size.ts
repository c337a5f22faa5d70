/**
 * Validates a page or batch size up front, in the words of p-queue:
 * ``Expected `batchSize` to be an integer from 1 and up, got `0` (number)``.
 */
export function expectBatchSize(value: number, name = 'batchSize'): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(`Expected \`${name}\` to be an integer from 1 and up, got \`${String(value)}\` (${typeof value})`);
  }
  return value;
}

/**
 * Bind parameters per statement. PostgreSQL takes up to 65,535, but PGlite 0.4
 * reads the count as a signed 16-bit number: from 32,768 on, it silently answers
 * nothing and its connection stays broken. So: the lower of the two, on both.
 */
export const MAX_BIND_PARAMETERS = 32_767;
