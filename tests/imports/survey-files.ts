import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { readSurveyFile, type ImportEvent } from '../../imports/import-file.js';

/** A temp folder for the calling test file, removed after it; `write` puts a file in it. */
export function surveyFolder(): { write: (name: string, content: string | Buffer) => Promise<string>; dir: () => string } {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-survey-'));
  });
  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });
  const folder = (): string => {
    if (dir === undefined) throw new Error('the survey folder is made in beforeAll');
    return dir;
  };
  return {
    dir: folder,
    write: async (name, content) => {
      const file = path.join(folder(), name);
      await writeFile(file, content);
      return file;
    },
  };
}

/** Every event `readSurveyFile` yields for the file. */
export async function collect(file: string, options: Parameters<typeof readSurveyFile>[1] = {}): Promise<ImportEvent[]> {
  const events: ImportEvent[] = [];
  for await (const event of readSurveyFile(file, options)) events.push(event);
  return events;
}

export function records(events: readonly ImportEvent[]) {
  return events.flatMap((event) => (event.kind === 'record' ? [event] : []));
}

export function notRecords(events: readonly ImportEvent[]) {
  return events.filter((event) => event.kind !== 'record');
}
