import { describe, expect, it } from 'vitest';
import type { CopyBinaryColumn } from '../../db/copy-binary.js';
import { copyRows } from '../../db/copy-rows.js';
import type { CopyValue } from '../../db/copy-text.js';

type Column = 'verbatim_id' | 'score';
const COLUMNS: readonly CopyBinaryColumn<Column>[] = [['verbatim_id', 'text'], ['score', 'double precision']];

describe('copyRows', () => {
  it('writes the binary format when every value fits its column', () => {
    const data = copyRows<Column>([{ verbatim_id: 'v1', score: -0.5 }], COLUMNS);
    expect(typeof data).not.toBe('string');
    expect(Buffer.from(data).subarray(0, 6).toString('latin1')).toBe('PGCOPY');
  });

  it.each<[string, CopyValue, string]>([
    ['a number as a string', '0.5', 'v1\t0.5\n'],
    ['a boolean', true, 'v1\tt\n'],
  ])('falls back to the text format, every row, when one value does not fit (%s)', (_name, score, line) => {
    expect(copyRows<Column>([{ verbatim_id: 'v0', score: 1 }, { verbatim_id: 'v1', score }], COLUMNS)).toBe(`v0\t1\n${line}`);
  });
});
