/**
 * The binding check of core/tree/bindings.ts over the workbook port: what
 * the sidebar, the run and the command line call. It reads header rows only,
 * and none of a sheet the caller has read already (`known`): the daily run
 * checks what it reads without one more Apps Script call.
 */
import { missingBindings, type BindingUse, type MissingBinding, type SheetHeaders } from '../core/tree/bindings';
import type { Table } from '../core/table';
import type { TreeData } from '../core/tree/series';
import type { Tree } from '../core/tree/types';
import type { Workbook } from '../ports/workbook';

export {
  missingBindings,
  type BindingUse,
  type BoundBy,
  type MissingBinding,
  type SheetHeaders,
} from '../core/tree/bindings';

/** What the lamps' evidence reads: the verdicts behind it and the backtest (see evidence-store.ts). */
export const EVIDENCE_READS: readonly BindingUse[] = ['evidence', 'backtest'];
/** What the run reads (and so what the Lamps panel warns of): the lamps and their evidence. */
export const RUN_READS: readonly BindingUse[] = ['lamps', ...EVIDENCE_READS];
/** What the Tree panel shows: every verdict, and the lamps' report cards. */
export const TREE_READS: readonly BindingUse[] = ['verdicts', 'lamps', 'backtest'];

/** Sheets read already, by name (null: there is no such sheet). */
export type KnownSheets = ReadonlyMap<string, Pick<Table, 'header'> | null>;

/** The tables of a TreeData (or any sheets read) by sheet name, for `known`. */
export function knownSheets(tables: [string, Pick<Table, 'header'> | null | undefined][]): KnownSheets {
  const m = new Map<string, Pick<Table, 'header'> | null>();
  for (const [name, t] of tables) if (t !== undefined) m.set(name, t);
  return m;
}

/** The sheets of a TreeData (what treeData and the evidence read), for `known`. */
export function dataSheets(tree: Tree, data: TreeData): KnownSheets {
  const s = tree.settings;
  return knownSheets([
    [s.accounts_sheet, data.accounts],
    [s.snapshots_sheet, data.snapshots],
    [s.history_sheet, data.history],
  ]);
}

/** SheetHeaders over the workbook port: a sheet read once, when first asked, unless known; names only when a hint is sought. */
export function portHeaders(
  wb: Pick<Workbook, 'sheetNames' | 'headerRow'>,
  known: KnownSheets = new Map(),
): SheetHeaders {
  const cache = new Map<string, readonly string[] | null>();
  for (const [name, t] of known) cache.set(name, t ? t.header : null);
  let names: readonly string[] | null = null;
  return {
    get names() {
      if (names === null) names = wb.sheetNames();
      return names;
    },
    header(sheet) {
      if (!cache.has(sheet)) cache.set(sheet, wb.headerRow(sheet));
      return cache.get(sheet) ?? null;
    },
  };
}

/** Every sheet and column the tree binds for these uses that the workbook lacks (see core/tree/bindings.ts). */
export function workbookBindings(
  wb: Pick<Workbook, 'sheetNames' | 'headerRow'>,
  tree: Tree,
  uses: readonly BindingUse[],
  known?: KnownSheets,
): MissingBinding[] {
  return missingBindings(tree, portHeaders(wb, known), uses);
}

/**
 * What the run reads and the workbook lacks (the run, the Lamps panel), from
 * the accounts sheet as read (null: not there) and, once judged, the
 * evidence's own check (evidence-store.ts). Headers are read only when
 * something is missing, to name all of it.
 */
export function runBindings(
  wb: Pick<Workbook, 'sheetNames' | 'headerRow'>,
  tree: Tree,
  accounts: Pick<Table, 'header'> | null,
  evidence?: { missing: readonly MissingBinding[] },
): MissingBinding[] {
  const known = knownSheets([[tree.settings.accounts_sheet, accounts]]);
  const complete =
    workbookBindings(wb, tree, ['lamps'], known).length === 0 && (!evidence || evidence.missing.length === 0);
  return complete ? [] : workbookBindings(wb, tree, RUN_READS, known);
}
