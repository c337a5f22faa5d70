/**
 * The order a writer keeps when its caller overlaps several transactions (an enriching import on
 * PostgreSQL, pipeline/store-turns.ts, matched by shape): open the transaction after `mayBegin`,
 * say `begun()` once it is open, and await `mayCommit` inside it before the last statement (the
 * data-version bump, db/change-log.ts), so transactions commit — and versions are numbered — in
 * the caller's order. A rejected `mayCommit` (an earlier transaction failed) rolls this one back.
 */
export interface CommitTurn {
  readonly mayBegin: Promise<void>;
  begun(): void;
  readonly mayCommit: Promise<void>;
}
