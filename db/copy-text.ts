import { jsonWithoutNul } from './jsonb.js';

/** A value of one column of a `COPY … FROM` row, as the row objects of the writers hold it. */
export type CopyValue = string | number | boolean | Date | null | undefined | object;

/** `COPY`'s text format writes NULL as `\N`. */
const NULL_FIELD = '\\N';

/** The characters `COPY`'s text format reads specially (backslash, tab, newline, CR) or cannot hold at all (NUL). */
const SPECIAL = /[\\\t\n\r\0]/;
const SPECIAL_ALL = /[\\\t\n\r\0]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '' };

/**
 * One field of PostgreSQL's `COPY` text format, the value converted as the JSON recordset
 * path converts it (db/jsonb.ts `jsonWithoutNul` then `jsonb_to_recordset`), so both store the
 * same: NUL characters dropped (no PostgreSQL text holds one); backslash, tab, newline and CR
 * escaped; `null`/`undefined` and numbers JSON writes as `null` (NaN, ±Infinity) and invalid
 * dates as NULL; a `Date` in ISO form; booleans `t`/`f`; an object or array (a `jsonb` column)
 * as its JSON without NUL characters, then escaped like any text.
 *
 * @example copyField('a\tb\\c') // 'a\\tb\\\\c'
 */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return NULL_FIELD;
  switch (typeof value) {
    case 'string':
      return escapeText(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : NULL_FIELD;
    case 'boolean':
      return value ? 't' : 'f';
    default:
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? NULL_FIELD : value.toISOString();
      return escapeText(jsonWithoutNul(value));
  }
}

/**
 * One row of `COPY`'s text format (fields in `columns` order, tab-separated, newline-ended).
 *
 * @example copyLine({ id: 'v1', nps: null }, ['id', 'nps']) // 'v1\t\\N\n'
 */
export function copyLine<K extends string>(row: Readonly<Record<K, CopyValue>>, columns: readonly K[]): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) line += (i === 0 ? '' : '\t') + copyField(row[columns[i] as K]);
  return `${line}\n`;
}

function escapeText(text: string): string {
  // Most texts hold none of them: one scan, no copy.
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ESCAPES[c] ?? c) : text;
}
