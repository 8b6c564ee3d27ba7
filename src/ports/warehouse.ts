/**
 * The warehouse port: where a tree's Accounts and Snapshots live when they
 * are tables of a SQL engine (BigQuery in Sheets, DuckDB on the command
 * line) instead of sheets. The tree is compiled to SQL (src/sql); the
 * engine runs it where the data lives and gives back small results. Pure
 * types: nothing here touches an Apps Script global or a Node module.
 */

/** How a source column is typed in the engine (its schema), which decides how a cell is read. */
export type SourceColumnType = 'number' | 'boolean' | 'text' | 'date' | 'timestamp';

export interface SourceColumn {
  /** The column's name in the engine (bound by the tree's header text, compared after trimming). */
  name: string;
  type: SourceColumnType;
}

/** A table of the engine that stands for a sheet. */
export interface SourceTable {
  /** What a person reads: `project.dataset.table`, or the file the view reads. */
  label: string;
  /** Its path for the dialect: BigQuery `project.dataset.table`, a DuckDB view name. Quoted by the compiler. */
  path: string[];
  columns: SourceColumn[];
  /**
   * What changes when the table's rows change (BigQuery: its lastModifiedTime
   * and numRows), so that results over it can be kept until then; absent
   * where the engine does not say.
   */
  version?: string;
}

export type SqlParamType = 'STRING' | 'FLOAT64' | 'INT64' | 'BOOL';

/** A query parameter: every value from a tree or a person reaches the engine this way, never as SQL text. */
export interface SqlParam {
  name: string;
  type: SqlParamType;
  value: string | number | boolean | null;
}

/** One query, ready for an engine of its dialect. */
export interface CompiledQuery {
  /** Which step of the report it is (for messages and for the printed script). */
  step: 'backtest' | 'curve' | 'series' | 'accounts' | 'budget';
  sql: string;
  params: SqlParam[];
}

/** A result row: column name → value (numbers as JavaScript numbers, BIGINT included). */
export type ResultRow = Record<string, string | number | boolean | null>;

/** An engine that runs one compiled query and returns every row (synchronous: Apps Script). */
export interface SyncWarehouse {
  run(q: CompiledQuery): ResultRow[];
}

/** The same, asynchronous (DuckDB in Node). */
export interface AsyncWarehouse {
  run(q: CompiledQuery): Promise<ResultRow[]>;
}

/**
 * A warehouse reached from where the run runs (BigQuery in Apps Script,
 * under the user's own credentials, billing `project`): each table's schema,
 * and the compiled queries. A refusal (a table it cannot read, a query the
 * engine refuses) is thrown as an error whose `warehouse` says which, with
 * the engine's own message; the run says it in the reader's language.
 */
export interface WarehouseAccess {
  /** The table `project.dataset.table`: its columns as the engine types them. */
  table(path: string): SourceTable;
  run(q: CompiledQuery): ResultRow[];
}

/** Which refusal a WarehouseAccess throws (as `(e as WarehouseRefusal).warehouse`). */
export type WarehouseRefusalKind = 'table' | 'query';

/**
 * Why a WarehouseAccess refused by its own judgement rather than the
 * engine's: a path that is not `project.dataset.table`, a table the engine
 * gave no schema for, a query with no answer before the run's deadline. Said
 * in the reader's language by run.error.bigquery_reason.<reason>.
 */
export type WarehouseRefusalReason = 'not_a_path' | 'no_schema' | 'timeout';

export interface WarehouseRefusal extends Error {
  warehouse: WarehouseRefusalKind;
  /** The table (`table`) or the step (`query`) refused. */
  subject: string;
  /**
   * Set when the access refused by its own judgement (its `message` is then
   * English, for logs only); absent when `message` is the engine's own, which
   * is said as the engine wrote it.
   */
  reason?: WarehouseRefusalReason;
  /** The reason's parameters (timeout: `seconds`, `job`). */
  reasonParams?: Record<string, string | number>;
}

export function isWarehouseRefusal(e: unknown): e is WarehouseRefusal {
  const k = (e as { warehouse?: unknown } | null)?.warehouse;
  return e instanceof Error && (k === 'table' || k === 'query');
}
