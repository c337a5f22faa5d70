import type { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';

/**
 * Where a writer may `COPY … FROM` a file: the embedded database's own PGlite, which Kysely's
 * dialect hides (it passes SQL and parameters, not PGlite's file system).
 */
export interface CopyTarget {
  /**
   * Loads `rows` into `table`'s `columns` (our identifiers, written into the statement as they
   * are): a string in `COPY`'s text format (db/copy-text.ts), bytes in its binary format
   * (db/copy-binary.ts). On the one PGlite session: inside the caller's open transaction when it
   * has one. Call it only between the statements of the Kysely connection (or transaction) you
   * hold, never beside one.
   *
   * @returns the rows loaded.
   */
  copyIn(table: string, columns: readonly string[], rows: string | Uint8Array): Promise<number>;
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
    copyIn: async (table, columns, rows) => {
      const file = `${COPY_DIR}/verbatim-copy-${++copies}`;
      const binary = typeof rows !== 'string';
      pglite.Module.FS.writeFile(file, binary ? rows : Buffer.from(rows, 'utf8'));
      try {
        const result = await pglite.query(`copy ${table} (${columns.join(', ')}) from '${file}'${binary ? ' with (format binary)' : ''}`);
        return result.affectedRows ?? 0;
      } finally {
        pglite.Module.FS.unlink(file);
      }
    },
  };
}

/**
 * Where the rows wait for `COPY … FROM` file: the in-memory folder of PGlite's own file system,
 * not the data directory. A file there costs one native UTF-8 encoding and one copy; PGlite's
 * `/dev/blob` (a `Blob` encoded, read back as an `ArrayBuffer`, then copied into the database's
 * memory a byte at a time by JavaScript) cost 5 % more CPU in the whole store (db/README.md,
 * "The embedded store's cost per row").
 */
const COPY_DIR = '/tmp';

/** Numbers the files, so no two loads ever share one (each is unlinked after its `COPY`). */
let copies = 0;

// `getExecutor()` is marked internal in Kysely's docs but typed and stable; its adapter is the
// one object every derived instance (plugins, transactions, connections) keeps.
function adapterOf(db: AnyKysely): object {
  return db.getExecutor().adapter;
}
