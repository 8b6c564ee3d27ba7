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
 * - `verdicts` (check, the Tree panel): the KGI's series (History's column,
 *   else Snapshots'), without which every verdict would be "short history";
 *   and a KPI's history_column missing from a History sheet that exists,
 *   when Snapshots cannot stand in for it. A workbook without History
 *   (series from Snapshots) or a KPI without any series (the contract's
 *   `no_history`) is fine.
 * - `evidence` (the run, the Lamps panel): the same for the verdicts the
 *   lamps' evidence rests on (the KGI's, the lamp nodes' and their
 *   children's), but a workbook with no History sheet at all is the
 *   contract's team without history, whose lamps count, unproven: that
 *   sheet's absence is reported only when a sheet of a close name is there
 *   (a misspelling).
 * - `lamps` (lamps, the run): the accounts sheet, its id column, the
 *   accounts_column of every lamp node and of every child of a lamp
 *   composite, and the plan column when thresholds go by plan.
 * - `backtest`: when a Snapshots sheet exists, its month, id and churned
 *   columns. A workbook without Snapshots is fine (nothing to backtest; the
 *   run starts the sheet), unless a sheet of a close name is there: a
 *   misspelt Snapshots would make every lamp "not yet proven", and the run
 *   start a second Snapshots beside it.
 */
import { closestName } from '../text/closest-name';
import { childrenOf, isLampNode } from './structure';
import type { Settings, Tree, TreeNode } from './types';

export type BindingUse = 'verdicts' | 'evidence' | 'lamps' | 'backtest';

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
  /**
   * A sheet the settings name is not there. `optional`: a use that can do
   * without it, so that only a misspelling (a sheet of a close name) is
   * reported; another use may still require it.
   */
  const missSheet = (setting: SheetSetting, optional = false) => {
    const sheet = s[setting];
    const key = `sheet\u0000${sheet}`;
    if (seen.has(key)) return;
    const hint = closestName(sheet, sheets.names);
    if (optional && hint === null) return;
    seen.add(key);
    found.push({ what: 'sheet', sheet, by: { setting: `settings.${setting}` }, hint });
  };
  const missColumn = (sheet: string, column: string, by: BoundBy) => {
    const key = `column\u0000${sheet}\u0000${column}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ what: 'column', sheet, column, by, hint: closestName(column, sheets.header(sheet) ?? []) });
  };
  /** Requires a column of a sheet that the settings name: the sheet first. */
  const need = (setting: SheetSetting, column: string, by: BoundBy, optional = false) => {
    if (!exists(s[setting])) missSheet(setting, optional);
    else if (!has(s[setting], column)) missColumn(s[setting], column, by);
  };
  const month = s.columns.month;
  const monthBy: BoundBy = { setting: 'settings.columns.month' };
  const lampNodes = tree.nodes.filter(isLampNode);
  /** The lamp nodes and, under a lamp composite, its children (to any depth): what the lamps read. */
  const lampReach = () => {
    const out = new Set<TreeNode>();
    const visit = (n: TreeNode, depth: number) => {
      if (out.has(n)) return;
      out.add(n);
      if (n.type === 'composite' && depth <= tree.nodes.length)
        for (const c of childrenOf(tree, n.id)) visit(c, depth + 1);
    };
    for (const n of lampNodes) visit(n, 0);
    return out;
  };

  if (uses.includes('verdicts') || uses.includes('evidence')) {
    const all = uses.includes('verdicts');
    // The evidence can do without the sheets a verdict's series comes from; only a misspelling is reported.
    const optional = !all;
    /** A series exists: History's column, else Snapshots' (history_column, then accounts_column), by month. */
    const series = (n: TreeNode) =>
      (has(s.history_sheet, month) && has(s.history_sheet, n.history_column)) ||
      (has(s.snapshots_sheet, month) &&
        (has(s.snapshots_sheet, n.history_column) || has(s.snapshots_sheet, n.accounts_column)));
    /** Names the binding a node's missing series comes from. */
    const explain = (n: TreeNode) => {
      if (n.history_column) {
        need('history_sheet', month, monthBy, optional);
        if (exists(s.history_sheet) && has(s.history_sheet, month))
          need('history_sheet', n.history_column, { node: n.id, field: 'history_column' });
      } else if (n.accounts_column) {
        need('snapshots_sheet', month, monthBy, optional);
        if (exists(s.snapshots_sheet) && has(s.snapshots_sheet, month))
          need('snapshots_sheet', n.accounts_column, { node: n.id, field: 'accounts_column' });
      }
    };
    const kgi = tree.nodes.find((n) => n.parent === null);
    if (kgi && (kgi.history_column || kgi.accounts_column) && !series(kgi)) explain(kgi);
    const judged = all ? null : lampReach();
    for (const n of tree.nodes) {
      if (n.type !== 'kpi' || !n.history_column || series(n) || (judged && !judged.has(n))) continue;
      // Only where the team has a History sheet: without one, no series is the contract's no_history.
      if (exists(s.history_sheet)) explain(n);
    }
  }

  if (uses.includes('lamps')) {
    if (!exists(s.accounts_sheet)) missSheet('accounts_sheet');
    else {
      need('accounts_sheet', s.columns.id, { setting: 'settings.columns.id' });
      for (const n of lampReach())
        if (n.type !== 'composite' && n.accounts_column)
          need('accounts_sheet', n.accounts_column, { node: n.id, field: 'accounts_column' });
      const byPlan = lampNodes.some((n) => n.by_plan && Object.keys(n.by_plan).length > 0);
      if (byPlan) need('accounts_sheet', s.columns.plan, { setting: 'settings.columns.plan' });
    }
  }

  if (uses.includes('backtest') && lampNodes.length > 0) {
    if (!exists(s.snapshots_sheet)) missSheet('snapshots_sheet', true);
    else {
      need('snapshots_sheet', month, monthBy);
      need('snapshots_sheet', s.columns.id, { setting: 'settings.columns.id' });
      need('snapshots_sheet', s.columns.churned, { setting: 'settings.columns.churned' });
    }
  }

  // Sheets first: a missing sheet explains its columns.
  return [...found.filter((m) => m.what === 'sheet'), ...found.filter((m) => m.what === 'column')];
}

type SheetSetting = keyof Pick<Settings, 'accounts_sheet' | 'snapshots_sheet' | 'history_sheet'>;
