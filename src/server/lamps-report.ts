/**
 * The `kpi-lamp/lamps@1` document: every account's lamps (listed as the
 * contract says) with their evidence and gate, the backtest of every lamp
 * node with its evidence, and the alert budget. Shared by the command line,
 * the sidebar and the playground; the rules themselves are the core's
 * (src/core/lamps/assess.ts).
 */
import {
  assessEvidence,
  assessLamps,
  lampCards,
  type LampCard,
  type LampsAssessment,
  type NodeEvidence,
} from '../core/lamps/assess';
import { backtest, type BacktestDetail } from '../core/lamps/backtest';
import { type AccountLamps, compareAccounts, type LampState, type Evaluation } from '../core/lamps/evaluate';
import type { Table } from '../core/table';
import type { TreeData } from '../core/tree/series';
import type { Tree } from '../core/tree/types';
import { KeyedError } from '../i18n/keyed-error';
import { lampReasonText } from '../i18n/lamp-text';
import type { Lang } from '../i18n/messages';
import type { Workbook } from '../ports/workbook';
import { JsonSequence } from '../core/text/json-stream';

export type Listing = 'at_risk' | 'unknown' | 'all';

export interface LampsOptions {
  lang: Lang;
  /** yyyy-mm-dd of the evaluation. */
  asOf: string;
  horizon?: number;
  listing?: Listing;
}

/** The tree's accounts sheet is not in the workbook. */
export class MissingSheetError extends KeyedError {
  constructor(readonly sheet: string) {
    super('run.error.no_accounts_sheet', { sheet });
    this.name = 'MissingSheetError';
  }
}

const LISTED: Record<Listing, LampState[]> = {
  at_risk: ['alert', 'warn'],
  unknown: ['alert', 'warn', 'unknown'],
  all: ['alert', 'warn', 'unknown', 'ok'],
};

/** ARR at risk at one lamp node: accounts whose lamp there is warn or alert (gated or not), and their ARR. */
export interface AtRisk {
  node: string;
  name: string;
  accounts: number;
  arr: number;
}

/**
 * A lamps report, whichever engine made it (the TypeScript core here, or a
 * SQL engine: src/server/warehouse-lamps.ts): only what the document and the
 * readable report need, so that a warehouse never sends every account back.
 */
export interface LampsComputation {
  assessment: Pick<LampsAssessment, 'evidence' | 'gated' | 'budget'>;
  /** Accounts judged (every one, whatever the listing). */
  accounts: number;
  /** Per lamp node, in tree order. */
  perNode: AtRisk[];
  listed: AccountLamps[];
  /** The backtest at the report's horizon (the evidence's is at the tree's). */
  backtest: BacktestDetail[];
  horizon: number;
  cards: LampCard[];
}

/** Evaluates, judges the evidence and backtests; the accounts sheet must exist. */
export function computeLamps(
  wb: Workbook,
  tree: Tree,
  opts: Pick<LampsOptions, 'horizon' | 'listing'>,
): LampsComputation {
  const s = tree.settings;
  const accounts = wb.readSheet(s.accounts_sheet);
  if (!accounts) throw new MissingSheetError(s.accounts_sheet);
  const data = { accounts, snapshots: wb.readSheet(s.snapshots_sheet), history: wb.readSheet(s.history_sheet) };
  return lampsFrom(tree, data, assessEvidence(tree, data), opts);
}

/** The same from evidence already judged (the sidebar keeps it between runs). */
export function lampsFrom(
  tree: Tree,
  data: TreeData & { accounts: Table },
  evidence: NodeEvidence[],
  opts: Pick<LampsOptions, 'horizon' | 'listing'>,
): LampsComputation {
  const assessment = assessLamps(tree, data.accounts, evidence);
  const all = assessment.evaluation.accounts;
  const keep = new Set(LISTED[opts.listing ?? 'at_risk']);
  const listed = all.filter((a) => keep.has(a.severity)).sort(compareAccounts);
  const horizon = opts.horizon ?? tree.settings.horizon_months;
  const empty: Table = { name: tree.settings.snapshots_sheet, header: [], rows: [] };
  const bt =
    horizon === tree.settings.horizon_months
      ? evidence.map((e) => e.backtest)
      : backtest(tree, data.snapshots ?? empty, data.accounts, horizon);
  return {
    assessment,
    accounts: all.length,
    perNode: atRiskPerNode(assessment.evaluation),
    listed,
    backtest: bt,
    horizon,
    cards: lampCards(tree, assessment),
  };
}

/**
 * The contract's document, field by field (what the screens compute beyond
 * it stays out). Its accounts are a JsonSequence: each account's entry is
 * made as it is written (core/text/json-stream.ts), so that a listing of a
 * million accounts is never a million objects, nor one string.
 */
export function lampsDocument(c: LampsComputation, opts: LampsOptions) {
  const evidenceOf = new Map(c.assessment.evidence.map((e) => [e.node, e.evidence]));
  const b = c.assessment.budget;
  return {
    format: 'kpi-lamp/lamps@1' as const,
    as_of: opts.asOf,
    accounts: new JsonSequence(c.listed, (a) => ({
      id: a.id,
      name: a.name,
      owner: a.owner,
      plan: a.plan,
      arr: a.arr,
      renewal: a.renewal,
      severity: a.severity,
      lamps: a.lamps.map((l) => ({
        node: l.node,
        state: l.state,
        value: l.value,
        warn: l.warn,
        alert: l.alert,
        reason: lampReasonText(opts.lang, l),
        action: l.action,
        evidence: evidenceOf.get(l.node) ?? null,
        gated: l.gated,
      })),
    })),
    backtest: c.backtest.map((x) => ({
      node: x.node,
      name: x.name,
      horizon_months: x.horizon_months,
      considered: x.considered,
      lit: x.lit,
      churned: x.churned,
      lit_churned: x.lit_churned,
      base_rate: x.base_rate,
      precision: x.precision,
      recall: x.recall,
      lift: x.lift,
      lift_ci95: x.lift_ci95,
      evidence: evidenceOf.get(x.node) ?? null,
      curve: x.curve.map((p) => ({
        cutoff: p.cutoff,
        lit: p.lit,
        lit_churned: p.lit_churned,
        precision: p.precision,
        recall: p.recall,
        lift: p.lift,
      })),
    })),
    budget: {
      alert_budget: b.alert_budget,
      accounts: b.accounts,
      lit: b.lit,
      lit_share: b.lit_share,
      over: b.over,
      nodes: b.nodes.map((n) => ({ node: n.node, lit: n.lit, lit_share: n.lit_share, budget_cutoff: n.budget_cutoff })),
    },
  };
}

/** ARR at risk per lamp node: accounts whose lamp there is warn or alert (gated or not), and their ARR. */
export function atRiskPerNode(ev: Evaluation): AtRisk[] {
  return ev.compiled.lampNodes.map((n, k) => ({
    node: n.id,
    name: n.name,
    accounts: ev.litPerNode[k],
    arr: ev.arrPerNode[k],
  }));
}
