import { sql, type Kysely } from 'kysely';
import { jsonWithoutNul } from './jsonb.js';
import { INCREMENTAL_SYNC } from './replica-sync-policy.js';
import type { Database } from './schema.js';
import { inWriteTransaction } from './write-transaction.js';

/** Every this many bumps, the change log drops the entries no replica can apply any more. */
const PRUNE_EVERY = 64;

/**
 * Bumps the data version and logs the verbatims a write touched (inserted, enriched,
 * re-tagged, deleted; none for a taxonomy version), in the writer's transaction `trx`.
 * Call it as the transaction's LAST statement: the `UPDATE` of the version row takes that
 * row's lock until commit, so the next writer gets the next number only after this one
 * committed — numbers commit in order, and a snapshot that sees version N sees exactly the
 * log entries 1…N and the rows they name. Taken last, the lock is held for one statement
 * and the commit, and never while waiting for another writer's rows (no deadlock).
 * `followups`: the write changed follow-ups too (the dashboard's version).
 *
 * @example await db.transaction().execute(async (trx) => { await save(trx, batch); await recordChange(trx, ids); })
 */
export async function recordChange(trx: Kysely<Database>, verbatimIds: readonly string[], options: { readonly followups?: boolean } = {}): Promise<void> {
  const ids = [...new Set(verbatimIds)];
  const { rows } = await sql<{ seq: string; ids_through: string }>`
    with bump as (
      update data_version set changes = changes + 1, logged_ids = logged_ids + ${ids.length}
        ${options.followups === true ? sql`, followups = followups + 1` : sql``}
      returning changes, logged_ids)
    insert into data_changes (seq, verbatim_ids, ids_through)
    select bump.changes, array(select jsonb_array_elements_text(${jsonWithoutNul(ids)}::text::jsonb)), bump.logged_ids from bump
    returning seq::text, ids_through::text`.execute(trx);
  const bumped = rows[0];
  if (bumped === undefined) throw new Error('data_version has no row: the database was not migrated');
  if (Number(bumped.seq) % PRUNE_EVERY === 0) await pruneChangeLog(trx, Number(bumped.ids_through));
}

/**
 * Bumps the dashboard's version for a follow-up write (opened, assigned, closed), in the
 * writer's transaction. Reports do not read follow-ups: the replica's version stays.
 */
export async function recordFollowupChange(trx: Kysely<Database>): Promise<void> {
  await sql`update data_version set followups = followups + 1`.execute(trx);
}

/**
 * For writes that do not log their verbatims (bulk SQL such as the bench's database
 * builder, a test's `truncate`): bumps both versions and empties the change log, so every
 * replica is rebuilt from scratch. The bump comes first here: holding the row lock, no
 * writer can log an entry between the emptying and this version.
 */
export async function recordWholesaleChange(db: Kysely<Database>): Promise<void> {
  await inWriteTransaction(db, async (trx) => {
    await sql`update data_version set changes = changes + 1, followups = followups + 1`.execute(trx);
    await sql`delete from data_changes`.execute(trx);
  });
}

/**
 * Deletes the oldest log entries: those after which more verbatims were logged than any
 * replica takes incrementally (`maxIncrementalChanges` of the table's size, which the
 * planner's estimate gives without a scan). A replica that needed them is rebuilt, as it
 * would have been anyway. Entries go oldest first, so the rest stays contiguous.
 */
async function pruneChangeLog(trx: Kysely<Database>, loggedIds: number): Promise<void> {
  await sql`
    delete from data_changes
    where ids_through < ${loggedIds} - greatest(${INCREMENTAL_SYNC.floor}::float8,
      ${INCREMENTAL_SYNC.maxShare}::float8 * greatest((select reltuples from pg_class where oid = 'verbatims'::regclass), 0))`.execute(trx);
}
