import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../core/iso-date.js';

describe('isIsoDate', () => {
  it.each([
    ['2026-10-01', true],
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-10-01T08:30:00Z', true],
    ['2026-10-01T23:30:00-05:00', true],
    ['2026-10-01 10:00', true],
    ['2026-02-30', false],
    ['2027-02-29', false],
    ['2026-13-01', false],
    ['2026-02-30T00:00:00Z', false],
    ['yesterday', false],
    ['01/10/2026', false],
    ['2026-10', false],
  ])('%s → %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});
