import type { Readable } from 'node:stream';
import { IMPORT_LIMITS } from './limits.js';

/** One element of a top-level JSON array, by 1-based position: its value, or why it was not read. */
export type JsonElement =
  | { readonly kind: 'value'; readonly index: number; readonly value: unknown }
  | { readonly kind: 'oversized'; readonly index: number; readonly length: number }
  | { readonly kind: 'invalid'; readonly index: number; readonly message: string };

interface Token {
  readonly name: string;
  readonly value?: unknown;
}

const VALUE_ENDS = new Set(['endObject', 'endArray', 'endString', 'endNumber', 'nullValue', 'trueValue', 'falseValue']);

/**
 * The elements of a JSON array, one at a time, each assembled only while it stays
 * under `maxChars`: strings, keys and numbers arrive from the tokenizer in chunks, so
 * a 200 MB string is counted and skipped, never held. A syntax error ends the
 * stream with an `invalid` element (nothing after it can be read).
 *
 * @example for await (const element of jsonArrayElements(createReadStream('a.json', 'utf8'))) …
 */
export async function* jsonArrayElements(text: Readable, maxChars: number = IMPORT_LIMITS.recordChars): AsyncIterable<JsonElement> {
  const [{ parserStream }, { default: Assembler }] = await Promise.all([import('stream-json'), import('stream-json/assembler.js')]);
  const tokens = text.pipe(parserStream({ packValues: false, streamValues: true }));
  let depth = 0;
  let index = 0;
  let inElement = false;
  let size = 0;
  let assembler: InstanceType<typeof Assembler> | null = null;
  let pieces: string[] = [];
  try {
    for await (const token of tokens as AsyncIterable<Token>) {
      if (token.name === 'whitespace') continue;
      if (depth === 0) {
        if (token.name !== 'startArray') throw new Error('expected a JSON array of objects');
        depth = 1;
        continue;
      }
      if (depth === 1 && token.name === 'endArray' && !inElement) {
        depth = 0;
        continue;
      }
      if (!inElement) {
        inElement = true;
        index += 1;
        size = 0;
        assembler = new Assembler();
        pieces = [];
      }
      size += 1 + (typeof token.value === 'string' ? token.value.length : 0);
      if (assembler !== null && size > maxChars) {
        assembler = null;
        pieces = [];
      }
      if (token.name === 'startObject' || token.name === 'startArray') depth += 1;
      else if (token.name === 'endObject' || token.name === 'endArray') depth -= 1;
      if (assembler !== null) feed(assembler, token, pieces);
      if (depth === 1 && VALUE_ENDS.has(token.name)) {
        inElement = false;
        yield assembler === null ? { kind: 'oversized', index, length: size } : { kind: 'value', index, value: assembler.current };
        assembler = null;
      }
    }
  } catch (error) {
    text.destroy();
    yield { kind: 'invalid', index: inElement ? index : index + 1, message: (error as Error).message };
  }
}

/** Packs the chunked strings, keys and numbers back into the tokens the assembler takes. */
function feed(assembler: { consume(token: Token): unknown }, token: Token, pieces: string[]): void {
  switch (token.name) {
    case 'startString':
    case 'startKey':
    case 'startNumber':
      pieces.length = 0;
      return;
    case 'stringChunk':
    case 'numberChunk':
      pieces.push(token.value as string);
      return;
    case 'endString':
      assembler.consume({ name: 'stringValue', value: pieces.join('') });
      return;
    case 'endKey':
      assembler.consume({ name: 'keyValue', value: pieces.join('') });
      return;
    case 'endNumber':
      assembler.consume({ name: 'numberValue', value: pieces.join('') });
      return;
    default:
      assembler.consume(token);
  }
}
