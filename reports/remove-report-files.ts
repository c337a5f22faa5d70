import { readdir, rm } from 'node:fs/promises';

/**
 * Deletes a report folder (the data dir's, written by `verbatim demo`) after a forget,
 * since its files may quote the forgotten answers. Returns how many files went.
 *
 * @example await removeReportFiles('.verbatim/reports') // 15
 */
export async function removeReportFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((entry) => entry.isFile()).length;
  if (files > 0) await rm(dir, { recursive: true, force: true });
  return files;
}
