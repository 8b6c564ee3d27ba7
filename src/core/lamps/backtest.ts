/**
 * Backtest: does a lamp come on before churn? Exactly the contract's
 * "Backtest" section, on Snapshots (one row per account per month).
 * Windows of one account overlap, so counts are account-months and the
 * lift's interval is optimistic: screens say so where they show it.
 */
import { CellValue, columnIndex, monthIndex, monthKey, numberFromCell, Table } from '../table';
import { directionOf } from '../tree/structure';
import { Tree, TreeNode } from '../tree/types';
import { compileTree, reached, RowReader } from './evaluate';

export interface CurvePoint {
  cutoff: number;
  lit: number;
  lit_churned: number;
  precision: number | null;
  recall: number | null;
  lift: number | null;
}

export interface Backtest {
  node: string;
  name: string;
  horizon_months: number;
  considered: number;
  lit: number;
  churned: number;
  lit_churned: number;
  base_rate: number | null;
  precision: number | null;
  recall: number | null;
  lift: number | null;
  lift_ci95: [number, number] | null;
  curve: CurvePoint[];
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

function figures(considered: number, lit: number, churned: number, litChurned: number) {
  const base = ratio(churned, considered);
  const precision = ratio(litChurned, lit);
  const recall = ratio(litChurned, churned);
  const lift = precision === null || base === null || base === 0 ? null : precision / base;
  return { base, precision, recall, lift };
}

/** 95% interval of the lift by the log method; null when lit_churned or churned is 0. */
export function liftInterval(considered: number, lit: number, churned: number, litChurned: number): [number, number] | null {
  const { lift } = figures(considered, lit, churned, litChurned);
  if (lift === null || litChurned === 0 || churned === 0) return null;
  const se = Math.sqrt(1 / litChurned - 1 / lit + 1 / churned - 1 / considered);
  return [Math.exp(Math.log(lift) - 1.96 * se), Math.exp(Math.log(lift) + 1.96 * se)];
}

/** The cut-offs v[ceil(k·m/10)], k = 1..9 (1-based, integer arithmetic), once each, increasing. */
export function cutoffs(sortedValues: ArrayLike<number>): number[] {
  const m = sortedValues.length;
  const out: number[] = [];
  for (let k = 1; k <= 9; k++) {
    const i = Math.floor((k * m + 9) / 10); // ceil(k·m/10) in integers
    if (i < 1) continue;
    const v = sortedValues[i - 1];
    if (out.length === 0 || out[out.length - 1] !== v) out.push(v);
  }
  return out;
}

/** One considered account-month. */
interface Window {
  row: CellValue[];
  plan: string | null;
  outcome: boolean;
}

/** The account-months the contract considers, with their outcomes. */
export function windows(tree: Tree, snapshots: Table, accounts: Table | null, horizon: number): Window[] {
  const c = tree.settings.columns;
  const mi = columnIndex(snapshots, c.month);
  const ii = columnIndex(snapshots, c.id);
  const ci = columnIndex(snapshots, c.churned);
  const pi = columnIndex(snapshots, c.plan);
  if (mi < 0 || ii < 0 || ci < 0) return [];
  // Plans from Accounts when Snapshots has no plan column.
  const planById = new Map<string, string | null>();
  if (pi < 0 && accounts) {
    const ai = columnIndex(accounts, c.id);
    const ap = columnIndex(accounts, c.plan);
    if (ai >= 0 && ap >= 0) for (const r of accounts.rows) if (r[ai] !== null) planById.set(String(r[ai]).trim(), r[ap] === null ? null : String(r[ap]));
  }
  let lo = Infinity;
  let hi = -Infinity;
  const byAccount = new Map<string, { m: number; row: CellValue[] }[]>();
  const churnMonth = new Map<string, number>();
  for (const row of snapshots.rows) {
    const key = monthKey(row[mi]);
    const idCell = row[ii];
    if (key === null || idCell === null || idCell === '') continue;
    const m = monthIndex(key);
    if (m < lo) lo = m;
    if (m > hi) hi = m;
    const id = String(idCell).trim();
    let list = byAccount.get(id);
    if (!list) byAccount.set(id, (list = []));
    list.push({ m, row });
    if (numberFromCell(row[ci]) === 1) {
      const prev = churnMonth.get(id);
      if (prev === undefined || m < prev) churnMonth.set(id, m);
    }
  }
  const out: Window[] = [];
  for (const [id, list] of byAccount) {
    const churn = churnMonth.get(id);
    for (const { m, row } of list) {
      if (churn !== undefined && m >= churn) continue;
      if (m + horizon > hi) continue;
      const plan = pi >= 0 ? (row[pi] === null ? null : String(row[pi])) : planById.get(id) ?? null;
      out.push({ row, plan, outcome: churn !== undefined && churn > m && churn <= m + horizon });
    }
  }
  return out;
}

/** Backtest of every lamp node (tree order) at a horizon. */
export function backtest(tree: Tree, snapshots: Table, accounts: Table | null, horizon = tree.settings.horizon_months): Backtest[] {
  const compiled = compileTree(tree, snapshots);
  const wins = windows(tree, snapshots, accounts, horizon);
  const churned = wins.reduce((n, w) => n + (w.outcome ? 1 : 0), 0);
  return compiled.lampNodes.map((node: TreeNode) => {
    const dir = directionOf(tree, node);
    const values = new Float64Array(wins.length);
    const floorLit = new Uint8Array(wins.length);
    let lit = 0;
    let litChurned = 0;
    wins.forEach((w, i) => {
      const read: RowReader = (col) => w.row[col] ?? null;
      const lamp = compiled.lamp(node, read, w.plan);
      values[i] = lamp.value === null ? NaN : lamp.value;
      floorLit[i] = lamp.reason.code === 'floor' ? 1 : 0;
      if (lamp.state === 'warn' || lamp.state === 'alert') {
        lit++;
        if (w.outcome) litChurned++;
      }
    });
    const sorted = Float64Array.from(values.filter((v) => !Number.isNaN(v))).sort();
    const curve = cutoffs(sorted).map((cut) => {
      let l = 0;
      let lc = 0;
      for (let i = 0; i < wins.length; i++) {
        const v = values[i];
        if (floorLit[i] || (!Number.isNaN(v) && reached(v, cut, dir))) {
          l++;
          if (wins[i].outcome) lc++;
        }
      }
      const f = figures(wins.length, l, churned, lc);
      return { cutoff: cut, lit: l, lit_churned: lc, precision: f.precision, recall: f.recall, lift: f.lift };
    });
    const f = figures(wins.length, lit, churned, litChurned);
    return {
      node: node.id,
      name: node.name,
      horizon_months: horizon,
      considered: wins.length,
      lit,
      churned,
      lit_churned: litChurned,
      base_rate: f.base,
      precision: f.precision,
      recall: f.recall,
      lift: f.lift,
      lift_ci95: liftInterval(wins.length, lit, churned, litChurned),
      curve,
    };
  });
}

/**
 * The cut-off a team might pick: the best lift among the curve's cut-offs
 * that still catch at least a third of churn (recall ≥ 1/3); null if none.
 */
export function suggestedCutoff(b: Backtest): CurvePoint | null {
  let best: CurvePoint | null = null;
  for (const p of b.curve) {
    if (p.recall === null || p.recall < 1 / 3 || p.lift === null) continue;
    if (!best || (best.lift as number) < p.lift) best = p;
  }
  return best;
}
