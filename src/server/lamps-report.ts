/**
 * The `kpi-lamp/lamps@1` document: every account's lamps (listed as the
 * contract says) and the backtest of every lamp node. Shared by the command
 * line, the sidebar and the playground.
 */
import { backtest, Backtest } from '../core/lamps/backtest';
import { AccountLamps, compareAccounts, evaluateAccounts, LampState } from '../core/lamps/evaluate';
import type { Table } from '../core/table';
import type { Tree } from '../core/tree/types';
import { lampReasonText } from '../i18n/lamp-text';
import type { Lang } from '../i18n/messages';
import type { Workbook } from '../ports/workbook';

export type Listing = 'at_risk' | 'unknown' | 'all';

export interface LampsOptions {
  lang: Lang;
  /** yyyy-mm-dd of the evaluation. */
  asOf: string;
  horizon?: number;
  listing?: Listing;
}

export class MissingSheetError extends Error {
  constructor(readonly sheet: string) {
    super(`no sheet "${sheet}"`);
  }
}

const LISTED: Record<Listing, LampState[]> = {
  at_risk: ['alert', 'warn'],
  unknown: ['alert', 'warn', 'unknown'],
  all: ['alert', 'warn', 'unknown', 'ok'],
};

export interface LampsComputation {
  all: AccountLamps[];
  listed: AccountLamps[];
  backtest: Backtest[];
}

/** Evaluates and backtests; the accounts sheet must exist. */
export function computeLamps(wb: Workbook, tree: Tree, opts: Pick<LampsOptions, 'horizon' | 'listing'>): LampsComputation {
  const s = tree.settings;
  const accounts = wb.readSheet(s.accounts_sheet);
  if (!accounts) throw new MissingSheetError(s.accounts_sheet);
  const snapshots: Table = wb.readSheet(s.snapshots_sheet) ?? { name: s.snapshots_sheet, header: [], rows: [] };
  const all = evaluateAccounts(tree, accounts);
  const keep = new Set(LISTED[opts.listing ?? 'at_risk']);
  const listed = all.filter((a) => keep.has(a.severity)).sort(compareAccounts);
  return { all, listed, backtest: backtest(tree, snapshots, accounts, opts.horizon ?? s.horizon_months) };
}

export function lampsDocument(c: LampsComputation, opts: LampsOptions) {
  return {
    format: 'kpi-lamp/lamps@1' as const,
    as_of: opts.asOf,
    accounts: c.listed.map((a) => ({
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
      })),
    })),
    backtest: c.backtest,
  };
}

/** ARR at risk per lamp node: accounts whose lamp there is warn or alert, and their ARR. */
export function atRiskPerNode(tree: Tree, all: AccountLamps[]): { node: string; name: string; accounts: number; arr: number }[] {
  const names = new Map(tree.nodes.map((n) => [n.id, n.name]));
  const per = new Map<string, { accounts: number; arr: number }>();
  for (const a of all) {
    for (const l of a.lamps) {
      let p = per.get(l.node);
      if (!p) per.set(l.node, (p = { accounts: 0, arr: 0 }));
      if (l.state === 'warn' || l.state === 'alert') {
        p.accounts++;
        p.arr += a.arr ?? 0;
      }
    }
  }
  return [...per].map(([node, p]) => ({ node, name: names.get(node) ?? node, ...p }));
}
