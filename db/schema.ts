import type { ColumnType, Generated, Insertable, JSONColumnType, Selectable, Updateable } from 'kysely';

/**
 * The database as Kysely sees it. One interface per table; the `*.table.ts`
 * files hold each table's repository functions and its row aliases.
 * Timestamps are `timestamptz`, read back as `Date`, written as `Date | string`.
 */
export interface Database {
  sources: SourcesTable;
  verbatims: VerbatimsTable;
  verbatim_themes: VerbatimThemesTable;
  themes: ThemesTable;
  runs: RunsTable;
  followups: FollowupsTable;
  tokens: TokensTable;
  sessions: SessionsTable;
  author_tombstones: AuthorTombstonesTable;
  installation_settings: InstallationSettingsTable;
  alerts: AlertsTable;
  alert_deliveries: AlertDeliveriesTable;
  taxonomy_versions: TaxonomyVersionsTable;
  data_version: DataVersionTable;
  data_changes: DataChangesTable;
}

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;

export interface SourcesTable {
  /** The source name (`--source`, a scraper source name). */
  name: string;
  kind: string;
  url: string | null;
  /** Incremental state of a scraper: etags, last-modified, seen ids, last run. */
  state: JSONColumnType<Record<string, unknown>>;
  created_at: Generated<Date>;
}

export interface VerbatimsTable {
  /** `verbatimId()`: deterministic, the dedup key. */
  id: string;
  source: string;
  external_id: string | null;
  /** `contentHash(text)`: finds the same comment under another source. */
  content_hash: string;
  /** As stored: PII-redacted unless redaction was turned off. */
  text: string;
  created_at: NullableTimestamp;
  nps: number | null;
  rating: number | null;
  respondent: string;
  author_key: string | null;
  segments: JSONColumnType<Record<string, string>>;
  journey_hint: string | null;
  imported_at: Generated<Date>;
  // Enrichment: null until the pipeline has run on the row.
  lang: string | null;
  lang_confidence: number | null;
  sentiment_supported: boolean | null;
  sentiment: string | null;
  sentiment_score: number | null;
  journey: string | null;
  nps_category: string | null;
  model_version: string | null;
  enriched_at: NullableTimestamp;
  /** Runs this verbatim failed in (db/enrich-failures.ts); left out of the pending set at the cap. */
  enrich_failures: Generated<number>;
  enrich_error: string | null;
}

export interface VerbatimThemesTable {
  verbatim_id: string;
  theme: string;
  sentiment: string;
  score: number;
  confidence: number;
  evidence: string;
  /** A parent written at save time for its sub-theme tags (db/theme-rollup.ts), not a tag of the pipeline's. */
  rolled_up: Generated<boolean>;
}

export interface ThemesTable {
  id: string;
  parent_id: string | null;
  label: string;
  description: string | null;
  /** The label in other interface languages (`{ fr: 'Frais et tarifs' }`); `label` is the default. */
  labels: JSONColumnType<Record<string, string>, string | undefined, string>;
}

export interface RunsTable {
  id: Generated<number>;
  kind: string;
  status: string;
  started_at: Timestamp;
  finished_at: NullableTimestamp;
  stats: JSONColumnType<Record<string, unknown>>;
}

export interface FollowupsTable {
  id: Generated<number>;
  verbatim_id: string;
  status: string;
  assignee: string | null;
  due_at: Timestamp;
  created_at: Generated<Date>;
  closed_at: NullableTimestamp;
  note: string | null;
  /** Why it was closed without a call (bulk close); null when closed one by one. */
  close_reason: string | null;
}

/** An API token of `verbatim serve`; only the SHA-256 of the token is kept. */
export interface TokensTable {
  id: Generated<number>;
  token_hash: string;
  role: string;
  /** Segment values every row this token sees must have, e.g. `{ "branch": "Lyon" }`. */
  scope: JSONColumnType<Record<string, string>>;
  label: string | null;
  created_at: Generated<Date>;
  revoked_at: NullableTimestamp;
  /** After this the token is refused (401); null: never. */
  expires_at: NullableTimestamp;
}

/** A dashboard session; only the SHA-256 of the cookie value is kept. */
export interface SessionsTable {
  id_hash: string;
  token_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** A forgotten author: only the keyed hash, so a re-import skips them (db/author-tombstones.table.ts). */
export interface AuthorTombstonesTable {
  author_key: string;
  forgotten_at: Generated<Date>;
}

/** Facts about the installation, by name (e.g. the author-key secret's fingerprint). */
export interface InstallationSettingsTable {
  name: string;
  value: string;
}

/** An event an alert rule raised (db/alerts.table.ts); `event_key` is unique, so it is stored and sent once. */
export interface AlertsTable {
  id: Generated<number>;
  /** Rule id, subject and period: the same event always gets the same key. */
  event_key: string;
  rule_id: string;
  kind: string;
  metric: string;
  theme: string | null;
  segments: JSONColumnType<Record<string, string>>;
  source: string | null;
  period: string;
  period_from: Timestamp;
  period_to: Timestamp;
  value: number | null;
  baseline: number | null;
  z: number | null;
  n: number;
  message: string;
  raised_at: Timestamp;
  delivered_at: NullableTimestamp;
  delivery_error: string | null;
  acknowledged_at: NullableTimestamp;
  acknowledged_by: string | null;
}

/** How one alert went to one channel (`webhook:<hash of the URL>` or `email`); db/alert-deliveries.table.ts. */
export interface AlertDeliveriesTable {
  alert_id: number;
  channel: string;
  attempts: number;
  last_attempt_at: Timestamp;
  delivered_at: NullableTimestamp;
  last_error: string | null;
}

/** One applied taxonomy (db/taxonomy-versions.table.ts); one row is active, the one `enrich` tags with. */
export interface TaxonomyVersionsTable {
  version: number;
  /** The validated taxonomy document (`{ themes: [...] }`). */
  document: JSONColumnType<{ themes: unknown[] }>;
  author: string;
  message: string;
  /** Theme ids this version removed → the id their verbatims carry now (a merge). */
  id_map: JSONColumnType<Record<string, string>>;
  created_at: Timestamp;
  active: Generated<boolean>;
  /** When every stored verbatim was last re-tagged with this version; null while a re-tag runs (or after one failed). */
  retagged_at: NullableTimestamp;
}

/**
 * The one row writers bump (db/change-log.ts): reading the data version reads this row,
 * not the tables. Counters are `bigint`, read back as strings.
 */
export interface DataVersionTable {
  singleton: Generated<boolean>;
  /** Random per database: a replica of another database (or of a re-created one) never matches. */
  epoch: string;
  /** Bumped by every write reports read: verbatims, their enrichment and themes, forget, taxonomy versions. */
  changes: ColumnType<string, never, string>;
  /** Bumped by every follow-up write (the dashboard's version only). */
  followups: ColumnType<string, never, string>;
  /** How many verbatim ids `data_changes` has ever logged (the running total of `ids_through`). */
  logged_ids: ColumnType<string, never, string>;
}

/** The change log: the verbatims of bump `seq` (contiguous from the oldest kept to `data_version.changes`). */
export interface DataChangesTable {
  seq: ColumnType<string, string | number, never>;
  verbatim_ids: ColumnType<string[], string[], never>;
  /** `data_version.logged_ids` after this bump: ids logged from `seq` on = logged_ids − ids_through + cardinality. */
  ids_through: ColumnType<string, string | number, never>;
}

export type VerbatimRow = Selectable<VerbatimsTable>;
export type NewVerbatimRow = Insertable<VerbatimsTable>;
export type VerbatimRowUpdate = Updateable<VerbatimsTable>;
