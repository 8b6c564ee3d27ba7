/**
 * Everything a lamps report needs, in one place: each lamp node's evidence
 * (its verdict and its backtest at the tree's horizon), which nodes the gate
 * holds back, every account judged with them, and the alert budget. The
 * command line, the sidebar's panels, the playground and the run all call
 * these two functions; nothing else decides what is gated or counted.
 */
import { nodeSeries, type TreeData } from '../tree/series';
import { directionOf, root, treeOrder, isLampNode } from '../tree/structure';
import type { Direction, Tree, TreeNode } from '../tree/types';
import { verdictFor, type Verdict } from '../tree/verdicts';
import { backtest, suggestedCutoff, type BacktestDetail, type CurveSuggestion } from './backtest';
import { alertBudget, type Budget, type BudgetNode } from './budget';
import { evaluate, type Evaluation } from './evaluate';
import { judgeEvidence, smallSample, type Evidence, type EvidenceReason } from './evidence';
import type { Table } from '../table';

/** The verdict's figures a screen needs beside the evidence (plain data). */
export type VerdictSummary = Pick<
  Verdict,
  'declared_kind' | 'inferred_kind' | 'best_lag' | 'r' | 'pairs' | 'p_value' | 'levels_significant' | 'warnings'
> & {
  /** Months with both values. */
  months: number;
  /** Lags the changes scan considered (the Bonferroni factor). */
  lags: number;
  significance: number;
};

/** One lamp node's evidence: plain data (it is cached as JSON between runs). */
export interface NodeEvidence {
  node: string;
  name: string;
  evidence: Evidence;
  reasons: EvidenceReason[];
  verdict: VerdictSummary;
  /** The backtest at the tree's horizon_months (on nothing, without a Snapshots sheet). */
  backtest: BacktestDetail;
}

const finite = (v: number | null | undefined): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

export function verdictSummary(v: Verdict, significance: number): VerdictSummary {
  return {
    declared_kind: v.declared_kind,
    inferred_kind: v.inferred_kind,
    best_lag: v.best_lag,
    r: finite(v.r),
    pairs: v.pairs,
    p_value: finite(v.p_value),
    levels_significant: v.levels_significant,
    warnings: [...v.warnings],
    months: v.detail.months,
    lags: v.detail.changes?.considered ?? 0,
    significance,
  };
}

/**
 * The evidence of every lamp node (tree order), from the workbook's History,
 * Snapshots and Accounts; `verdicts` already judged may be given; `only`:
 * of those lamp nodes only (the threshold preview judges one); `backtests`
 * at the tree's horizon, already made (by a SQL engine), may be given, one
 * per lamp node judged.
 */
export function assessEvidence(
  tree: Tree,
  data: TreeData,
  verdicts?: readonly Verdict[],
  only?: ReadonlySet<string>,
  made?: readonly BacktestDetail[],
): NodeEvidence[] {
  const lampNodes = treeOrder(tree).filter((n) => isLampNode(n) && (!only || only.has(n.id)));
  const kgiSeries = verdicts ? undefined : nodeSeries(tree, root(tree), data);
  // Without a Snapshots sheet, every lamp is backtested on nothing (considered 0: unproven).
  const snapshots = data.snapshots ?? { name: tree.settings.snapshots_sheet, header: [], rows: [] };
  const backtests = made ?? backtest(tree, snapshots, data.accounts, tree.settings.horizon_months, only);
  return lampNodes.map((node, k) => {
    const v = verdicts?.find((x) => x.id === node.id) ?? verdictFor(tree, node, data, kgiSeries);
    const b = backtests[k];
    const { evidence, reasons } = judgeEvidence(v.warnings, b);
    return {
      node: node.id,
      name: node.name,
      evidence,
      reasons,
      verdict: verdictSummary(v, tree.settings.significance),
      backtest: b,
    };
  });
}

/** The lamp nodes the gate holds back: contradicted ones, under `"evidence": "gate"` only. */
export function gatedNodes(tree: Tree, evidence: readonly Pick<NodeEvidence, 'node' | 'evidence'>[]): Set<string> {
  if (tree.settings.evidence !== 'gate') return new Set();
  return new Set(evidence.filter((e) => e.evidence === 'contradicted').map((e) => e.node));
}

export interface LampsAssessment {
  evidence: NodeEvidence[];
  gated: Set<string>;
  evaluation: Evaluation;
  budget: Budget;
}

/** Today's accounts judged with the gate, and the alert budget. */
export function assessLamps(tree: Tree, accounts: Table, evidence: NodeEvidence[]): LampsAssessment {
  const gated = gatedNodes(tree, evidence);
  const evaluation = evaluate(tree, accounts, gated);
  return { evidence, gated, evaluation, budget: alertBudget(tree, evaluation) };
}

/** A lamp node's report card: what the sidebar and the command line say about it, as plain data. */
export interface LampCard {
  node: string;
  name: string;
  evidence: Evidence;
  reasons: EvidenceReason[];
  /** Held back by the gate (on watch). */
  gated: boolean;
  /** Today: accounts whose lamp here is warn or alert, gated or not. */
  today: { lit: number; accounts: number; share: number | null };
  backtest: BacktestDetail;
  /** Null when there is nothing to judge a sample on. */
  smallSample: boolean | null;
  verdict: VerdictSummary;
  /** What the curve suggests (offered only with a lift above 1 with its interval). */
  suggestion: CurveSuggestion;
  /** This node alone lights more accounts than the budget: the cut-off within it (null when none qualifies). */
  overBudget: boolean;
  budgetCutoff: number | null;
  direction: Direction;
}

/** The report card of every lamp node, in tree order. */
export function lampCards(tree: Tree, a: Pick<LampsAssessment, 'evidence' | 'gated' | 'budget'>): LampCard[] {
  const byNode = new Map(a.budget.nodes.map((b) => [b.node, b]));
  return a.evidence.map((e) => {
    const b = byNode.get(e.node) as BudgetNode;
    const node = tree.nodes.find((n) => n.id === e.node) as TreeNode;
    return {
      node: e.node,
      name: e.name,
      evidence: e.evidence,
      reasons: e.reasons,
      gated: a.gated.has(e.node),
      today: { lit: b.lit, accounts: a.budget.accounts, share: b.lit_share },
      backtest: e.backtest,
      smallSample: smallSample(e.backtest),
      verdict: e.verdict,
      suggestion: suggestedCutoff(e.backtest),
      overBudget: b.lit_share !== null && b.lit_share > a.budget.alert_budget,
      budgetCutoff: b.budget_cutoff,
      direction: directionOf(tree, node),
    };
  });
}
