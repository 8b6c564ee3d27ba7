/**
 * The alert budget of the contract: the share of accounts a team can act on
 * (`settings.alert_budget`). It never hides an account; it says whether the
 * thresholds light more accounts than the team can act on and, for each lamp
 * node lit beyond it on its own, the cut-off that would light at most
 * alert_budget × accounts of today's accounts on its own.
 *
 * "At most alert_budget × accounts" is tested as count / accounts ≤
 * alert_budget, the very comparison `over` makes (lit_share >
 * alert_budget), so a cut-off within budget never reads as over it.
 */
import { directionOf } from '../tree/structure';
import type { Direction, Thresholds, Tree, TreeNode } from '../tree/types';
import { isLit, type Evaluation } from './evaluate';
import { select } from './order-statistics';

export interface BudgetNode {
  node: string;
  /** Accounts whose lamp at this node is warn or alert, gated or not. */
  lit: number;
  lit_share: number | null;
  /** Null unless this node alone exceeds the budget (and then null when no value qualifies). */
  budget_cutoff: number | null;
}

export interface Budget {
  alert_budget: number;
  accounts: number;
  /** Accounts whose severity is warn or alert (gated lamps do not count). */
  lit: number;
  lit_share: number | null;
  over: boolean;
  nodes: BudgetNode[];
}

const share = (count: number, accounts: number): number | null => (accounts === 0 ? null : count / accounts);

/** The largest count k with k / accounts ≤ budget (the most accounts a cut-off may light). */
export function budgetCount(budget: number, accounts: number): number {
  if (accounts <= 0) return 0;
  let k = Math.min(accounts, Math.max(0, Math.floor(budget * accounts)));
  while (k < accounts && (k + 1) / accounts <= budget) k++;
  while (k > 0 && k / accounts > budget) k--;
  return k;
}

/**
 * Among `values` (the node's numeric account values; reordered in place),
 * the cut-off lighting at most `maxLit` of them: the largest such value for
 * higher_is_better (lit at or below it), the smallest for lower_is_better
 * (lit at or above it); null when no value qualifies (ties at the extreme
 * already exceed maxLit, or maxLit is 0).
 */
export function cutoffWithin(values: Float64Array, direction: Direction, maxLit: number): number | null {
  const m = values.length;
  if (m === 0 || maxLit <= 0) return null;
  const higher = direction === 'higher_is_better';
  // The maxLit-th value from the lit end: everything at or past it is lit.
  let x: number;
  if (maxLit >= m) {
    x = values[0];
    for (let i = 1; i < m; i++) if (higher ? values[i] > x : values[i] < x) x = values[i];
    return x;
  }
  x = select(values, 0, m - 1, higher ? maxLit - 1 : m - maxLit);
  let atOrPast = 0;
  for (let i = 0; i < m; i++) if (higher ? values[i] <= x : values[i] >= x) atOrPast++;
  if (atOrPast <= maxLit) return x;
  // Ties at x overshoot: the next value before x lights only what lies strictly past x (< maxLit of them).
  let best: number | null = null;
  for (let i = 0; i < m; i++) {
    const v = values[i];
    if (higher ? v < x && (best === null || v > best) : v > x && (best === null || v < best)) best = v;
  }
  return best;
}

/** The alert budget of an evaluation of the Accounts table (every account, whatever a listing shows). */
export function alertBudget(tree: Tree, ev: Evaluation): Budget {
  const accounts = ev.accounts.length;
  let lit = 0;
  for (const a of ev.accounts) if (isLit(a.severity)) lit++;
  const maxLit = budgetCount(tree.settings.alert_budget, accounts);
  let buffer: Float64Array | null = null;
  return budgetFrom(tree, ev.compiled.lampNodes, accounts, lit, ev.litPerNode, (k, node) => {
    // The node's numeric values (kept from the judging), copied: selection reorders them.
    if (!buffer) buffer = new Float64Array(accounts);
    const mine = ev.values.subarray(k * accounts, (k + 1) * accounts);
    let m = 0;
    for (let i = 0; i < accounts; i++) {
      const v = mine[i];
      if (v === v) buffer[m++] = v;
    }
    return cutoffWithin(buffer.subarray(0, m), directionOf(tree, node), maxLit);
  });
}

/** Lamp nodes (by their index) lit beyond the budget on their own: those that get a cut-off. */
export function overBudget(budget: number, accounts: number, litPerNode: readonly number[]): number[] {
  const out: number[] = [];
  litPerNode.forEach((lit, k) => {
    const s = share(lit, accounts);
    if (s !== null && s > budget) out.push(k);
  });
  return out;
}

/**
 * The budget from its counts: accounts, accounts lit (gated lamps not
 * counted) and each lamp node's lit accounts; `cutoff` is asked only for
 * the nodes lit beyond the budget on their own. The TypeScript evaluation
 * and the SQL path both end here.
 */
export function budgetFrom(
  tree: Tree,
  lampNodes: readonly TreeNode[],
  accounts: number,
  lit: number,
  litPerNode: readonly number[],
  cutoff: (k: number, node: TreeNode) => number | null,
): Budget {
  const budget = tree.settings.alert_budget;
  const over = new Set(overBudget(budget, accounts, litPerNode));
  const nodes = lampNodes.map(
    (node, k): BudgetNode => ({
      node: node.id,
      lit: litPerNode[k],
      lit_share: share(litPerNode[k], accounts),
      budget_cutoff: over.has(k) ? cutoff(k, node) : null,
    }),
  );
  const litShare = share(lit, accounts);
  return {
    alert_budget: budget,
    accounts,
    lit,
    lit_share: litShare,
    over: litShare !== null && litShare > budget,
    nodes,
  };
}

/**
 * A node's thresholds with a cut-off applied: every threshold (its own and
 * each plan's) that would light more than the cut-off is brought to it, so
 * the node lights at most what the cut-off alone lights (floors aside). A
 * warning threshold left equal to the alert threshold is dropped (alert wins).
 */
export function capThresholds<T extends Thresholds>(t: T, direction: Direction, cutoff: number): T {
  const cap = (v: number | undefined) =>
    v === undefined ? undefined : direction === 'higher_is_better' ? Math.min(v, cutoff) : Math.max(v, cutoff);
  const out = { ...t };
  const warn = cap(t.warn);
  const alert = cap(t.alert);
  if (warn === undefined) delete out.warn;
  else out.warn = warn;
  if (alert === undefined) delete out.alert;
  else out.alert = alert;
  if (out.warn !== undefined && out.alert !== undefined && out.warn === out.alert) delete out.warn;
  return out;
}
