import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { isWithinTheme, parentTheme, withinTheme } from '../../db/theme-hierarchy.js';
import { forEachDatabase } from '../support/databases.js';

/** [theme, parent, theme is the parent or one of its sub-themes] */
const CASES = [
  ['fees', 'fees', true],
  ['fees.card', 'fees', true],
  ['fees.card.atm', 'fees', true],
  ['fees.card.atm', 'fees.card', true],
  ['feesx', 'fees', false],
  ['fees_card', 'fees', false],
  ['fees', 'fees.card', false],
  ['app', 'fees', false],
  ['fees%', 'fees', false],
] as const;

describe('one definition of a theme with its sub-themes', () => {
  it.each(CASES)('isWithinTheme(%s, %s) is %s', (theme, parent, expected) => {
    expect(isWithinTheme(theme, parent)).toBe(expected);
  });

  it.each([
    ['fees', null],
    ['fees.card', 'fees'],
    ['fees.card.atm', 'fees.card'],
  ] as const)('parentTheme(%s) is %s', (theme, expected) => {
    expect(parentTheme(theme)).toBe(expected);
  });
});

forEachDatabase((database) => {
  it('says the same in SQL as in TypeScript, with a value or a column on either side', async () => {
    const { db } = database();
    for (const [theme, parent, expected] of CASES) {
      const { rows } = await sql<{ a: boolean; b: boolean }>`select ${withinTheme(sql<string>`${theme}::text`, parent)} as a, ${withinTheme(sql<string>`${theme}::text`, sql<string>`${parent}::text`)} as b`.execute(db);
      expect(rows[0], `${theme} within ${parent}`).toEqual({ a: expected, b: expected });
    }
  });
});
