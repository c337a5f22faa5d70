import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { collect, notRecords, records, surveyFolder } from './survey-files.js';

const folder = surveyFolder();

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('answers');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The same workbook with its zip entries stored in another order (as some writers do). */
async function reordered(bytes: Buffer, first: readonly string[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((name) => !(zip.files[name]?.dir ?? true));
  const out = new JSZip();
  for (const name of [...first, ...names.filter((name) => !first.includes(name))]) {
    out.file(name, await (zip.files[name] as JSZip.JSZipObject).async('nodebuffer'));
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const ANSWERS = [
  ['id', 'score', 'commentaire', 'agence'],
  ['x1', 10, 'Parfait', 'Lyon'],
  ['x2', 1, 'Nul', 'Paris'],
];

describe('readXlsx', () => {
  it.each([
    ['worksheet before the workbook part', ['xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml', 'xl/workbook.xml']],
    ['shared strings before the relations', ['xl/sharedStrings.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml', 'xl/workbook.xml']],
    ['worksheet first, shared strings last', ['xl/worksheets/sheet1.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml']],
    ['shared strings first', ['xl/sharedStrings.xml']],
  ])('reads a workbook stored with the %s', async (name, first) => {
    const file = await folder.write(`order-${first.length}-${name.length}.xlsx`, await reordered(await workbook(ANSWERS), first));
    const events = await collect(file);
    expect(records(events).map((event) => [event.line, event.verbatim.externalId, event.verbatim.nps, event.verbatim.text, event.verbatim.segments])).toEqual([
      [2, 'x1', 10, 'Parfait', { agence: 'Lyon' }],
      [3, 'x2', 1, 'Nul', { agence: 'Paris' }],
    ]);
  });

  it('warns about cells under no column header instead of dropping them silently', async () => {
    const file = await folder.write('extra.xlsx', await workbook([['id', 'score', 'comment'], ['x1', 9, 'ok', 'stray']]));
    const events = await collect(file);
    expect(records(events)).toHaveLength(1);
    expect(notRecords(events)).toEqual([{ kind: 'warning', line: 2, message: '1 cells under no column header left out' }]);
  });

  it('refuses a zip bomb from its central directory, before inflating anything', async () => {
    const bytes = await workbook(ANSWERS);
    // Declare 1.9 GB for the worksheet in the central directory, as a bomb's would.
    const directory = bytes.lastIndexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 46;
    expect(bytes.readUInt32LE(directory)).toBe(0x02014b50);
    bytes.writeUInt32LE(0x7fff_ffff, directory + 24);
    const file = await folder.write('bomb.xlsx', bytes);
    const error = await collect(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).describe()).toMatch(/bomb\.xlsx: the workbook unpacks to 20\d\d(\.\d)? MB, more than the 256 MB a survey export may take/);
  });

  it('refuses a part that unpacks to more than its directory entry declares (a bomb that lies)', async () => {
    const bytes = await workbook(ANSWERS);
    const directory = bytes.lastIndexOf(Buffer.from('xl/sharedStrings.xml')) - 46;
    expect(bytes.readUInt32LE(directory)).toBe(0x02014b50);
    bytes.writeUInt32LE(10, directory + 24);
    const file = await folder.write('liar.xlsx', bytes);
    await expect(collect(file)).rejects.toThrow('part xl/sharedStrings.xml unpacks to more than the 10 bytes it declares: a zip bomb');
  });

  it('refuses a workbook of more than 10,000 parts', async () => {
    const zip = await JSZip.loadAsync(await workbook(ANSWERS));
    for (let index = 0; index < 10_001; index++) zip.file(`xl/media/p${index}.txt`, '');
    const file = await folder.write('parts.xlsx', await zip.generateAsync({ type: 'nodebuffer' }));
    await expect(collect(file)).rejects.toThrow('the workbook has 10018 parts, more than the 10000 a survey export may have');
  });

  it('refuses a header of more than 200 columns', async () => {
    const header = ['comment', ...Array.from({ length: 830 }, (_, index) => `c${index}`)];
    const file = await folder.write('wide.xlsx', await workbook([header, ['ok', ...header.slice(1).map(() => 'x')]]));
    await expect(collect(file)).rejects.toThrow('831 columns, more than the 200 a survey file may have');
  });

  it('refuses a truncated workbook with one clear error', async () => {
    const bytes = await readFile(await folder.write('whole.xlsx', await workbook(ANSWERS)));
    const file = await folder.write('truncated.xlsx', bytes.subarray(0, bytes.length - 200));
    const error = await collect(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain('not a readable XLSX workbook');
  });
});
