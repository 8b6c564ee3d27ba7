/**
 * Verdicts: does a KPI lead the KGI? Exactly the rules of the contract's
 * "Verdicts" section, through the same lead/lag core as =LEADLAG.
 */
import { extent } from '../extent';
import { type LagRow, leadLag } from '../metrics/leadlag';
import { columnIndex, numberFromCell } from '../table';
import { alignMonthly, nodeSeries, type NodeSeries, type TreeData } from './series';
import { childrenOf, directionOf, hasThresholds, isCompositeChild, root, treeOrder } from './structure';
import type { Kind, Tree, TreeNode } from './types';

export const MIN_MONTHS = 12;
export const MIN_PAIRS = 8;

export type WarningCode =
  | 'short_history'
  | 'no_history'
  | 'not_significant'
  | 'shared_trend'
  | 'reverse_causation'
  | 'wrong_direction'
  | 'lagging_as_action'
  | 'no_action'
  | 'no_floor';

export interface Smart {
  specific: boolean;
  measurable: boolean;
  achievable: boolean | null;
  related: boolean;
  time_bound: boolean;
}

export interface ScanResult {
  rows: LagRow[];
  /** Lags with at least MIN_PAIRS pairs. */
  considered: number;
  significantLags: number[];
  best: LagRow | null;
}

export interface Verdict {
  id: string;
  name: string;
  type: TreeNode['type'];
  declared_kind: Kind | null;
  inferred_kind: Kind | 'none';
  best_lag: number | null;
  r: number | null;
  pairs: number | null;
  p_value: number | null;
  levels_significant: boolean | null;
  smart: Smart;
  warnings: WarningCode[];
  /** For screens (correlograms); not part of check@1. */
  detail: {
    months: number;
    changes: ScanResult | null;
    levels: ScanResult | null;
    source: NodeSeries['source'] | null;
  };
}

/** One scan: lags −maxLag … +maxLag, Bonferroni over the lags with ≥ 8 pairs. */
export function scan(
  x: (number | null)[],
  y: (number | null)[],
  maxLag: number,
  differenced: boolean,
  significance: number,
): ScanResult {
  const rows = leadLag(x, y, { maxLag, method: 'pearson', differenced });
  const considered = rows.filter((r) => r.pairs >= MIN_PAIRS);
  const L = considered.length;
  const significantLags = considered.filter((r) => r.pValue !== null && r.pValue * L < significance).map((r) => r.lag);
  let best: LagRow | null = null;
  for (const row of considered) {
    if (row.r === null) continue;
    if (!best) {
      best = row;
      continue;
    }
    const a = Math.abs(row.r);
    const b = Math.abs(best.r as number);
    if (
      a > b ||
      (a === b &&
        (Math.abs(row.lag) < Math.abs(best.lag) || (Math.abs(row.lag) === Math.abs(best.lag) && row.lag > best.lag)))
    ) {
      best = row;
    }
  }
  return { rows, considered: L, significantLags, best };
}

function hasNumber(data: TreeData, table: 'accounts' | 'history' | 'snapshots', column: string | undefined): boolean {
  const t = data[table];
  if (!t || !column) return false;
  const i = columnIndex(t, column);
  return i >= 0 && t.rows.some((r) => numberFromCell(r[i]) !== null);
}

function measurable(tree: Tree, node: TreeNode, data: TreeData, depth = 0): boolean {
  if (node.type === 'composite') {
    const kids = childrenOf(tree, node.id);
    return kids.length > 0 && depth <= tree.nodes.length && kids.every((k) => measurable(tree, k, data, depth + 1));
  }
  return (
    hasNumber(data, 'accounts', node.accounts_column) ||
    hasNumber(data, 'history', node.history_column) ||
    hasNumber(data, 'snapshots', node.history_column) ||
    hasNumber(data, 'snapshots', node.accounts_column)
  );
}

/** The verdict of one kpi or composite node. */
export function verdictFor(tree: Tree, node: TreeNode, data: TreeData, kgiSeries?: NodeSeries | null): Verdict {
  const kgi = root(tree);
  const kgiS = kgiSeries === undefined ? nodeSeries(tree, kgi, data) : kgiSeries;
  const own = nodeSeries(tree, node, data);
  const warnings: WarningCode[] = [];
  let changes: ScanResult | null = null;
  let levels: ScanResult | null = null;
  let months = 0;
  if (own) {
    const aligned = alignMonthly(own.series, kgiS ? kgiS.series : new Map());
    months = aligned.x.filter((v, i) => v !== null && aligned.y[i] !== null).length;
    if (months < MIN_MONTHS) warnings.push('short_history');
    else {
      const { significance, max_lag } = tree.settings;
      changes = scan(aligned.x, aligned.y, max_lag, true, significance);
      levels = scan(aligned.x, aligned.y, max_lag, false, significance);
    }
  } else {
    warnings.push('no_history');
  }
  const changesSignificant = !!changes && changes.significantLags.length > 0;
  const levelsSignificant = levels ? levels.significantLags.length > 0 : null;
  let inferred: Kind | 'none' = 'none';
  if (changes && changesSignificant && changes.best) {
    inferred = changes.best.lag >= 1 ? 'leading' : changes.best.lag === 0 ? 'coincident' : 'lagging';
  }
  if (changes && !changesSignificant && !levelsSignificant) warnings.push('not_significant');
  if (changes && levelsSignificant && !changesSignificant) warnings.push('shared_trend');
  if (inferred === 'lagging' && (node.kind === 'leading' || node.kind === 'coincident'))
    warnings.push('reverse_causation');
  if (inferred !== 'none' && changes?.best?.r != null) {
    const same = directionOf(tree, node) === directionOf(tree, kgi);
    const r = changes.best.r;
    if ((same && r < 0) || (!same && r > 0)) warnings.push('wrong_direction');
  }
  const thresholds = hasThresholds(node);
  if (node.kind === 'lagging' && thresholds) warnings.push('lagging_as_action');
  if (thresholds && !node.action) warnings.push('no_action');
  if (isCompositeChild(tree, node) && node.floor === undefined) warnings.push('no_floor');

  let achievable: boolean | null = null;
  if (node.target !== undefined) {
    const bounds = own ? extent(own.series.values()) : null;
    if (!bounds) achievable = false;
    else {
      const [lo, hi] = bounds;
      const half = (hi - lo) / 2;
      achievable = node.target >= lo - half && node.target <= hi + half;
    }
  }
  const best = changes?.best ?? null;
  return {
    id: node.id,
    name: node.name,
    type: node.type,
    declared_kind: node.kind ?? null,
    inferred_kind: inferred,
    best_lag: best ? best.lag : null,
    r: best ? best.r : null,
    pairs: best ? best.pairs : null,
    p_value: best ? best.pValue : null,
    levels_significant: levelsSignificant,
    smart: {
      specific: !!node.definition,
      measurable: measurable(tree, node, data),
      achievable,
      related: inferred !== 'none' && !warnings.includes('reverse_causation') && !warnings.includes('wrong_direction'),
      time_bound: !!node.review_date || !!kgi.deadline,
    },
    warnings,
    detail: { months, changes, levels, source: own ? own.source : null },
  };
}

/** Verdicts of every kpi and composite node, in tree order. */
export function verdicts(tree: Tree, data: TreeData): Verdict[] {
  const kgiSeries = nodeSeries(tree, root(tree), data);
  return treeOrder(tree)
    .filter((n) => n.type === 'kpi' || n.type === 'composite')
    .map((n) => verdictFor(tree, n, data, kgiSeries));
}

/** A verdict's fields of the `kpi-lamp/check@1` document, in its order. */
export function checkNode(v: Verdict) {
  return {
    id: v.id,
    name: v.name,
    type: v.type,
    declared_kind: v.declared_kind,
    inferred_kind: v.inferred_kind,
    best_lag: v.best_lag,
    r: v.r,
    pairs: v.pairs,
    p_value: v.p_value,
    levels_significant: v.levels_significant,
    smart: v.smart,
    warnings: v.warnings,
  };
}

/** The `kpi-lamp/check@1` document. */
export function checkReport(tree: Tree, data: TreeData, list: Verdict[] = verdicts(tree, data)) {
  const kgi = root(tree);
  return {
    format: 'kpi-lamp/check@1' as const,
    kgi: { id: kgi.id, name: kgi.name },
    nodes: list.map(checkNode),
  };
}
