import { IMPORT_LIMITS } from './limits.js';

/** One record of a text file: its first physical line, how many lines it spans, its text without the line break. */
export type SplitRecord =
  | { readonly kind: 'record'; readonly line: number; readonly lines: number; readonly text: string }
  | { readonly kind: 'oversized'; readonly line: number; readonly lines: number; readonly length: number };

/** Where a CSV scan stands: a quote opens a quoted field only at the start of a field. */
const enum Quoting {
  FieldStart,
  Unquoted,
  Quoted,
  AfterQuote,
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;

/**
 * Splits decoded text into records at line breaks — outside quoted fields when
 * `csvDelimiter` is given (CSV fields may hold line breaks) — and never holds more
 * than `maxChars` of one record: a longer record is reported by its size and
 * skipped, so a 200 MB line costs no more memory than a 1 MB one.
 *
 * @example for await (const record of splitRecords(decodedChunks, {})) JSON.parse(record.text)
 */
export async function* splitRecords(
  chunks: AsyncIterable<string | Buffer>,
  options: { readonly csvDelimiter?: string; readonly maxChars?: number },
): AsyncIterable<SplitRecord> {
  const maxChars = options.maxChars ?? IMPORT_LIMITS.recordChars;
  const delimiter = options.csvDelimiter?.charCodeAt(0);
  let parts: string[] = [];
  let length = 0;
  let oversized = false;
  let state = Quoting.FieldStart;
  let line = 1;
  let lines = 1;
  const append = (segment: string): void => {
    length += segment.length;
    if (oversized) return;
    if (length > maxChars) {
      oversized = true;
      parts = [];
    } else if (segment !== '') parts.push(segment);
  };
  const finish = (): SplitRecord => {
    const record: SplitRecord = oversized
      ? { kind: 'oversized', line, lines, length }
      : { kind: 'record', line, lines, text: parts.join('').replace(/\r$/, '') };
    line += lines;
    parts = [];
    length = 0;
    lines = 1;
    oversized = false;
    state = Quoting.FieldStart;
    return record;
  };
  for await (const raw of chunks) {
    const chunk = typeof raw === 'string' ? raw : raw.toString('utf8');
    let start = 0;
    if (delimiter === undefined) {
      for (let newline = chunk.indexOf('\n'); newline !== -1; newline = chunk.indexOf('\n', start)) {
        append(chunk.slice(start, newline));
        start = newline + 1;
        yield finish();
      }
    } else {
      for (let index = 0; index < chunk.length; index++) {
        const code = chunk.charCodeAt(index);
        if (code === NEWLINE && state !== Quoting.Quoted) {
          append(chunk.slice(start, index));
          start = index + 1;
          yield finish();
          continue;
        }
        if (code === NEWLINE) lines += 1;
        state = nextState(state, code, delimiter);
      }
    }
    append(chunk.slice(start));
  }
  if (length > 0 || oversized) yield finish();
}

function nextState(state: Quoting, code: number, delimiter: number): Quoting {
  switch (state) {
    case Quoting.FieldStart:
      return code === QUOTE ? Quoting.Quoted : code === delimiter ? Quoting.FieldStart : Quoting.Unquoted;
    case Quoting.Unquoted:
      return code === delimiter ? Quoting.FieldStart : Quoting.Unquoted;
    case Quoting.Quoted:
      return code === QUOTE ? Quoting.AfterQuote : Quoting.Quoted;
    case Quoting.AfterQuote:
      return code === QUOTE ? Quoting.Quoted : code === delimiter ? Quoting.FieldStart : Quoting.Unquoted;
  }
}

/**
 * The fields of one CSV record (RFC 4180: `""` is a quote inside a quoted field; a quote
 * inside an unquoted field is kept as written), or why the record is malformed.
 *
 * @example csvFields('1;"a ""b""";c', ';') // { fields: ['1', 'a "b"', 'c'] }
 */
export function csvFields(text: string, delimiter: string): { fields: string[] } | { error: string } {
  const fields: string[] = [];
  let position = 0;
  for (;;) {
    if (text[position] === '"') {
      let value = '';
      let from = position + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) return { error: `field ${fields.length + 1}: a quote opened and never closed` };
        value += text.slice(from, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          from = quote + 2;
          continue;
        }
        position = quote + 1;
        break;
      }
      fields.push(value);
      if (position === text.length) return { fields };
      if (!text.startsWith(delimiter, position)) {
        return { error: `field ${fields.length}: text after its closing quote (\`${text.slice(position, position + 20)}\`); quote the whole field` };
      }
      position += delimiter.length;
    } else {
      const next = text.indexOf(delimiter, position);
      fields.push(text.slice(position, next === -1 ? text.length : next));
      if (next === -1) return { fields };
      position = next + delimiter.length;
    }
    if (position === text.length) {
      fields.push('');
      return { fields };
    }
  }
}
