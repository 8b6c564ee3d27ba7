/**
 * Backtest: does a lamp come on before churn? Exactly the contract's
 * "Backtest" section, on Snapshots (one row per account per month).
 * Windows of one account overlap, so counts are account-months and the
 * lift's interval is optimistic: screens say so where they show it.
 */
import { type CellValue, columnIndex, monthIndex, monthKey, numberFromCell, type Table } from '../table';
import { directionOf } from '../tree/structure';
import type { Tree, TreeNode } from '../tree/types';
import { compileTree, isLit } from './evaluate';
import { select } from './order-statistics';

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

/**
 * A backtest with what the screens need beyond the contract's JSON: how many
 * different accounts churned within the horizon, in all and with the lamp on
 * (account-months overlap, so these are what a small sample is judged on).
 */
export interface BacktestDetail extends Backtest {
  churnedAccounts: number;
  litChurnedAccounts: number;
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
export function liftInterval(
  considered: number,
  lit: number,
  churned: number,
  litChurned: number,
): [number, number] | null {
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

/**
 * The account-months the contract considers: indices of Snapshots rows, with
 * their outcome (churn within m+1 … m+h) and the plan that picks by_plan
 * thresholds. Kept in typed arrays: a million rows allocate almost nothing.
 */
export interface Windows {
  rows: Int32Array;
  outcome: Uint8Array;
  /** The plan of each account-month, as an index into `plans` (a million references would be a million things for the collector to walk). */
  planIndex: Int32Array;
  plans: (string | null)[];
  /** The account (numbered from 0 in order of appearance) of each considered account-month. */
  account: Int32Array;
  /** How many accounts are numbered. */
  accounts: number;
}

/**
 * Scratch space reused from one backtest to the next. A million
 * account-months need about 40 MB of typed arrays; allocated afresh each
 * time, they made the collector walk the whole Snapshots table again and
 * again. Only backtest() uses them, and it never runs inside itself.
 */
const pool = new Map<string, Int32Array | Uint8Array | Float64Array>();
function scratch<T extends Int32Array | Uint8Array | Float64Array>(name: string, make: (n: number) => T, n: number): T {
  let b = pool.get(name) as T | undefined;
  if (!b || b.length < n) {
    b = make(Math.max(n, 1024));
    pool.set(name, b);
  }
  return b.subarray(0, n) as T;
}
const int32 = (n: number) => new Int32Array(n);
const uint8 = (n: number) => new Uint8Array(n);
const float64 = (n: number) => new Float64Array(n);

export function windows(tree: Tree, snapshots: Table, accounts: Table | null, horizon: number): Windows {
  const empty: Windows = {
    rows: new Int32Array(0),
    outcome: new Uint8Array(0),
    planIndex: new Int32Array(0),
    plans: [],
    account: new Int32Array(0),
    accounts: 0,
  };
  const c = tree.settings.columns;
  const mi = columnIndex(snapshots, c.month);
  const ii = columnIndex(snapshots, c.id);
  const ci = columnIndex(snapshots, c.churned);
  const pi = columnIndex(snapshots, c.plan);
  if (mi < 0 || ii < 0 || ci < 0) return empty;
  const n = snapshots.rows.length;
  const month = scratch('month', int32, n);
  const account = scratch('account', int32, n);
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
  const rows = scratch('rows', int32, n);
  const outcome = scratch('outcome', uint8, n);
  const accountOfRow = scratch('accountOfRow', int32, n);
  const planIndex = scratch('planIndex', int32, n);
  const plans: (string | null)[] = [];
  const planNumber = new Map<string | null, number>();
  let k = 0;
  for (let r = 0; r < n; r++) {
    const a = account[r];
    if (a < 0) continue;
    const m = month[r];
    const ch = churn[a];
    if (m >= ch || m + horizon > hi) continue;
    rows[k] = r;
    accountOfRow[k] = a;
    outcome[k] = ch > m && ch <= m + horizon ? 1 : 0;
    const cell = pi >= 0 ? snapshots.rows[r][pi] : planOfAccount ? planOfAccount[a] : null;
    const p = cell === null || cell === undefined ? null : String(cell);
    let pn = planNumber.get(p);
    if (pn === undefined) {
      pn = plans.length;
      plans.push(p);
      planNumber.set(p, pn);
    }
    planIndex[k] = pn;
    k++;
  }
  return {
    rows: rows.subarray(0, k),
    outcome: outcome.subarray(0, k),
    planIndex: planIndex.subarray(0, k),
    plans,
    account: accountOfRow.subarray(0, k),
    accounts: churn.length,
  };
}

/**
 * Backtest of every lamp node (tree order) at a horizon; `only`: of those
 * lamp nodes only (the threshold preview backtests one).
 */
export function backtest(
  tree: Tree,
  snapshots: Table,
  accounts: Table | null,
  horizon = tree.settings.horizon_months,
  only?: ReadonlySet<string>,
): BacktestDetail[] {
  const compiled = compileTree(tree, snapshots);
  const w = windows(tree, snapshots, accounts, horizon);
  const n = w.rows.length;
  let churned = 0;
  // Different accounts that churned within a window: in all, and (per node) with the lamp on.
  const stamp = scratch('stamp', int32, w.accounts).fill(0);
  let churnedAccounts = 0;
  for (let i = 0; i < n; i++) {
    if (!w.outcome[i]) continue;
    churned++;
    if (stamp[w.account[i]] === 0) {
      stamp[w.account[i]] = 1;
      churnedAccounts++;
    }
  }
  const nodes = only ? compiled.lampNodes.filter((x) => only.has(x.id)) : compiled.lampNodes;
  const out: BacktestDetail[] = [];
  // Nodes are judged a few at a time, row by row: each Snapshots row is read
  // once per block instead of once per node (a million scattered rows are
  // what costs, not the comparisons). Buffers are kept for the next backtest.
  for (let from = 0; from < nodes.length; from += BLOCK) {
    const block = nodes.slice(from, from + BLOCK);
    const b = block.length;
    const values = scratch('values', float64, n * b);
    const floorLit = scratch('floorLit', uint8, n * b);
    const seen = scratch('seen', int32, w.accounts * b).fill(0);
    const judges = block.map((node) => compiled.judger(node));
    const lit = new Array<number>(b).fill(0);
    const litChurned = new Array<number>(b).fill(0);
    const litChurnedAccounts = new Array<number>(b).fill(0);
    const numeric = new Array<number>(b).fill(0);
    const rows = snapshots.rows;
    for (let i = 0; i < n; i++) {
      const row = rows[w.rows[i]];
      const plan = w.plans[w.planIndex[i]];
      const churnedHere = w.outcome[i];
      for (let k = 0; k < b; k++) {
        const j = judges[k](row, plan);
        const at = k * n + i;
        if (j.value === null) values[at] = NaN;
        else {
          values[at] = j.value;
          numeric[k]++;
        }
        floorLit[at] = j.floorHit ? 1 : 0;
        if (isLit(j.state)) {
          lit[k]++;
          if (churnedHere) {
            litChurned[k]++;
            const a = k * w.accounts + w.account[i];
            if (seen[a] === 0) {
              seen[a] = 1;
              litChurnedAccounts[k]++;
            }
          }
        }
      }
    }
    block.forEach((node, k) =>
      out.push(
        nodeBacktest(
          tree,
          node,
          horizon,
          w.outcome,
          values.subarray(k * n, (k + 1) * n),
          floorLit.subarray(k * n, (k + 1) * n),
          numeric[k],
          {
            considered: n,
            churned,
            lit: lit[k],
            litChurned: litChurned[k],
            churnedAccounts,
            litChurnedAccounts: litChurnedAccounts[k],
          },
        ),
      ),
    );
  }
  return out;
}

/** Nodes judged together in one pass over the rows (their values held at once: 8 bytes each per account-month). */
const BLOCK = 5;

/** One node's figures and curve, from its values over the considered account-months. */
function nodeBacktest(
  tree: Tree,
  node: TreeNode,
  horizon: number,
  outcome: Uint8Array,
  values: Float64Array,
  floorLit: Uint8Array,
  numeric: number,
  c: BacktestCounts,
): BacktestDetail {
  const n = c.considered;
  const dir = directionOf(tree, node);
  const numericValues = scratch('sortBuffer', float64, numeric);
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
      alwaysChurned += outcome[i];
      continue;
    }
    if (v !== v) continue;
    const first = firstReached(cuts, v, dir);
    if (first < 0) continue;
    litAt[first]++;
    churnAt[first] += outcome[i];
  }
  // higher_is_better: reached at cut c for every c ≥ v (later cut-offs); lower: every c ≤ v (earlier ones).
  const points: CurveCounts[] = new Array(cuts.length);
  let l = alwaysLit;
  let lc = alwaysChurned;
  const order = cuts.map((_, i) => (dir === 'higher_is_better' ? i : cuts.length - 1 - i));
  for (const i of order) {
    l += litAt[i];
    lc += churnAt[i];
    points[i] = { cutoff: cuts[i], lit: l, lit_churned: lc };
  }
  return backtestFromCounts(node, horizon, c, points);
}

/** A curve point's counts: what a SQL engine returns (src/sql/compile.ts curveQuery). */
export type CurveCounts = Pick<CurvePoint, 'cutoff' | 'lit' | 'lit_churned'>;

/** A backtest's counts: what a SQL engine returns (src/sql/compile.ts backtestQuery). */
export interface BacktestCounts {
  considered: number;
  churned: number;
  lit: number;
  litChurned: number;
  churnedAccounts: number;
  litChurnedAccounts: number;
}

/**
 * A node's backtest from its counts and its curve's counts (cut-offs in
 * increasing order): the contract's ratios and the lift's interval. The
 * TypeScript backtest and the SQL path both end here.
 */
export function backtestFromCounts(
  node: Pick<TreeNode, 'id' | 'name'>,
  horizon: number,
  c: BacktestCounts,
  curve: readonly CurveCounts[],
): BacktestDetail {
  const n = c.considered;
  const f = figures(n, c.lit, c.churned, c.litChurned);
  return {
    node: node.id,
    name: node.name,
    horizon_months: horizon,
    considered: n,
    lit: c.lit,
    churned: c.churned,
    lit_churned: c.litChurned,
    base_rate: f.base,
    precision: f.precision,
    recall: f.recall,
    lift: f.lift,
    lift_ci95: liftInterval(n, c.lit, c.churned, c.litChurned),
    curve: curve.map((p) => {
      const g = figures(n, p.lit, c.churned, p.lit_churned);
      return {
        cutoff: p.cutoff,
        lit: p.lit,
        lit_churned: p.lit_churned,
        precision: g.precision,
        recall: g.recall,
        lift: g.lift,
      };
    }),
    churnedAccounts: c.churnedAccounts,
    litChurnedAccounts: c.litChurnedAccounts,
  };
}

/** The lift interval of a curve point (the log method, as for the node's own thresholds). */
export function curveInterval(
  b: Pick<Backtest, 'considered' | 'churned'>,
  p: Pick<CurvePoint, 'lit' | 'lit_churned'>,
): [number, number] | null {
  return liftInterval(b.considered, p.lit, b.churned, p.lit_churned);
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

/** What the backtest curve suggests for a node's cut-off. */
export type CurveSuggestion =
  | { kind: 'cutoff'; point: CurvePoint; ci: [number, number] }
  /** No cut-off of the curve lifts churn above 1 with its interval: no cut-off of this KPI predicts churn. */
  | { kind: 'none_predicts' }
  /** Some cut-offs predict churn, but each catches less than a third of it. */
  | { kind: 'too_few_caught' };

/**
 * The cut-off a team might pick from the curve: only cut-offs whose lift is
 * above 1 with its interval (low end > 1) are offered; among those, the best
 * lift that still catches at least a third of churn (recall ≥ 1/3).
 */
export function suggestedCutoff(b: Pick<Backtest, 'considered' | 'churned' | 'curve'>): CurveSuggestion {
  let best: { point: CurvePoint; ci: [number, number] } | null = null;
  let predicts = false;
  for (const p of b.curve) {
    const ci = curveInterval(b, p);
    if (p.lift === null || ci === null || !(ci[0] > 1)) continue;
    predicts = true;
    if (p.recall === null || p.recall < 1 / 3) continue;
    if (!best || (best.point.lift as number) < p.lift) best = { point: p, ci };
  }
  if (best) return { kind: 'cutoff', ...best };
  return { kind: predicts ? 'too_few_caught' : 'none_predicts' };
}
