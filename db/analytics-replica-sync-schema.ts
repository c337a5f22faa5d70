/**
 * The replica's own bookkeeping for incremental syncs (db/analytics-replica.ts), beside
 * the tables reports read (analytics-replica-schema.ts): which source verbatim each row id
 * holds, and which source version and change-log position the file is at.
 */

/** Bumped when the tables below change: a replica of another sync layout is rebuilt. */
export const SYNC_LAYOUT = 1;

export const SYNC_TABLES_SQL = `
  create table verbatim_ids (
    row_id integer not null,
    id varchar not null
  );
  create table replica_sync (
    layout integer not null,
    source_epoch varchar not null,
    source_seq bigint not null,
    replaced bigint not null
  );
`;
