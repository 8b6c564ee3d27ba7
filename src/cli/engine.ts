/**
 * `--engine ts|duckdb` of `lamps` and `check`: which engine computes the
 * report. `ts` reads the workbook into memory (the TypeScript core);
 * `duckdb` leaves Accounts and Snapshots in their files (CSV or Parquet) and
 * runs the tree compiled to SQL on embedded DuckDB (src/local/duckdb-warehouse.ts,
 * src/server/warehouse-lamps.ts). Both give the same report: the same tree
 * resolution, the same binding check, the same document and text.
 */
import { SETTINGS_SHEET, TREE_SHEET } from '../core/tree/sheet-rows';
import type { Table } from '../core/table';
import type { Tree } from '../core/tree/types';
import { DuckFolder } from '../local/duckdb-warehouse';
import type { MemoryWorkbook } from '../local/memory-workbook';
import type { SourceTable } from '../ports/warehouse';
import type { BindingUse } from '../server/bindings';
import type { Listing, LampsComputation } from '../server/lamps-report';
import { runQueriesAsync, warehouseCheck, warehouseLamps } from '../server/warehouse-lamps';
import { DUCKDB } from '../sql/dialects';
import { CliError, type CommandContext, type OptionSpec } from './command';
import { InputError, requireBindings, resolveTree } from './tree-source';

export type Engine = 'ts' | 'duckdb';
export const ENGINES: readonly Engine[] = ['ts', 'duckdb'];

export const ENGINE_OPTION: OptionSpec = { name: 'engine', value: 'ts|duckdb', help: 'cli.opt.engine' };

/** The engine the options name (default ts); any other value is a usage error naming the allowed ones. */
export function engineOf(options: Record<string, string | true>): Engine {
  const v = options.engine;
  if (v === undefined) return 'ts';
  const e = ENGINES.find((x) => x === v);
  if (!e) throw new CliError('cli.error.bad_engine', { value: String(v) });
  return e;
}

/** The sheets a workbook keeps its tree in (what resolveTree reads from a folder on DuckDB). */
export const isTreeSheet = (sheet: string): boolean => sheet === TREE_SHEET || sheet === SETTINGS_SHEET;

/** What a command gives the DuckDB engine: its language, its locale, its environment (TMPDIR: where temporary copies go). */
export type Where = Pick<CommandContext, 'lang' | 'locale' | 'io'>;

/** The folder on DuckDB, identifiers quoted as the DuckDB dialect quotes them. */
export function openDuckFolder({ locale, io }: Where, path: string): Promise<DuckFolder> {
  return DuckFolder.open(path, { locale }, DUCKDB.ident, io.env.TMPDIR || undefined);
}

interface Opened {
  folder: DuckFolder;
  tree: Tree;
  /** The sheets read whole (the tree's, History), as the TypeScript path reads them. */
  small: MemoryWorkbook;
  /** History (CSV or Parquet), null when the folder has none. */
  history: Table | null;
  accounts: SourceTable | null;
  snapshots: SourceTable | null;
}

/** The folder on DuckDB, its tree, and the binding check of `uses` (the TypeScript path's own, over both kinds of sheet). */
async function openOnDuckDb(
  { lang, locale, io }: Where,
  path: string,
  treeFile: string | undefined,
  uses: readonly BindingUse[],
): Promise<Opened> {
  const folder = await openDuckFolder({ lang, locale, io }, path);
  try {
    // The tree's sheets are read once: the tree resolves from them, History is then added to the same book.
    const small = folder.smallBook(isTreeSheet);
    const tree = resolveTree(lang, small, treeFile);
    const s = tree.settings;
    const big = new Set([s.accounts_sheet, s.snapshots_sheet]);
    const history = s.history_sheet;
    if (!big.has(history) && !isTreeSheet(history)) folder.smallBook((sheet) => sheet === history, small);
    // The binding check first, on the header rows alone: a misspelt column is named before any file is read whole.
    for (const sheet of [...big, history]) if (big.has(sheet) || !small.headerRow(sheet)) await folder.header(sheet);
    requireBindings(lang, folder.headers(small), tree, uses);
    const accounts = await folder.table(s.accounts_sheet, numberColumns(tree, false));
    const snapshots = await folder.table(s.snapshots_sheet, numberColumns(tree, true), monthColumns(tree));
    const historyTable = (big.has(history) ? null : small.readSheet(history)) ?? (await folder.parquetSheet(history));
    // Once more on the headers the full reads give (the same unless bytes past a header changed its encoding).
    requireBindings(lang, folder.headers(small), tree, uses);
    return { folder, tree, small, history: historyTable, accounts, snapshots };
  } catch (e) {
    folder.close();
    throw e;
  }
}

/**
 * The columns the tree reads only as numbers (KPIs, ARR, churned), never as
 * a text (an id, a name, an owner, a plan, a renewal date, a month): those
 * DuckDB may type as numbers where every cell is a plain number.
 */
function numberColumns(tree: Tree, snapshots: boolean): string[] {
  const c = tree.settings.columns;
  const text = new Set([c.id, c.name, c.owner, c.plan, c.renewal, c.month].map((x) => x.trim()));
  const read = [c.arr, c.churned];
  for (const n of tree.nodes) {
    if (n.accounts_column) read.push(n.accounts_column);
    if (snapshots && n.history_column) read.push(n.history_column);
  }
  return read.map((x) => x.trim()).filter((x) => !text.has(x));
}

/** The month column, when the tree reads it only as a month (it is no other column of the settings or of a node). */
function monthColumns(tree: Tree): string[] {
  const c = tree.settings.columns;
  const month = c.month.trim();
  const others = [c.id, c.name, c.owner, c.plan, c.renewal, ...numberColumns(tree, true)].map((x) => x.trim());
  return others.includes(month) ? [] : [month];
}

/** The lamps report on DuckDB: the same computation the TypeScript path makes. */
export async function duckDbLamps(
  where: Where,
  path: string,
  treeFile: string | undefined,
  uses: readonly BindingUse[],
  o: { horizon?: number; listing: Listing },
): Promise<{ tree: Tree; c: LampsComputation; timeZone: string }> {
  const { folder, tree, small, history, accounts, snapshots } = await openOnDuckDb(where, path, treeFile, uses);
  try {
    if (!accounts)
      throw new InputError('cli.error.no_accounts_sheet', { sheet: tree.settings.accounts_sheet }, where.lang);
    const c = await runQueriesAsync(
      warehouseLamps(tree, { accounts, snapshots }, history, {
        dialect: 'duckdb',
        horizon: o.horizon,
        listing: o.listing,
        timeZone: small.timeZone(),
      }),
      folder,
    );
    return { tree, c, timeZone: small.timeZone() };
  } finally {
    folder.close();
  }
}

/** The check report on DuckDB (no Accounts file needed where the TypeScript path needs none). */
export async function duckDbCheck(
  where: Where,
  path: string,
  treeFile: string | undefined,
  uses: readonly BindingUse[],
) {
  const { folder, tree, small, history, accounts, snapshots } = await openOnDuckDb(where, path, treeFile, uses);
  try {
    // Without an accounts file no column is bound there: the verdicts' "measurable" reads none, as from no sheet.
    const none: SourceTable = { label: tree.settings.accounts_sheet, path: ['none'], columns: [] };
    return await runQueriesAsync(
      warehouseCheck(tree, { accounts: accounts ?? none, snapshots }, history, {
        dialect: 'duckdb',
        timeZone: small.timeZone(),
      }),
      folder,
    );
  } finally {
    folder.close();
  }
}
