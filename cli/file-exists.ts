import { access } from 'node:fs/promises';

/** Whether `file` exists (any kind of entry, readable or not). */
export async function fileExists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
