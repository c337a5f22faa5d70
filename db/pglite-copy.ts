import type { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';

/**
 * Where a writer may `COPY … FROM '/dev/blob'`: the embedded database's own PGlite, which
 * Kysely's dialect hides (it passes SQL and parameters, not PGlite's `blob` option).
 */
export interface CopyTarget {
  /**
   * Loads `text` (rows of `COPY`'s text format, db/copy-text.ts) into `table`'s `columns` (our
   * identifiers, written into the statement as they are), on
   * the one PGlite session: inside the caller's open transaction when it has one. Call it only
   * between the statements of the Kysely connection (or transaction) you hold, never beside one.
   *
   * @returns the rows loaded.
   */
  copyIn(table: string, columns: readonly string[], text: string): Promise<number>;
}

/** Any Kysely instance or transaction, whatever its tables (only its executor is read). */
type AnyKysely = Pick<Kysely<unknown>, 'getExecutor'>;

/**
 * PGlite handles by the dialect adapter of the Kysely instance opened on them: `withPlugin`
 * copies and transactions of that instance share its adapter, so they find it too.
 */
const handles = new WeakMap<object, PGlite>();

/** Lets the writers of `db` (opened on `pglite` by db/open-database.ts) load rows by `COPY`. */
export function registerCopyTarget(db: AnyKysely, pglite: PGlite): void {
  handles.set(adapterOf(db), pglite);
}

/**
 * The `COPY` target of `db`, or undefined where there is none: PostgreSQL (`pg` needs a stream
 * protocol Kysely does not expose), the socket of a sharing `verbatim serve`, any Kysely not
 * opened by `openDatabase`. Then writers use their statements with a JSON parameter.
 *
 * @example const target = copyTargetOf(db); if (target !== undefined) await target.copyIn('verbatim_themes', columns, text)
 */
export function copyTargetOf(db: AnyKysely): CopyTarget | undefined {
  const pglite = handles.get(adapterOf(db));
  if (pglite === undefined) return undefined;
  return {
    copyIn: async (table, columns, text) => {
      const result = await pglite.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [], { blob: new Blob([text]) });
      return result.affectedRows ?? 0;
    },
  };
}

// `getExecutor()` is marked internal in Kysely's docs but typed and stable; its adapter is the
// one object every derived instance (plugins, transactions, connections) keeps.
function adapterOf(db: AnyKysely): object {
  return db.getExecutor().adapter;
}
