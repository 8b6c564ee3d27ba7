/**
 * Backtest: does a lamp come on before churn? Exactly the contract's
 * "Backtest" section, on Snapshots (one row per account per month).
 * Windows of one account overlap, so counts are account-months and the
 * lift's interval is optimistic: screens say so where they show it.
 */
import { CellValue, columnIndex, monthIndex, monthKey, numberFromCell, Table } from '../table';
import { directionOf } from '../tree/structure';
import { Tree, TreeNode } from '../tree/types';
import { compileTree } from './evaluate';

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

/**
 * cutoffs() of values not yet sorted, reordering them in place: the nine
 * order statistics by selection (quickselect), each search starting where
 * the previous one ended, instead of sorting a million values per node.
 */
export function cutoffsUnsorted(v: Float64Array): number[] {
  const m = v.length;
  const out: number[] = [];
  let from = 0;
  for (let k = 1; k <= 9; k++) {
    const i = Math.floor((k * m + 9) / 10); // ceil(k·m/10), 1-based
    if (i < 1) continue;
    const x = select(v, from, m - 1, i - 1);
    from = i - 1;
    if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  }
  return out;
}

/** The k-th smallest of v[lo..hi] (0-based k), moved to v[k] with smaller values before it (Hoare's selection). */
function select(v: Float64Array, lo: number, hi: number, k: number): number {
  while (hi > lo) {
    const pivot = v[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (v[i] < pivot) i++;
      while (v[j] > pivot) j--;
      if (i <= j) {
        const t = v[i];
        v[i] = v[j];
        v[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return v[k];
  }
  return v[k];
}

/**
 * The account-months the contract considers: indices of Snapshots rows, with
 * their outcome (churn within m+1 … m+h) and the plan that picks by_plan
 * thresholds. Kept in typed arrays: a million rows allocate almost nothing.
 */
export interface Windows {
  rows: Int32Array;
  outcome: Uint8Array;
  plan: (string | null)[];
}

export function windows(tree: Tree, snapshots: Table, accounts: Table | null, horizon: number): Windows {
  const empty: Windows = { rows: new Int32Array(0), outcome: new Uint8Array(0), plan: [] };
  const c = tree.settings.columns;
  const mi = columnIndex(snapshots, c.month);
  const ii = columnIndex(snapshots, c.id);
  const ci = columnIndex(snapshots, c.churned);
  const pi = columnIndex(snapshots, c.plan);
  if (mi < 0 || ii < 0 || ci < 0) return empty;
  const n = snapshots.rows.length;
  const month = new Int32Array(n);
  const account = new Int32Array(n);
  const accountOf = new Map<string, number>();
  const churn: number[] = []; // by account number: first churn month, or +Infinity
  let lo = Infinity;
  let hi = -Infinity;
  // A Snapshots sheet repeats a few dozen month cells a million times: parse each once.
  const monthOf = new Map<CellValue, number>();
  for (let r = 0; r < n; r++) {
    const row = snapshots.rows[r];
    const cell = row[mi];
    let m = monthOf.get(cell);
    if (m === undefined) {
      const key = monthKey(cell);
      m = key === null ? -1 : monthIndex(key);
      monthOf.set(cell, m);
    }
    const idCell = row[ii];
    if (m < 0 || idCell === null || idCell === '') {
      account[r] = -1;
      continue;
    }
    month[r] = m;
    if (m < lo) lo = m;
    if (m > hi) hi = m;
    const id = typeof idCell === 'string' ? idCell.trim() : String(idCell);
    let a = accountOf.get(id);
    if (a === undefined) {
      a = churn.length;
      accountOf.set(id, a);
      churn.push(Infinity);
    }
    account[r] = a;
    if (numberFromCell(row[ci]) === 1 && m < churn[a]) churn[a] = m;
  }
  // Plans from Accounts when Snapshots has no plan column.
  let planOfAccount: (string | null)[] | null = null;
  if (pi < 0 && accounts) {
    const ai = columnIndex(accounts, c.id);
    const ap = columnIndex(accounts, c.plan);
    if (ai >= 0 && ap >= 0) {
      planOfAccount = new Array(churn.length).fill(null);
      for (const r of accounts.rows) {
        const a = r[ai] === null ? undefined : accountOf.get(String(r[ai]).trim());
        if (a !== undefined) planOfAccount[a] = r[ap] === null ? null : String(r[ap]);
      }
    }
  }
  const rows = new Int32Array(n);
  const outcome = new Uint8Array(n);
  const plan: (string | null)[] = [];
  let k = 0;
  for (let r = 0; r < n; r++) {
    const a = account[r];
    if (a < 0) continue;
    const m = month[r];
    const ch = churn[a];
    if (m >= ch || m + horizon > hi) continue;
    rows[k] = r;
    outcome[k] = ch > m && ch <= m + horizon ? 1 : 0;
    const p = pi >= 0 ? snapshots.rows[r][pi] : planOfAccount ? planOfAccount[a] : null;
    plan.push(p === null || p === undefined ? null : String(p));
    k++;
  }
  return { rows: rows.slice(0, k), outcome: outcome.slice(0, k), plan };
}

/** Backtest of every lamp node (tree order) at a horizon. */
export function backtest(tree: Tree, snapshots: Table, accounts: Table | null, horizon = tree.settings.horizon_months): Backtest[] {
  const compiled = compileTree(tree, snapshots);
  const w = windows(tree, snapshots, accounts, horizon);
  const n = w.rows.length;
  let churned = 0;
  for (let i = 0; i < n; i++) churned += w.outcome[i];
  // Buffers shared by every node: a fresh 8 MB array per node made the
  // garbage collector walk the whole Snapshots table again and again.
  const values = new Float64Array(n);
  const floorLit = new Uint8Array(n);
  const sortBuffer = new Float64Array(n);
  return compiled.lampNodes.map((node: TreeNode) => {
    const dir = directionOf(tree, node);
    let lit = 0;
    let litChurned = 0;
    let numeric = 0;
    const judge = compiled.judger(node);
    const rows = snapshots.rows;
    for (let i = 0; i < n; i++) {
      const j = judge(rows[w.rows[i]], w.plan[i]);
      values[i] = j.value === null ? NaN : j.value;
      if (j.value !== null) numeric++;
      floorLit[i] = j.floorHit ? 1 : 0;
      if (j.state === 'warn' || j.state === 'alert') {
        lit++;
        litChurned += w.outcome[i];
      }
    }
    const numericValues = sortBuffer.subarray(0, numeric);
    for (let i = 0, k = 0; i < n; i++) if (values[i] === values[i]) numericValues[k++] = values[i];
    const cuts = cutoffsUnsorted(numericValues);
    // One pass: each account-month lights every cut-off from the first it reaches.
    const litAt = new Float64Array(cuts.length);
    const churnAt = new Float64Array(cuts.length);
    let alwaysLit = 0;
    let alwaysChurned = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (floorLit[i]) {
        alwaysLit++;
        alwaysChurned += w.outcome[i];
        continue;
      }
      if (v !== v) continue;
      const first = firstReached(cuts, v, dir);
      if (first < 0) continue;
      litAt[first]++;
      churnAt[first] += w.outcome[i];
    }
    // higher_is_better: reached at cut c for every c ≥ v (later cut-offs); lower: every c ≤ v (earlier ones).
    const curve: CurvePoint[] = new Array(cuts.length);
    let l = alwaysLit;
    let lc = alwaysChurned;
    const order = cuts.map((_, i) => (dir === 'higher_is_better' ? i : cuts.length - 1 - i));
    for (const i of order) {
      l += litAt[i];
      lc += churnAt[i];
      const f = figures(n, l, churned, lc);
      curve[i] = { cutoff: cuts[i], lit: l, lit_churned: lc, precision: f.precision, recall: f.recall, lift: f.lift };
    }
    const f = figures(n, lit, churned, litChurned);
    return {
      node: node.id,
      name: node.name,
      horizon_months: horizon,
      considered: n,
      lit,
      churned,
      lit_churned: litChurned,
      base_rate: f.base,
      precision: f.precision,
      recall: f.recall,
      lift: f.lift,
      lift_ci95: liftInterval(n, lit, churned, litChurned),
      curve,
    };
  });
}

/**
 * For increasing cut-offs: the index of the first cut-off a value reaches
 * (higher_is_better: the smallest cut ≥ v; lower_is_better: the largest
 * cut ≤ v), or −1 when it reaches none.
 */
function firstReached(cuts: number[], v: number, dir: 'higher_is_better' | 'lower_is_better'): number {
  let lo = 0;
  let hi = cuts.length;
  if (dir === 'higher_is_better') {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cuts[mid] >= v) hi = mid;
      else lo = mid + 1;
    }
    return lo < cuts.length ? lo : -1;
  }
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
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
