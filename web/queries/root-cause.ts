import type { Kysely } from 'kysely';
import { buildRootCause, type RootCause } from '../../analysis/root-cause.js';
import type { Database } from '../../db/schema.js';
import { InputError } from '../../core/errors.js';
import { ApiError } from '../errors.js';
import { toReportFilters, type ViewFilters } from '../filters.js';

/** The root cause of a theme under the filters (scope included); an unknown theme is a 404. */
export async function rootCauseOf(db: Kysely<Database>, filters: ViewFilters, theme: string, now: Date): Promise<RootCause> {
  try {
    return await buildRootCause(db, toReportFilters(filters), theme, now);
  } catch (error) {
    if (error instanceof InputError) throw new ApiError('not_found', error.message);
    throw error;
  }
}
