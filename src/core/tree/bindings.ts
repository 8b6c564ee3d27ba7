/**
 * Does the workbook have what the tree reads? A misspelt sheet or column
 * must never look like good news ("0 accounts at risk", every KPI "too
 * little history"): this lists every sheet and column the tree binds that a
 * computation needs and cannot find, each with the closest existing name as
 * a hint. One function for every caller: the command line now, the sidebar
 * and the run later (server/bindings.ts gives it the workbook port). Pure.
 *
 * Only what a computation needs is reported; the contract's legitimate
 * absences are not:
 * - `verdicts` (check): the KGI's series (History's column, else Snapshots'),
 *   without which every verdict would be "short history"; and a KPI's
 *   history_column missing from a History sheet that exists, when Snapshots
 *   cannot stand in for it. A workbook without History (series from
 *   Snapshots) or a KPI without any series (the contract's `no_history`) is
 *   fine.
 * - `lamps` (lamps, the run): the accounts sheet, its id column, the
 *   accounts_column of every lamp node and of every child of a lamp
 *   composite, and the plan column when thresholds go by plan.
 * - `backtest`: when a Snapshots sheet exists, its month, id and churned
 *   columns. A workbook without Snapshots is fine (nothing to backtest).
 */
import { closestName } from '../text/closest-name';
import { childrenOf, isLampNode } from './structure';
import type { Settings, Tree, TreeNode } from './types';

export type BindingUse = 'verdicts' | 'lamps' | 'backtest';

/** Where the tree binds a name: a setting ("settings.history_sheet") or a node's field. */
export type BoundBy = { setting: string } | { node: string; field: 'accounts_column' | 'history_column' };

export interface MissingBinding {
  /** 'sheet': no sheet of that name; 'column': the sheet is there, no header of that name. */
  what: 'sheet' | 'column';
  sheet: string;
  /** The missing column (what: 'column'). */
  column?: string;
  by: BoundBy;
  /** The closest existing sheet name or header, or null. */
  hint: string | null;
}

/** The sheet names of a workbook and the header of each (read cheaply where the host can). */
export interface SheetHeaders {
  names: readonly string[];
  /** Header texts (trimmed) of a sheet, or null when there is no such sheet. */
  header(sheet: string): readonly string[] | null;
}

/** Everything the tree binds for these uses that the workbook lacks, sheets first, each once. */
export function missingBindings(tree: Tree, sheets: SheetHeaders, uses: readonly BindingUse[]): MissingBinding[] {
  const s = tree.settings;
  const found: MissingBinding[] = [];
  const seen = new Set<string>();
  const has = (sheet: string, column: string | undefined) => {
    const h = sheets.header(sheet);
    return !!h && !!column && h.some((x) => x.trim() === column.trim());
  };
  const exists = (sheet: string) => sheets.header(sheet) !== null;
  const missSheet = (setting: keyof Pick<Settings, 'accounts_sheet' | 'snapshots_sheet' | 'history_sheet'>) => {
    const sheet = s[setting];
    const key = `sheet\u0000${sheet}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ what: 'sheet', sheet, by: { setting: `settings.${setting}` }, hint: closestName(sheet, sheets.names) });
  };
  const missColumn = (sheet: string, column: string, by: BoundBy) => {
    const key = `column\u0000${sheet}\u0000${column}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ what: 'column', sheet, column, by, hint: closestName(column, sheets.header(sheet) ?? []) });
  };
  /** Requires a column of a sheet that the settings name: the sheet first. */
  const need = (setting: 'accounts_sheet' | 'snapshots_sheet' | 'history_sheet', column: string, by: BoundBy) => {
    if (!exists(s[setting])) missSheet(setting);
    else if (!has(s[setting], column)) missColumn(s[setting], column, by);
  };
  const month = s.columns.month;
  const monthBy: BoundBy = { setting: 'settings.columns.month' };

  if (uses.includes('verdicts')) {
    /** A series exists: History's column, else Snapshots' (history_column, then accounts_column), by month. */
    const series = (n: TreeNode) =>
      (has(s.history_sheet, month) && has(s.history_sheet, n.history_column)) ||
      (has(s.snapshots_sheet, month) && (has(s.snapshots_sheet, n.history_column) || has(s.snapshots_sheet, n.accounts_column)));
    /** Names the binding a node's missing series comes from. */
    const explain = (n: TreeNode) => {
      if (n.history_column) {
        need('history_sheet', month, monthBy);
        if (exists(s.history_sheet) && has(s.history_sheet, month)) need('history_sheet', n.history_column, { node: n.id, field: 'history_column' });
      } else if (n.accounts_column) {
        need('snapshots_sheet', month, monthBy);
        if (exists(s.snapshots_sheet) && has(s.snapshots_sheet, month)) need('snapshots_sheet', n.accounts_column, { node: n.id, field: 'accounts_column' });
      }
    };
    const kgi = tree.nodes.find((n) => n.parent === null);
    if (kgi && (kgi.history_column || kgi.accounts_column) && !series(kgi)) explain(kgi);
    for (const n of tree.nodes) {
      if (n.type !== 'kpi' || !n.history_column || series(n)) continue;
      // Only where the team has a History sheet: without one, no series is the contract's no_history.
      if (exists(s.history_sheet)) explain(n);
    }
  }

  if (uses.includes('lamps')) {
    if (!exists(s.accounts_sheet)) missSheet('accounts_sheet');
    else {
      need('accounts_sheet', s.columns.id, { setting: 'settings.columns.id' });
      const columnsOf = (n: TreeNode, out: TreeNode[], depth: number) => {
        if (n.type === 'composite') {
          if (depth <= tree.nodes.length) for (const c of childrenOf(tree, n.id)) columnsOf(c, out, depth + 1);
        } else if (n.accounts_column) out.push(n);
      };
      const lampNodes = tree.nodes.filter(isLampNode);
      const bound: TreeNode[] = [];
      for (const n of lampNodes) columnsOf(n, bound, 0);
      for (const n of bound) need('accounts_sheet', n.accounts_column as string, { node: n.id, field: 'accounts_column' });
      const byPlan = lampNodes.some((n) => n.by_plan && Object.keys(n.by_plan).length > 0);
      if (byPlan) need('accounts_sheet', s.columns.plan, { setting: 'settings.columns.plan' });
    }
  }

  if (uses.includes('backtest') && exists(s.snapshots_sheet) && tree.nodes.some(isLampNode)) {
    need('snapshots_sheet', month, monthBy);
    need('snapshots_sheet', s.columns.id, { setting: 'settings.columns.id' });
    need('snapshots_sheet', s.columns.churned, { setting: 'settings.columns.churned' });
  }

  // Sheets first: a missing sheet explains its columns.
  return [...found.filter((m) => m.what === 'sheet'), ...found.filter((m) => m.what === 'column')];
}
