import { readFile } from 'node:fs/promises';
import type { GoldRecord } from './score-enrichment.js';

/** A labelled record with the input fields the pipeline may read (never the gold labels). */
export interface EvalRecord extends GoldRecord {
  readonly nps?: number | null;
  readonly source?: string;
}

/** Reads a labelled JSONL set; a bad line names the file and line. */
export async function readEvalSet(file: string): Promise<EvalRecord[]> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const records: EvalRecord[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      records.push(JSON.parse(line) as EvalRecord);
    } catch (error) {
      throw new Error(`${file}:${index + 1}: not valid JSON (${(error as Error).message})`);
    }
  });
  return records;
}
