import { describe, expect, it } from 'vitest';
import type { DateOrder } from '../../imports/date-order.js';
import { ingestSurveyFile } from '../../imports/ingest.js';
import { IMPORT_LIMITS } from '../../imports/limits.js';
import { collect, notRecords, records, surveyFolder } from './survey-files.js';

const folder = surveyFolder();

/** A survey whose rows carry these dates, one a row from line 2, each with a comment. */
function survey(dates: readonly string[]): string {
  return ['id;date;score;comment', ...dates.map((date, index) => `${index + 1};${date};7;answer ${index + 1}`)].join('\n');
}

/** Each row's line and stored day (or why it was not stored as is), in file order. */
async function read(name: string, dates: readonly string[], dateOrder?: DateOrder) {
  const events = await collect(await folder.write(name, survey(dates)), dateOrder === undefined ? {} : { dateOrder });
  return {
    days: records(events).map((event) => [event.line, event.verbatim.createdAt?.slice(0, 10) ?? null]),
    others: notRecords(events).map((event) => [event.kind, event.line, event.field, event.kind === 'skipped' ? event.reason : event.kind === 'warning' ? event.message : '']),
  };
}

describe('day/month order, detected per file', () => {
  it.each([
    // [case, dates, the days stored]
    ['a day over 12 makes the file day-first, the ambiguous rows before it too', ['10/02/2026', '03/04/2026', '25/10/2026'], ['2026-02-10', '2026-04-03', '2026-10-25']],
    ['a second part over 12 makes it month-first, the ambiguous rows before it too', ['10/02/2026', '03/04/2026', '10/25/2026'], ['2026-10-02', '2026-03-04', '2026-10-25']],
    ['month-first with times', ['01/02/2026 08:30', '12/31/2026 23:59'], ['2026-01-02', '2026-12-31']],
    ['ISO is read whatever the order', ['2026-02-10', '10/25/2026', '2026-12-01T10:00:00Z'], ['2026-02-10', '2026-10-25', '2026-12-01']],
    ['year-first with slashes is read as such', ['2026/02/10', '25/10/2026'], ['2026-02-10', '2026-10-25']],
  ])('%s', async (_case, dates, days) => {
    const { days: stored, others } = await read('detected.csv', dates);
    expect(stored).toEqual(days.map((day, index) => [index + 2, day]));
    expect(others).toEqual([]);
  });

  it('refuses a row whose date is in the other order than the file, at its line, and keeps every other row', async () => {
    const { days, others } = await read('mixed.csv', ['10/02/2026', '25/10/2026', '10/25/2026', '11/03/2026']);
    expect(days).toEqual([
      [2, '2026-02-10'],
      [3, '2026-10-25'],
      [5, '2026-03-11'],
    ]);
    expect(others).toEqual([
      ['skipped', 4, 'created_at', 'expected a day-first (dd/mm/yyyy) date as line 3 (`25/10/2026`) showed, got `10/25/2026`, month-first: the file mixes both orders'],
    ]);
  });

  it('reads an ambiguous file day-first and says so once, naming the file and the assumption', async () => {
    const file = await folder.write('ambiguous.csv', survey(['10/02/2026', '03/04/2026', '05/05/2026']));
    const log: string[] = [];
    const result = await ingestSurveyFile(file, {}, async (batch) => ({ inserted: batch.length, duplicates: 0 }), (line) => log.push(line));
    expect(result).toMatchObject({ read: 3, skipped: 0, warnings: 1 });
    expect(log).toEqual([
      `${file}:1: field \`created_at\`: warning: no date of the file says whether \`10/02/2026\` is day/month or month/day: read as day-first (dd/mm/yyyy); use --date-format MDY if the file is month-first\n`,
    ]);
  });

  it.each([
    ['ISO dates only', ['2026-02-10', '2026-02-11']],
    ['days that read the same both ways', ['05/05/2026', '11/11/2026']],
    ['empty date cells', []],
  ])('gives no warning for %s', async (_case, dates) => {
    const { others } = await read('plain.csv', dates.length === 0 ? ['', ''] : dates);
    expect(others).toEqual([]);
  });

  it('looks ahead a bounded number of rows, then assumes day-first and refuses a later month-first date', async () => {
    const rows = IMPORT_LIMITS.dateLookaheadRows;
    const { days, others } = await read('long.csv', [...Array.from({ length: rows }, () => '10/02/2026'), '10/25/2026', '25/10/2026']);
    expect(days.length).toBe(rows + 1);
    expect(days[0]).toEqual([2, '2026-02-10']);
    expect(days.at(-1)).toEqual([rows + 3, '2026-10-25']);
    expect(others).toEqual([
      ['warning', 1, 'created_at', `no date of the first ${rows.toLocaleString('en-US')} rows says whether \`10/02/2026\` is day/month or month/day: read as day-first (dd/mm/yyyy); use --date-format MDY if the file is month-first`],
      ['skipped', rows + 2, 'created_at', 'expected a day-first (dd/mm/yyyy) date (assumed: no earlier date told), got `10/25/2026`, month-first; use --date-format MDY if the file is month-first'],
    ]);
  });
});

describe('--date-format forces the order', () => {
  it.each<[DateOrder, string[], (string | null)[], string[]]>([
    // [order, dates, days stored (null: row refused), reasons of the refused rows]
    ['DMY', ['10/02/2026', '10/25/2026', '2026-03-01'], ['2026-02-10', null, '2026-03-01'], ['expected a day-first (dd/mm/yyyy) date (--date-format DMY), got `10/25/2026`, month-first']],
    ['MDY', ['10/02/2026', '25/10/2026', '2026-03-01'], ['2026-10-02', null, '2026-03-01'], ['expected a month-first (mm/dd/yyyy) date (--date-format MDY), got `25/10/2026`, day-first']],
    ['YMD', ['2026/02/10', '10/02/2026', '2026-03-01'], ['2026-02-10', null, '2026-03-01'], ['expected a year-first (yyyy/mm/dd) date (--date-format YMD), got `10/02/2026`']],
  ])('%s', async (order, dates, expected, reasons) => {
    const { days, others } = await read(`forced-${order}.csv`, dates, order);
    expect(days).toEqual(expected.flatMap((day, index) => (day === null ? [] : [[index + 2, day]])));
    expect(others).toEqual(reasons.map((reason) => ['skipped', expected.indexOf(null) + 2, 'created_at', reason]));
  });

  it('keeps an impossible date as a warning, not a refusal', async () => {
    const { days, others } = await read('impossible.csv', ['31/02/2026'], 'DMY');
    expect(days).toEqual([[2, null]]);
    expect(others).toEqual([['warning', 2, 'created_at', 'not a real date: `31/02/2026`; kept without a date']]);
  });
});
