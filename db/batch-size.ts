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

/** PostgreSQL's limit on bind parameters in one statement (a 16-bit count). */
export const MAX_BIND_PARAMETERS = 65_535;
