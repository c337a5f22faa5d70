import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Kysely } from 'kysely';
import { copyVerbatims, REPLICA_PAGE_SIZE } from './analytics-replica-pages.js';
import { deletePhrases, prunePhrases } from './analytics-replica-phrases.js';
import { REPLICA_LAYOUT } from './analytics-replica-schema.js';
import { SYNC_LAYOUT } from './analytics-replica-sync-schema.js';
import { changedVerbatimIdsSince, loggedChangesSince } from './changes-since.js';
import { formatDataVersion, type DataVersionState } from './data-version.js';
import { maxIncrementalChanges, type IncrementalPolicy } from './replica-sync-policy.js';
import type { Database } from './schema.js';

/** What an incremental sync wrote. */
export interface ReplicaChanges {
  /** Verbatims the change log named (each deleted from the replica, then copied again if it still exists). */
  readonly changed: number;
  /** Of those, how many exist in the source and were copied, with their theme rows. */
  readonly verbatims: number;
  readonly themeRows: number;
  /** The file was rewritten afterwards without its deleted rows (verbatims had gone from the source: `compactReplica`). */
  readonly compacted: boolean;
}

/** Where a replica file stands, from its own tables. */
interface HeldVersion {
  readonly epoch: string;
  readonly seq: number;
  /** Verbatims replaced since its last full rebuild (their old rows are deleted rows in the file). */
  readonly replaced: number;
  readonly verbatims: number;
}

/**
 * Brings `replica` (a writable copy of a replica file) to `version` of `source` by applying
 * the change log since the version the file holds: the changed verbatims' rows, theme rows
 * and phrase rows are deleted, and those still in the source copied again (their phrases
 * tokenised anew); dictionary phrases no verbatim uses any more are dropped. Returns undefined, having
 * changed nothing, when a full rebuild is due instead: a file of another layout, database
 * or a later version; a log pruned since; or more changes than `maxIncrementalChanges` of
 * the replica, counted since its last full rebuild. Run it on the snapshot `version` was read in.
 */
export async function applyChanges(
  source: Kysely<Database>,
  replica: DuckDBConnection,
  version: DataVersionState,
  options: { readonly policy?: IncrementalPolicy | undefined; readonly pageSize?: number } = {},
): Promise<ReplicaChanges | undefined> {
  const held = await readHeldVersion(replica);
  if (held === undefined || held.epoch !== version.epoch || held.seq > version.changes) return undefined;
  const logged = await loggedChangesSince(source, held.seq, version.changes);
  if (!logged.complete || held.replaced + logged.ids > maxIncrementalChanges(held.verbatims, options.policy)) return undefined;
  const ids = await changedVerbatimIdsSince(source, held.seq);
  await deleteRows(replica, ids);
  const next = await replica.runAndReadAll('select coalesce(max(row_id), 0)::integer from verbatim_ids');
  const firstRowId = Number(next.getRows()[0]?.[0] ?? 0) + 1;
  const copied = await copyVerbatims(source, replica, { kind: 'ids', ids }, { pageSize: options.pageSize ?? REPLICA_PAGE_SIZE, firstRowId });
  if (ids.length > 0) await prunePhrases(replica);
  await replica.run(
    `update replica_state set source_version = $version, built_at = now()::timestamp,
       verbatims = (select count(*) from verbatims), theme_rows = (select count(*) from verbatim_themes)`,
    { version: formatDataVersion(version, 'replica') },
  );
  await replica.run('update replica_sync set source_seq = $seq, replaced = replaced + $changed', { seq: version.changes, changed: ids.length });
  await replica.run('checkpoint');
  return { changed: ids.length, ...copied, compacted: false };
}

/** The file's version, or undefined when it is not a replica of the current layouts. */
async function readHeldVersion(replica: DuckDBConnection): Promise<HeldVersion | undefined> {
  try {
    const reader = await replica.runAndReadAll(`
      select s.layout as sync_layout, s.source_epoch, s.source_seq::double as seq, s.replaced::double as replaced,
        r.layout, r.verbatims::double as verbatims
      from replica_sync s, replica_state r`);
    const rows = reader.getRowObjectsJS();
    const row = rows[0];
    if (rows.length !== 1 || row === undefined || row['sync_layout'] !== SYNC_LAYOUT || row['layout'] !== REPLICA_LAYOUT) return undefined;
    return { epoch: String(row['source_epoch']), seq: Number(row['seq']), replaced: Number(row['replaced']), verbatims: Number(row['verbatims']) };
  } catch {
    return undefined; // a file without our tables: rebuilt
  }
}

/** Deletes the rows of these source ids (verbatim, theme, phrase and id rows). */
async function deleteRows(replica: DuckDBConnection, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const scratch = await mkdtemp(path.join(tmpdir(), 'verbatim-replica-changed-'));
  try {
    const file = path.join(scratch, 'changed.jsonl');
    await writeFile(file, ids.map((id) => JSON.stringify({ i: id })).join('\n'));
    await replica.run(`create or replace temp table changed as
      select r.row_id from verbatim_ids r
      where r.id in (select i from read_json($file, format = 'newline_delimited', columns = {i: 'VARCHAR'}))`, { file });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  await replica.run('delete from verbatim_themes where row_id in (select row_id from changed)');
  await deletePhrases(replica);
  await replica.run('delete from verbatims where row_id in (select row_id from changed)');
  await replica.run('delete from verbatim_ids where row_id in (select row_id from changed)');
  await replica.run('drop table changed');
}
