import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { collect, notRecords, records, surveyFolder } from './survey-files.js';

const folder = surveyFolder();
const FIVE_MB = 'a'.repeat(5 * 1024 * 1024);

describe('record size cap', () => {
  it('skips a 5 MB CSV line as its row error and keeps reading with the right line numbers', async () => {
    const file = await folder.write('long.csv', `id;score;comment\n1;9;avant\n2;3;${FIVE_MB}\n3;8;après\n`);
    const events = await collect(file);
    expect(records(events).map((event) => [event.line, event.verbatim.text])).toEqual([
      [2, 'avant'],
      [4, 'après'],
    ]);
    expect(notRecords(events)).toEqual([
      { kind: 'skipped', line: 3, reason: 'a record of 5,242,884 characters, more than the 1,000,000 a row may hold' },
    ]);
  });

  it('skips an oversized quoted multi-line CSV record and numbers the lines after it right', async () => {
    const big = `"${'ligne\n'.repeat(200_000)}"`;
    const file = await folder.write('multi.csv', `id;score;comment\n1;9;avant\n2;3;${big}\n3;8;après\n`);
    const events = await collect(file);
    expect(records(events).map((event) => [event.line, event.verbatim.text])).toEqual([
      [2, 'avant'],
      [200_004, 'après'],
    ]);
    expect(notRecords(events)).toMatchObject([{ kind: 'skipped', line: 3, reason: expect.stringContaining('more than the 1,000,000 a row may hold') as unknown }]);
  });

  it('skips a 5 MB JSONL line and keeps the next', async () => {
    const file = await folder.write('long.jsonl', [JSON.stringify({ id: 1, text: FIVE_MB, nps: 1 }), JSON.stringify({ id: 2, text: 'ok', nps: 9 })].join('\n'));
    const events = await collect(file);
    expect(records(events).map((event) => [event.line, event.verbatim.text])).toEqual([[2, 'ok']]);
    expect(notRecords(events)).toMatchObject([{ kind: 'skipped', line: 1, reason: expect.stringContaining('a record of 5,242,') as unknown }]);
  });

  it('skips a 5 MB JSON array element without assembling it and keeps the next', async () => {
    const file = await folder.write('long.json', JSON.stringify([{ id: 1, comment: FIVE_MB, score: 1 }, { id: 2, comment: 'ok', score: 9 }]));
    const events = await collect(file);
    expect(records(events).map((event) => [event.line, event.verbatim.text])).toEqual([[2, 'ok']]);
    expect(notRecords(events)).toMatchObject([{ kind: 'skipped', line: 1, reason: expect.stringContaining('more than the 1,000,000 a row may hold') as unknown }]);
  });
});

describe('cell size cap', () => {
  const long = 'é'.repeat(150_000);

  it('fails the row of a comment longer than 100,000 characters', async () => {
    const file = await folder.write('cell.csv', `id;score;comment\n1;9;${long}\n2;9;ok\n`);
    const events = await collect(file);
    expect(records(events).map((event) => event.line)).toEqual([3]);
    expect(notRecords(events)).toEqual([{ kind: 'skipped', line: 2, field: 'text', reason: '150,000 characters, more than the 100,000 a cell may hold' }]);
  });

  it('leaves out an over-long segment value with a warning and keeps the answer', async () => {
    const file = await folder.write('segment.csv', `id;score;comment;agence\n1;9;ok;${long}\n`);
    const events = await collect(file);
    expect(records(events).map((event) => event.verbatim.segments)).toEqual([{}]);
    expect(notRecords(events)).toEqual([{ kind: 'warning', line: 2, field: 'agence', message: '150,000 characters, more than the 100,000 a cell may hold; left out' }]);
  });
});

describe('column count cap', () => {
  it('refuses a CSV of 830 columns with one clear error naming the file', async () => {
    const header = ['comment', ...Array.from({ length: 829 }, (_, index) => `q${index}`)];
    const file = await folder.write('wide.csv', `${header.join(';')}\n${header.map(() => 'x').join(';')}\n`);
    const error = await collect(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).describe()).toBe(`${file}: more than 200 columns (830): keep the columns you need`);
  });

  it('refuses a JSONL file whose records add up to more than 200 keys', async () => {
    const lines = Array.from({ length: 300 }, (_, index) => JSON.stringify({ text: 'ok', [`k${index}`]: 'x' }));
    await expect(collect(await folder.write('keys.jsonl', lines.join('\n')))).rejects.toThrow('more than 200 columns (201)');
  });
});

describe('dates outside 1900–2100', () => {
  it.each([['9999-12-31'], ['0000-01-01'], ['31/12/9999'], ['01/01/0000'], ['1899-12-31'], ['2101-01-01T00:00:00Z']])(
    'refuses %s as that row’s error and keeps the answer without a date',
    async (date) => {
      const file = await folder.write('date.csv', `id;score;comment;date\n1;9;ok;${date}\n`);
      const events = await collect(file);
      expect(records(events).map((event) => event.verbatim.createdAt)).toEqual([null]);
      expect(notRecords(events)).toEqual([
        { kind: 'warning', line: 2, field: 'created_at', message: `expected a date from 1900 to 2100, got \`${date}\`; kept without a date` },
      ]);
    },
  );

  it.each([
    ['1900-01-01', '1900-01-01T00:00:00.000Z'],
    ['31/12/2100', '2100-12-31T00:00:00.000Z'],
    ['05/03/2026 14:30', '2026-03-05T14:30:00.000Z'],
  ])('takes %s', async (date, expected) => {
    const file = await folder.write('date-ok.csv', `id;score;comment;date\n1;9;ok;${date}\n`);
    expect(records(await collect(file)).map((event) => event.verbatim.createdAt)).toEqual([expected]);
  });
});
