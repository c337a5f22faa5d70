import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSurveyFile } from '../../imports/import-file.js';
import { UTF8_BOM } from '../../reports/csv-bom.js';
import { writeExport, type ExportFormat } from '../../reports/export.js';
import { writeReportFiles } from '../../reports/write-report-files.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { reportFixture } from './report-fixture.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-csv-bom-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const VERBATIMS = [enriched(surveyAnswer(1, { text: 'Frais cachés, conseillère très aimable', nps: 3 })), enriched(surveyAnswer(2, { text: 'Très bien', nps: 9 }))];

async function* batches() {
  yield VERBATIMS;
}

/** What `writeExport` writes to a stream, as bytes. */
async function exported(format: ExportFormat, bom: boolean): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeExport(batches(), format, out, { bom });
  out.end();
  await finished(out);
  return Buffer.concat(chunks);
}

const BOM_BYTES = Buffer.from([0xef, 0xbb, 0xbf]);
const startsWithBom = (bytes: Buffer): boolean => bytes.subarray(0, 3).equals(BOM_BYTES);

describe('CSV files start with a UTF-8 BOM for Excel', () => {
  it('every report CSV file, and no other report file', async () => {
    const out = path.join(dir, 'report');
    const written = await writeReportFiles(reportFixture, out, ['csv', 'json', 'md'], { chartJs: '', matrixPlugin: '' });
    const csv = written.filter((file) => file.endsWith('.csv'));
    expect(csv.length).toBeGreaterThan(5);
    for (const file of written) expect([path.basename(file), startsWithBom(await readFile(file))]).toEqual([path.basename(file), file.endsWith('.csv')]);
    // One BOM, before the header: not a second one, not inside a cell.
    const drivers = await readFile(path.join(out, 'drivers.csv'), 'utf8');
    expect(drivers.startsWith(`${UTF8_BOM}theme,count,`)).toBe(true);
    expect(drivers.indexOf(UTF8_BOM, 1)).toBe(-1);
  });

  it.each([
    ['csv', true, true],
    ['csv', false, false],
    ['jsonl', true, false],
    ['jsonl', false, false],
  ] as const)('the %s export with bom: %s starts with a BOM: %s', async (format, bom, expected) => {
    const bytes = await exported(format, bom);
    expect(startsWithBom(bytes)).toBe(expected);
    expect(bytes.toString('utf8').replace(UTF8_BOM, '')).toBe((await exported(format, false)).toString('utf8'));
  });

  it('our importer reads back an exported CSV file with its BOM: the first column keeps its name', async () => {
    const file = path.join(dir, 'export.csv');
    const out = createWriteStream(file);
    await writeExport(batches(), 'csv', out, { bom: true });
    out.end();
    await finished(out);
    expect(startsWithBom(await readFile(file))).toBe(true);
    const read = [];
    for await (const event of readSurveyFile(file, { source: 'round-trip' })) if (event.kind === 'record') read.push(event.verbatim);
    expect(read.map((verbatim) => [verbatim.text, verbatim.nps])).toEqual(VERBATIMS.map((verbatim) => [verbatim.text, verbatim.nps]));
    expect(Object.keys(read[0]?.segments ?? {}).some((key) => key.includes(UTF8_BOM))).toBe(false);
  });
});
