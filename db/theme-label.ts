import { sql, type Kysely } from 'kysely';
import { InputError } from '../core/errors.js';
import type { Database } from './schema.js';
import { withinTheme } from './theme-hierarchy.js';

/**
 * The label of a theme the database knows (from the taxonomy table, or as a tag — a
 * parent through its sub-themes too), or an `InputError` naming the themes found, so a
 * typo in `--theme` is refused rather than answered with nothing.
 *
 * @example await knownThemeLabel(db, 'fees_pricing') // 'Fees and pricing'
 */
export async function knownThemeLabel(db: Kysely<Database>, theme: string): Promise<string> {
  const [stored, tagged] = await Promise.all([
    db.selectFrom('themes').select('label').where('id', '=', theme).executeTakeFirst(),
    db.selectFrom('verbatim_themes as t').select('t.theme').where(withinTheme(sql.ref('t.theme'), theme)).limit(1).executeTakeFirst(),
  ]);
  if (stored === undefined && tagged === undefined) {
    const known = await db.selectFrom('verbatim_themes').select('theme').distinct().orderBy('theme').limit(50).execute();
    throw new InputError(`unknown theme \`${theme}\`${known.length === 0 ? '' : ` (themes found: ${known.map((row) => row.theme).join(', ')})`}`, { field: 'theme' });
  }
  return stored?.label ?? theme;
}
