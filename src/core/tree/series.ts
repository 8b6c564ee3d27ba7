/**
 * Monthly series of tree nodes, as the contract defines them: a node's
 * `history_column` in History or, where History lacks that column, the
 * monthly mean of its account values in Snapshots (for `churned`, the share
 * of that month's accounts that churned: TRUE counts as 1). A composite's
 * series is computed from its children's series the same way as its value.
 */
import { extent } from '../extent';
import { columnIndex, monthFromIndex, monthIndex, monthKey, numberFromCell, type Table } from '../table';
import { childrenOf } from './structure';
import type { Tree, TreeNode } from './types';

/** The sheets a tree reads; null where the workbook has no such sheet. */
export interface TreeData {
  accounts: Table | null;
  snapshots: Table | null;
  history: Table | null;
}

/** Month (yyyy-mm) → value. */
export type MonthlySeries = Map<string, number>;

/** Monthly mean of a column, by the month column; null when either column is missing. */
export function monthlyMean(
  table: Table | null,
  monthColumn: string,
  valueColumn: string | undefined,
): MonthlySeries | null {
  if (!table || !valueColumn) return null;
  const mi = columnIndex(table, monthColumn);
  const vi = columnIndex(table, valueColumn);
  if (mi < 0 || vi < 0) return null;
  const sum = new Map<string, number>();
  const count = new Map<string, number>();
  for (const row of table.rows) {
    const m = monthKey(row[mi]);
    const v = numberFromCell(row[vi]);
    if (m === null || v === null) continue;
    sum.set(m, (sum.get(m) ?? 0) + v);
    count.set(m, (count.get(m) ?? 0) + 1);
  }
  const out: MonthlySeries = new Map();
  for (const [m, s] of sum) out.set(m, s / (count.get(m) as number));
  return out;
}

/** Where a node's series comes from (shown to people next to a verdict). */
export type SeriesSource = { from: 'history' | 'snapshots'; column: string } | { from: 'composite' } | null;

export interface NodeSeries {
  series: MonthlySeries;
  source: Exclude<SeriesSource, null>;
}

/** The node's monthly series, or null when it has none. */
export function nodeSeries(tree: Tree, node: TreeNode, data: TreeData, depth = 0): NodeSeries | null {
  const month = tree.settings.columns.month;
  if (node.type === 'composite') {
    const kids = childrenOf(tree, node.id);
    if (kids.length === 0 || depth > tree.nodes.length) return null;
    const parts = kids.map((k) => ({ node: k, s: nodeSeries(tree, k, data, depth + 1) }));
    if (parts.some((p) => p.s === null)) return null;
    const out: MonthlySeries = new Map();
    const months = parts[0].s!.series.keys();
    for (const m of months) {
      const vals = parts.map((p) => p.s!.series.get(m));
      if (vals.some((v) => v === undefined)) continue;
      out.set(
        m,
        combine(
          node,
          parts.map((p) => p.node),
          vals as number[],
        ),
      );
    }
    return { series: out, source: { from: 'composite' } };
  }
  const fromHistory = monthlyMean(data.history, month, node.history_column);
  if (fromHistory) return { series: fromHistory, source: { from: 'history', column: node.history_column as string } };
  for (const col of [node.history_column, node.accounts_column]) {
    const s = monthlyMean(data.snapshots, month, col);
    if (s) return { series: s, source: { from: 'snapshots', column: col as string } };
  }
  return null;
}

/** A composite's value from its children's values: product or weighted mean. */
export function combine(composite: TreeNode, children: TreeNode[], values: number[]): number {
  if (composite.method === 'weighted_mean') {
    let num = 0;
    let den = 0;
    children.forEach((c, i) => {
      const w = c.weight ?? 1;
      num += w * values[i];
      den += w;
    });
    return num / den;
  }
  return values.reduce((a, b) => a * b, 1);
}

/** Two series on one continuous month range (gaps and missing months are blanks). */
export function alignMonthly(
  x: MonthlySeries,
  y: MonthlySeries,
): { months: string[]; x: (number | null)[]; y: (number | null)[] } {
  const bounds = extent([...x.keys(), ...y.keys()].map(monthIndex));
  if (!bounds) return { months: [], x: [], y: [] };
  const [lo, hi] = bounds;
  const months: string[] = [];
  const xs: (number | null)[] = [];
  const ys: (number | null)[] = [];
  for (let i = lo; i <= hi; i++) {
    const m = monthFromIndex(i);
    months.push(m);
    xs.push(x.get(m) ?? null);
    ys.push(y.get(m) ?? null);
  }
  return { months, x: xs, y: ys };
}
