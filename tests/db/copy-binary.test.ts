import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { copyBinary, copyBinaryFramed, copyBinaryTuples, CopyBinaryUnfitError, timestamptzValueBytes, type CopyBinaryColumn } from '../../db/copy-binary.js';
import { copyLine, type CopyValue } from '../../db/copy-text.js';
import { VERBATIM_COLUMN_TYPES } from '../../db/verbatim-column-types.js';
import { copyTargetOf } from '../../db/pglite-copy.js';
import { forEachDatabase } from '../support/databases.js';

type Column = 'id' | 'text' | 'created_at' | 'nps' | 'rating' | 'segments' | 'lang_confidence' | 'sentiment_supported' | 'enrich_failures';
const COLUMNS: readonly CopyBinaryColumn<Column>[] = [
  ['id', 'text'], ['text', 'text'], ['created_at', 'timestamptz'], ['nps', 'smallint'], ['rating', 'real'], ['segments', 'jsonb'],
  ['lang_confidence', 'double precision'], ['sentiment_supported', 'boolean'], ['enrich_failures', 'integer'],
];
const NAMES = COLUMNS.map(([name]) => name);

const row = (id: string, values: Partial<Record<Column, CopyValue>>): Record<Column, CopyValue> => ({
  id, text: 'plain', created_at: null, nps: null, rating: null, segments: {}, lang_confidence: null, sentiment_supported: null, enrich_failures: 0, ...values,
});

/** Values the two formats must store alike: every kind the writers hand over, and the edge of each. */
const rows: Record<Column, CopyValue>[] = [
  row('r01', { text: 'NUL\u0000 dropped\u0000', segments: { 'key\u0000': 'va\u0000lue' } }),
  row('r02', { text: 'C:\\temp\\new \\N \\. tab\there\nnew line\r\nCR\r', segments: { path: 'a\\b', quote: 'say "hi"', nl: 'x\ny' } }),
  row('r03', { text: 'l\'agence "Crédit" 東京 Ünïcødé 🙂 — ok', segments: { ville: 'Besançon' } }),
  row('r04', { text: '', created_at: new Date('2026-03-10T09:30:00.123Z'), nps: 10, rating: 4.5, lang_confidence: 0.1 + 0.2, sentiment_supported: true }),
  row('r05', { created_at: '2026-03-10T09:30:00Z', nps: 0, rating: 3.7, lang_confidence: 1e-7, sentiment_supported: false, enrich_failures: 1 }),
  row('r06', { created_at: '1999-12-31T23:59:59.999Z', rating: 1, lang_confidence: -0, enrich_failures: 2_147_483_647 }),
  row('r07', { created_at: new Date(Number.NaN), lang_confidence: Number.NaN, rating: Number.POSITIVE_INFINITY, nps: Number.NEGATIVE_INFINITY }),
  row('r08', { text: undefined, created_at: undefined, segments: null, lang_confidence: undefined }),
  row('r09', { created_at: '1970-01-01T00:00:00.5Z', segments: ['an', 'array'], lang_confidence: 123456789.123456789 }),
];

describe('copyBinary', () => {
  it('frames the rows: signature, no flags, a field count a row, −1 at the end', () => {
    const bytes = copyBinary([{ id: 'v1', nps: 9 }], [['id', 'text'], ['nps', 'smallint']]);
    expect(bytes.subarray(0, 19)).toEqual(Buffer.from('PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0', 'latin1'));
    expect([...bytes.subarray(19)]).toEqual([0, 2, 0, 0, 0, 2, 0x76, 0x31, 0, 0, 0, 2, 0, 9, 0xff, 0xff]);
  });

  it('writes the same bytes by tuples framed later, any of them, a field overwritten in each', () => {
    const tuples = copyBinaryTuples(rows, COLUMNS);
    const range = (index: number) => [index === 0 ? 0 : (tuples.ends[index - 1] ?? 0), tuples.ends[index] ?? 0] as const;
    expect(tuples.ends).toHaveLength(rows.length);
    expect(copyBinaryFramed(tuples.bytes, rows.map((_row, index) => range(index)))).toEqual(copyBinary(rows, COLUMNS));
    expect(copyBinaryFramed(tuples.bytes, [range(5), range(2)])).toEqual(copyBinary([rows[5], rows[2]] as Record<Column, CopyValue>[], COLUMNS));
    expect(copyBinaryFramed(tuples.bytes, [])).toEqual(copyBinary([], COLUMNS));
    // The tuples own their buffer, exactly: it can be moved to another thread.
    expect(tuples.bytes.byteOffset).toBe(0);
    expect(tuples.bytes.buffer.byteLength).toBe(tuples.ends.at(-1));
    const at = new Date('2026-12-01T10:00:00.000Z');
    const stamped = copyBinaryTuples([{ at: new Date(0), id: 'v1' }, { at: new Date(0), id: 'v22' }], [['at', 'timestamptz'], ['id', 'text']]);
    const value = timestamptzValueBytes(at);
    if (value === undefined) throw new Error('a valid date has a value');
    const ranges = [[0, stamped.ends[0] ?? 0], [stamped.ends[0] ?? 0, stamped.ends[1] ?? 0]] as const;
    expect(copyBinaryFramed(stamped.bytes, ranges, { at: 6, bytes: value })).toEqual(copyBinary([{ at, id: 'v1' }, { at, id: 'v22' }], [['at', 'timestamptz'], ['id', 'text']]));
    expect(timestamptzValueBytes(new Date(Number.NaN))).toBeUndefined();
  });

  it.each<[string, CopyBinaryColumn<'x'>[1], CopyValue]>([
    ['a timestamp with an offset', 'timestamptz', '2026-03-10 09:30:00+02'],
    ['a timestamp in microseconds', 'timestamptz', '2026-03-10T09:30:00.123456Z'],
    ['a date that does not exist', 'timestamptz', '2026-02-30T09:30:00.000Z'],
    ['a number as a timestamp', 'timestamptz', 1_700_000_000_000],
    ['a fraction as an integer', 'smallint', 7.5],
    ['a string as an integer', 'integer', '7'],
    ['a string as a float', 'double precision', '0.5'],
    ['a number as text', 'text', 42],
    ['a string as a boolean', 'boolean', 't'],
  ])('leaves %s to the text format', (_case, type, value) => {
    expect(() => copyBinary([{ x: value }], [['x', type]])).toThrow(CopyBinaryUnfitError);
  });
});

forEachDatabase((database) => {
  it('stores what the text format stores, value for value', async () => {
    const { db, kind } = database();
    const target = copyTargetOf(db);
    if (kind !== 'pglite' || target === undefined) return; // PostgreSQL: no COPY target
    const shape = sql.raw(`(${COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})`);
    const tables = { text: 'copy_as_text', binary: 'copy_as_binary' } as const;
    const stored: Record<string, unknown[]> = {};
    await db.transaction().execute(async (trx) => {
      for (const table of Object.values(tables)) await sql`create temp table ${sql.raw(table)} ${shape} on commit drop`.execute(trx);
      let text = '';
      for (const each of rows) text += copyLine(each, NAMES);
      const trxTarget = copyTargetOf(trx);
      expect(await trxTarget?.copyIn(tables.text, NAMES, text)).toBe(rows.length);
      expect(await trxTarget?.copyIn(tables.binary, NAMES, copyBinary(rows, COLUMNS))).toBe(rows.length);
      for (const [format, table] of Object.entries(tables)) {
        const { rows: read } = await sql`select t::text as line from ${sql.raw(table)} t order by id`.execute(trx);
        stored[format] = read;
      }
    });
    expect(stored['binary']).toHaveLength(rows.length);
    expect(stored['binary']).toEqual(stored['text']);
    expect(stored['binary']?.[5]).toEqual({ line: '(r06,plain,"1999-12-31 23:59:59.999+00",,1,{},0,,2147483647)' });
  });

  it('knows the type of every column of `verbatims` as the migrated table declares it (binary COPY does not convert)', async () => {
    const { db } = database();
    const { rows: declared } = await sql<{ name: string; type: string }>`
      select column_name as name, data_type as type from information_schema.columns where table_name = 'verbatims'`.execute(db);
    const types = new Map(declared.map((column) => [column.name, column.type.replace('timestamp with time zone', 'timestamptz')]));
    for (const [column, type] of Object.entries(VERBATIM_COLUMN_TYPES)) expect([column, types.get(column)]).toEqual([column, type]);
  });
});
