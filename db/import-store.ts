import type { Kysely } from 'kysely';
import type { Verbatim } from '../core/verbatim.js';
import { openDetractorFollowups, type FollowupCutoff } from './followups.table.js';
import { insertRemembered } from './insert-remembered.js';
import { refreshPlannerStatistics } from './planner-statistics.js';
import type { Database } from './schema.js';

/**
 * The database side of an import (imports/import-files.ts `ImportStore`, matched by shape):
 * batches stored without forgotten authors; at the end, callbacks opened and ANALYZE.
 *
 * @example await importFiles(paths, options, importStore(db), log, new Date())
 */
export function importStore(db: Kysely<Database>, followups: { readonly cutoff?: FollowupCutoff } = {}) {
  return {
    insert: (batch: readonly Verbatim[]) => insertRemembered(db, batch),
    finish: async (now: Date): Promise<number> => {
      const opened = await openDetractorFollowups(db, now, followups.cutoff);
      await refreshPlannerStatistics(db);
      return opened;
    },
  };
}
