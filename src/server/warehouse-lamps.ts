/**
 * The lamps report and the check, computed by a SQL engine where the data
 * lives (BigQuery, DuckDB): the compiled queries (src/sql) do the per-row
 * work; the TypeScript core does what is small (the lift interval, the
 * verdicts on a few dozen months, evidence, the gate), fed by their results.
 * The result is the very LampsComputation the TypeScript path makes, so the
 * same document and the same readable report follow.
 *
 * Host-agnostic: the steps are a generator that yields each query and
 * receives its rows; runQueries (Apps Script, synchronous) and
 * runQueriesAsync (DuckDB in Node) drive it.
 */
import type { Table } from '../core/table';
import type { Tree } from '../core/tree/types';
import type { AsyncWarehouse, CompiledQuery, ResultRow, SourceTable, SyncWarehouse } from '../ports/warehouse';
import type { DialectName } from '../sql/api';
import type { LampsComputation, Listing } from './lamps-report';
import type { checkReport } from '../core/tree/verdicts';

export interface WarehouseSources {
  accounts: SourceTable;
  /** Null when there is no Snapshots table (every lamp is then backtested on nothing: unproven). */
  snapshots: SourceTable | null;
}

export interface WarehouseOptions {
  dialect: DialectName;
  /** The report's horizon (the evidence's is always the tree's horizon_months). */
  horizon?: number;
  listing?: Listing;
  /** The spreadsheet's (or the machine's) time zone: TIMESTAMP months are read in it. */
  timeZone: string;
}

export type Steps<T> = Generator<CompiledQuery, T, ResultRow[]>;

/** The lamps report: History (small, team-level) comes from the workbook as a Table, as on the TypeScript path. */
export function* warehouseLamps(
  _tree: Tree,
  _sources: WarehouseSources,
  _history: Table | null,
  _opts: WarehouseOptions,
): Steps<LampsComputation> {
  throw new Error('not yet');
}

/** The check report (`kpi-lamp/check@1`): Snapshots-derived monthly series come from the engine. */
export function* warehouseCheck(
  _tree: Tree,
  _sources: WarehouseSources,
  _history: Table | null,
  _opts: WarehouseOptions,
): Steps<ReturnType<typeof checkReport>> {
  throw new Error('not yet');
}

/** Drives the steps on a synchronous engine. */
export function runQueries<T>(steps: Steps<T>, w: SyncWarehouse): T {
  let r = steps.next(undefined as unknown as ResultRow[]);
  while (!r.done) r = steps.next(w.run(r.value));
  return r.value;
}

/** Drives the steps on an asynchronous engine. */
export async function runQueriesAsync<T>(steps: Steps<T>, w: AsyncWarehouse): Promise<T> {
  let r = steps.next(undefined as unknown as ResultRow[]);
  while (!r.done) r = steps.next(await w.run(r.value));
  return r.value;
}

/**
 * The queries as one script a person runs themselves (`kpi-lamp sql`): each
 * step with its parameters declared (BigQuery scripting DECLARE; DuckDB SET
 * VARIABLE), in order, with comments saying what each returns.
 */
export function warehouseScript(
  _tree: Tree,
  _sources: WarehouseSources,
  _opts: Pick<WarehouseOptions, 'dialect' | 'horizon' | 'timeZone'>,
): string {
  throw new Error('not yet');
}
