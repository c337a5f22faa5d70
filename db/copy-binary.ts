import type { CopyValue } from './copy-text.js';
import { jsonWithoutNul, withoutNul } from './jsonb.js';

/** The column types `copyBinary` writes, by their PostgreSQL names (the table's own: binary `COPY` does not convert). */
export const COPY_BINARY_TYPES = ['text', 'jsonb', 'timestamptz', 'smallint', 'integer', 'real', 'double precision', 'boolean'] as const;
export type CopyBinaryType = (typeof COPY_BINARY_TYPES)[number];

/** A column of a binary `COPY`: its name and its type in the table. */
export type CopyBinaryColumn<K extends string> = readonly [K, CopyBinaryType];

/** `PGCOPY\n\377\r\n\0`, then no flags and no header extension. */
const HEADER = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
/** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01 UTC), which its timestamps count from. */
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);
/** The version byte of `jsonb`'s binary form: the JSON text follows. */
const JSONB_VERSION = 1;

/**
 * Rows in PostgreSQL's binary `COPY` format, for `COPY … FROM … WITH (FORMAT binary)`: what
 * `copyLine` (db/copy-text.ts) writes as text, so both store the same, without the text the
 * database would parse back (timestamps, numbers) or scan for escapes — 19 % less CPU in the
 * `COPY` of the verbatims on PGlite (db/README.md, "The embedded store's cost per row").
 * The same conversions: `null`/`undefined`, numbers that are not finite and invalid dates are
 * NULL, −0 is 0; NUL characters dropped from texts and JSON; a `jsonb` value as its JSON (a string as
 * given); a timestamp from a `Date` or an ISO string of `toISOString`'s form. A value of another
 * kind than its column's throws a `CopyBinaryUnfitError` (the text format lets the database parse
 * it: write the rows as text then), and so does a fractional number in an integer column.
 *
 * @example copyBinary([{ id: 'v1', nps: 9 }], [['id', 'text'], ['nps', 'smallint']]) // Buffer 'PGCOPY\n…'
 */
export function copyBinary<K extends string>(rows: readonly Readonly<Record<K, CopyValue>>[], columns: readonly CopyBinaryColumn<K>[]): Buffer {
  const out = new BinaryWriter(HEADER.length + rows.length * columns.length * 16 + 2);
  out.bytes(HEADER);
  for (const row of rows) writeTuple(out, row, columns);
  out.int16(-1);
  return out.done();
}

/** Rows encoded one by one, to be framed later (`copyBinaryFramed`), maybe only some of them. */
export interface CopyBinaryTuples {
  /** Each row's tuple (field count, fields) as `copyBinary` writes it, one after the other, nothing before or after. */
  readonly bytes: Uint8Array;
  /** Row `i`'s tuple ends at `ends[i]` and starts where row `i − 1`'s ends (0 for the first). */
  readonly ends: Uint32Array;
}

/**
 * `copyBinary`'s rows without its header and trailer, each row's bytes located: where the rows are
 * encoded (an enrichment thread) is not where it is known which of them to load (db/enriched-row-bytes.ts).
 * Throws a `CopyBinaryUnfitError` as `copyBinary` does. The bytes are a buffer of their own, exactly their size.
 *
 * @example copyBinaryTuples([{ id: 'v1' }, { id: 'v2' }], [['id', 'text']]).ends // Uint32Array [10, 20]
 */
export function copyBinaryTuples<K extends string>(rows: readonly Readonly<Record<K, CopyValue>>[], columns: readonly CopyBinaryColumn<K>[]): CopyBinaryTuples {
  const out = new BinaryWriter(rows.length * columns.length * 16 + 16);
  const ends = new Uint32Array(rows.length);
  rows.forEach((row, index) => {
    writeTuple(out, row, columns);
    ends[index] = out.length;
  });
  return { bytes: new Uint8Array(out.done()), ends };
}

/**
 * The data of one binary `COPY` of the tuples `[start, end)` of `bytes` (see `copyBinaryTuples`), in
 * the order given: header, the tuples, trailer — the bytes `copyBinary` writes for those rows.
 * `overwrite`: bytes written over every tuple's own at the same offset (a value known only now,
 * whose field has the same length in every tuple).
 *
 * @example copyBinaryFramed(tuples.bytes, [[0, tuples.ends[0]]])
 */
export function copyBinaryFramed(
  bytes: Uint8Array,
  ranges: readonly (readonly [number, number])[],
  overwrite?: { readonly at: number; readonly bytes: Uint8Array },
): Buffer {
  let size = HEADER.length + 2;
  for (const [start, end] of ranges) size += end - start;
  const out = Buffer.allocUnsafe(size);
  out.set(HEADER, 0);
  let at = HEADER.length;
  for (const [start, end] of ranges) {
    out.set(bytes.subarray(start, end), at);
    if (overwrite !== undefined) out.set(overwrite.bytes, at + overwrite.at);
    at += end - start;
  }
  out.writeInt16BE(-1, at);
  return out;
}

/**
 * A `timestamptz` field's 8 bytes of value as `copyBinary` writes them (after its length, 8), or
 * undefined for an invalid date (which it writes NULL, a field of another length).
 */
export function timestamptzValueBytes(date: Date): Buffer | undefined {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return undefined;
  const out = new BinaryWriter(8);
  out.int64((ms - POSTGRES_EPOCH_MS) * 1000);
  return out.done();
}

function writeTuple<K extends string>(out: BinaryWriter, row: Readonly<Record<K, CopyValue>>, columns: readonly CopyBinaryColumn<K>[]): void {
  out.int16(columns.length);
  for (const [name, type] of columns) writeField(out, row[name], type, name);
}

function writeField(out: BinaryWriter, value: CopyValue, type: CopyBinaryType, name: string): void {
  if (value === null || value === undefined) return out.int32(-1);
  switch (type) {
    case 'text':
      if (typeof value !== 'string') throw mismatch(name, type, value);
      return out.text(withoutNul(value));
    case 'jsonb':
      return out.text(typeof value === 'string' ? withoutNul(value) : jsonWithoutNul(value), JSONB_VERSION);
    case 'timestamptz': {
      const ms = instantOf(value);
      if (ms === undefined) throw mismatch(name, type, value);
      if (Number.isNaN(ms)) return out.int32(-1);
      out.int32(8);
      return out.int64((ms - POSTGRES_EPOCH_MS) * 1000);
    }
    case 'smallint':
    case 'integer':
      if (typeof value !== 'number') throw mismatch(name, type, value);
      if (!Number.isFinite(value)) return out.int32(-1);
      if (!Number.isInteger(value)) throw mismatch(name, type, value);
      if (type === 'smallint') {
        out.int32(2);
        return out.int16(value);
      }
      out.int32(4);
      return out.int32(value);
    case 'real':
    case 'double precision':
      if (typeof value !== 'number') throw mismatch(name, type, value);
      if (!Number.isFinite(value)) return out.int32(-1);
      // −0 as 0, as its text (`String(-0)` is "0") stores it.
      if (type === 'real') {
        out.int32(4);
        return out.float32(value === 0 ? 0 : value);
      }
      out.int32(8);
      return out.float64(value === 0 ? 0 : value);
    case 'boolean':
      if (typeof value !== 'boolean') throw mismatch(name, type, value);
      out.int32(1);
      return out.byte(value ? 1 : 0);
  }
}

/**
 * Milliseconds since the Unix epoch of a `Date` (NaN when invalid, written NULL as the text
 * format writes it), or of a string in the one form JavaScript and PostgreSQL read alike
 * (`toISOString`'s: UTC, at most milliseconds, a real date); undefined for anything else, which
 * only the database's own parser may read (more digits, offsets, a 30 February that it refuses).
 */
function instantOf(value: CopyValue): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string' || !ISO_UTC.test(value)) return undefined;
  const ms = Date.parse(value);
  // JavaScript rolls 30 February and 24:00 over to the next day: the day of the month tells.
  return Number.isNaN(ms) || new Date(ms).getUTCDate() !== Number(value.slice(8, 10)) ? undefined : ms;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** A value `copyBinary` cannot write as its column's type: the rows go as text instead (db/copy-text.ts). */
export class CopyBinaryUnfitError extends TypeError {
  override readonly name = 'CopyBinaryUnfitError';
}

function mismatch(name: string, type: CopyBinaryType, value: CopyValue): CopyBinaryUnfitError {
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : value instanceof Date ? 'a Date' : `a ${typeof value}`;
  return new CopyBinaryUnfitError(`copyBinary: column \`${name}\` (${type}) cannot take ${shown}`);
}

/** A big-endian writer into one growing buffer. */
class BinaryWriter {
  #buffer: Buffer;
  #at = 0;

  constructor(size: number) {
    this.#buffer = Buffer.allocUnsafe(size);
  }

  bytes(data: Uint8Array): void {
    this.#room(data.length);
    this.#buffer.set(data, this.#at);
    this.#at += data.length;
  }

  byte(value: number): void {
    this.#room(1);
    this.#at = this.#buffer.writeUInt8(value, this.#at);
  }

  int16(value: number): void {
    this.#room(2);
    this.#at = this.#buffer.writeInt16BE(value, this.#at);
  }

  int32(value: number): void {
    this.#room(4);
    this.#at = this.#buffer.writeInt32BE(value, this.#at);
  }

  /** A whole number of at most 2^53 in magnitude (no `BigInt`: a tenth of the rows' writing time). */
  int64(value: number): void {
    this.#room(8);
    const high = Math.floor(value / 2 ** 32);
    this.#at = this.#buffer.writeInt32BE(high, this.#at);
    this.#at = this.#buffer.writeUInt32BE(value - high * 2 ** 32, this.#at);
  }

  float32(value: number): void {
    this.#room(4);
    this.#at = this.#buffer.writeFloatBE(value, this.#at);
  }

  float64(value: number): void {
    this.#room(8);
    this.#at = this.#buffer.writeDoubleBE(value, this.#at);
  }

  /** A field of `text`'s UTF-8 bytes, its length first; `prefix`: one byte before them (counted in the length). */
  text(text: string, prefix?: number): void {
    const extra = prefix === undefined ? 0 : 1;
    this.#room(4 + extra + text.length * 3); // UTF-8 takes at most 3 bytes a UTF-16 unit
    const start = this.#at;
    this.#at += 4;
    if (prefix !== undefined) this.#at = this.#buffer.writeUInt8(prefix, this.#at);
    this.#at += this.#buffer.write(text, this.#at, 'utf8');
    this.#buffer.writeInt32BE(this.#at - start - 4, start);
  }

  get length(): number {
    return this.#at;
  }

  done(): Buffer {
    return this.#buffer.subarray(0, this.#at);
  }

  #room(bytes: number): void {
    if (this.#at + bytes <= this.#buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.#buffer.length * 2, this.#at + bytes));
    this.#buffer.copy(grown, 0, 0, this.#at);
    this.#buffer = grown;
  }
}
