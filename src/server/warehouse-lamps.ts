/**
 * The lamps report and the check, computed by a SQL engine where the data
 * lives (BigQuery, DuckDB): the compiled queries (src/sql) do the per-row
 * work; the TypeScript core does what is small (the lift interval, the
 * verdicts on a few dozen months, evidence, the gate), fed by their results.
 * The result is the very LampsComputation the TypeScript path makes, so the
 * same document and the same readable report follow.
 *
 * Host-agnostic: the steps are a generator that yields each query and
 * receives its rows; runQueries (Apps Script, synchronous) and
 * runQueriesAsync (DuckDB in Node) drive it.
 */
import { assessEvidence, gatedNodes, lampCards, type NodeEvidence } from '../core/lamps/assess';
import { backtest, backtestFromCounts, type BacktestDetail } from '../core/lamps/backtest';
import { budgetCount, budgetFrom, overBudget } from '../core/lamps/budget';
import { type AccountLamps, isLit, type Lamp, type LampReason, type LampState } from '../core/lamps/evaluate';
import { monthFromIndex, type Table } from '../core/table';
import type { TreeData } from '../core/tree/series';
import { childrenOf, directionOf, isLampNode, root, treeOrder } from '../core/tree/structure';
import type { Tree, TreeNode } from '../core/tree/types';
import { checkReport, verdicts } from '../core/tree/verdicts';
import type { AsyncWarehouse, CompiledQuery, ResultRow, SourceTable, SyncWarehouse } from '../ports/warehouse';
import type { DialectName } from '../sql/api';
import {
  accountNumbersQuery,
  accountsQuery,
  backtestable,
  backtestQuery,
  budgetCutoffQuery,
  budgetQuery,
  curveQuery,
  seriesQuery,
  STATE_CODE,
} from '../sql/compile';
import { type Dialect, dialect } from '../sql/dialects';
import type { LampsComputation, Listing } from './lamps-report';

export interface WarehouseSources {
  accounts: SourceTable;
  /** Null when there is no Snapshots table (every lamp is then backtested on nothing: unproven). */
  snapshots: SourceTable | null;
}

export interface WarehouseOptions {
  dialect: DialectName;
  /** The report's horizon (the evidence's is always the tree's horizon_months). */
  horizon?: number;
  listing?: Listing;
  /** The spreadsheet's (or the machine's) time zone: TIMESTAMP months are read in it. */
  timeZone: string;
  /**
   * Evidence judged before over the same tree and Snapshots (kept by the
   * Sheets run between runs): the backtest and verdict queries, which scan
   * Snapshots, are then not sent.
   */
  evidence?: NodeEvidence[];
}

export type Steps<T> = Generator<CompiledQuery, T, ResultRow[]>;

const LISTED_CODES: Record<Listing, number[]> = {
  at_risk: [STATE_CODE.alert, STATE_CODE.warn],
  unknown: [STATE_CODE.alert, STATE_CODE.warn, STATE_CODE.unknown],
  all: [STATE_CODE.alert, STATE_CODE.warn, STATE_CODE.unknown, STATE_CODE.ok],
};
const STATES: LampState[] = ['ok', 'unknown', 'warn', 'alert'];

/** A count or a figure from a result row (engines give BIGINTs as numbers or numeric text; an empty SUM is NULL). */
function count(v: ResultRow[string] | undefined): number {
  return v === null || v === undefined ? 0 : Number(v);
}
function figure(v: ResultRow[string] | undefined): number | null {
  return v === null || v === undefined ? null : Number(v);
}
function textOf(v: ResultRow[string] | undefined): string | null {
  return v === null || v === undefined ? null : String(v);
}

function lampNodesOf(tree: Tree): TreeNode[] {
  return treeOrder(tree).filter(isLampNode);
}

/** The backtest of every lamp node at a horizon: the engine's counts, the core's figures. */
function* backtestSteps(
  tree: Tree,
  s: WarehouseSources,
  d: Dialect,
  horizon: number,
  zone: string,
): Steps<BacktestDetail[]> {
  const nodes = lampNodesOf(tree);
  if (!backtestable(tree, s)) {
    // No month, id or churned column (or no Snapshots): the core's backtest of nothing, as on the TypeScript path.
    const header = s.snapshots ? s.snapshots.columns.map((c) => c.name) : [];
    return backtest(tree, { name: tree.settings.snapshots_sheet, header, rows: [] }, null, horizon);
  }
  const [c] = yield backtestQuery(tree, s, d, { horizon, zone });
  const curve = nodes.length ? yield curveQuery(tree, s, d, { horizon, zone }) : [];
  return nodes.map((node, k) =>
    backtestFromCounts(
      node,
      horizon,
      {
        considered: count(c.considered),
        churned: count(c.churned),
        lit: count(c[`n${k}_lit`]),
        litChurned: count(c[`n${k}_lc`]),
        churnedAccounts: count(c.churned_accounts),
        litChurnedAccounts: count(c[`n${k}_lca`]),
      },
      curve
        .filter((r) => Number(r.node) === k)
        .map((r) => ({ cutoff: Number(r.cutoff), lit: count(r.lit), lit_churned: count(r.lit_churned) })),
    ),
  );
}

function headerHas(table: SourceTable, header: string | undefined): string | null {
  if (!header) return null;
  const want = header.trim();
  return table.columns.find((c) => c.name.trim() === want)?.name ?? null;
}

/**
 * What the verdicts read, made small: Snapshots as one row per month of each
 * column's mean (core/tree/series.ts monthlyMean of such a table gives that
 * mean back), with a row without a month that holds a number where the
 * column has one; Accounts as one row saying which columns hold a number.
 * History is the workbook's own.
 */
function* verdictData(
  tree: Tree,
  s: WarehouseSources,
  history: Table | null,
  d: Dialect,
  zone: string,
): Steps<TreeData> {
  const wanted = (table: SourceTable, keys: ('history_column' | 'accounts_column')[]) => {
    const names: string[] = [];
    for (const n of tree.nodes) {
      if (n.type === 'composite') continue;
      for (const key of keys) {
        const name = headerHas(table, n[key]);
        if (name !== null && !names.includes(name)) names.push(name);
      }
    }
    return names;
  };
  const accCols = wanted(s.accounts, ['accounts_column']);
  const [a] = accCols.length ? yield accountNumbersQuery(s.accounts, d, { columns: accCols, zone }) : [{}];
  const accounts: Table = {
    name: tree.settings.accounts_sheet,
    header: accCols,
    rows: [accCols.map((_, i) => (count(a[`c${i}`]) > 0 ? 1 : null))],
  };
  let snapshots: Table | null = null;
  if (s.snapshots) {
    const month = headerHas(s.snapshots, tree.settings.columns.month);
    const cols = wanted(s.snapshots, ['history_column', 'accounts_column']).filter((c) => c !== month);
    const rows = cols.length ? yield seriesQuery(tree, s.snapshots, d, { columns: cols, zone }) : [];
    snapshots = {
      name: tree.settings.snapshots_sheet,
      header: month === null ? cols : [month, ...cols],
      rows: rows.map((r) => {
        const m = r.m === null ? null : monthFromIndex(Number(r.m));
        const values = cols.map((_, i) => {
          const n = count(r[`c${i}`]);
          if (n === 0) return null;
          return m === null ? 1 : Number(r[`s${i}`]) / n;
        });
        return month === null ? values : [m, ...values];
      }),
    };
  }
  return { accounts, snapshots, history };
}

/** A lamp as the core makes it (its reason rebuilt from the row's columns). */
function lampOf(tree: Tree, node: TreeNode, k: number, r: ResultRow, s: SourceTable, gated: boolean): Lamp {
  const state = STATES[Number(r[`n${k}_s`])];
  const direction = directionOf(tree, node);
  const kids = node.type === 'composite' ? childrenOf(tree, node.id) : [];
  const f = figure(r[`n${k}_f`]);
  const u = figure(r[`n${k}_u`]);
  let reason: LampReason;
  if (f !== null) {
    const child = kids[f];
    reason = {
      code: 'floor',
      child: child.name,
      value: Number(r[`n${k}_fv`]),
      floor: child.floor as number,
      direction,
    };
  } else if (state === 'unknown') {
    if (u !== null) reason = { code: 'child_unknown', child: kids[u].name };
    else
      reason = {
        code: node.type !== 'composite' && headerHas(s, node.accounts_column) === null ? 'no_column' : 'no_value',
        column: node.accounts_column ?? node.name,
      };
  } else if (state === 'ok') reason = { code: 'ok', direction };
  else reason = { code: 'threshold', level: state, direction };
  return {
    node: node.id,
    state,
    value: figure(r[`n${k}_v`]),
    warn: figure(r[`n${k}_w`]),
    alert: figure(r[`n${k}_a`]),
    reason,
    action: node.action ?? null,
    gated,
  };
}

function accountOf(tree: Tree, nodes: TreeNode[], r: ResultRow, s: SourceTable, gated: Set<string>): AccountLamps {
  const lamps = nodes.map((n, k) => lampOf(tree, n, k, r, s, gated.has(n.id)));
  return {
    id: String(r.id),
    name: textOf(r.name),
    owner: textOf(r.owner),
    plan: textOf(r.plan),
    arr: figure(r.arr),
    renewal: textOf(r.renewal),
    severity: STATES[Number(r.severity)],
    watch: lamps.some((l) => l.gated && isLit(l.state)),
    lamps,
    // Not a row of a sheet: the accounts live in the warehouse.
    row: -1,
  };
}

/** The lamps report: History (small, team-level) comes from the workbook as a Table, as on the TypeScript path. */
export function* warehouseLamps(
  tree: Tree,
  sources: WarehouseSources,
  history: Table | null,
  opts: WarehouseOptions,
): Steps<LampsComputation> {
  const d = dialect(opts.dialect);
  const zone = opts.timeZone;
  const nodes = lampNodesOf(tree);
  const H = tree.settings.horizon_months;
  let evidence: NodeEvidence[];
  let evidenceBacktests: BacktestDetail[];
  if (opts.evidence) {
    evidence = opts.evidence;
    evidenceBacktests = evidence.map((e) => e.backtest);
  } else {
    evidenceBacktests = yield* backtestSteps(tree, sources, d, H, zone);
    const data = yield* verdictData(tree, sources, history, d, zone);
    evidence = assessEvidence(tree, data, undefined, undefined, evidenceBacktests);
  }
  const gated = gatedNodes(tree, evidence);
  const flags = nodes.map((n) => gated.has(n.id));

  const [b] = yield budgetQuery(tree, sources, d, { gated: flags, zone });
  const accounts = count(b.accounts);
  const litPerNode = nodes.map((_, k) => count(b[`n${k}_lit`]));
  const maxLit = budgetCount(tree.settings.alert_budget, accounts);
  const over = overBudget(tree.settings.alert_budget, accounts, litPerNode);
  const cutoffs =
    over.length && maxLit > 0
      ? yield budgetCutoffQuery(tree, sources, d, { gated: flags, zone, nodes: over, maxLit })
      : [];
  const budget = budgetFrom(tree, nodes, accounts, count(b.lit), litPerNode, (k) =>
    figure(cutoffs.find((r) => Number(r.node) === k)?.cutoff),
  );

  const listing = opts.listing ?? 'at_risk';
  const rows = yield accountsQuery(tree, sources, d, { gated: flags, listed: LISTED_CODES[listing], zone });
  const listed = rows.map((r) => accountOf(tree, nodes, r, sources.accounts, gated));

  const horizon = opts.horizon ?? H;
  const bt = horizon === H ? evidenceBacktests : yield* backtestSteps(tree, sources, d, horizon, zone);
  const assessment = { evidence, gated, budget };
  return {
    assessment,
    accounts,
    perNode: nodes.map((n, k) => ({ node: n.id, name: n.name, accounts: litPerNode[k], arr: count(b[`n${k}_arr`]) })),
    listed,
    backtest: bt,
    horizon,
    cards: lampCards(tree, assessment),
  };
}

/** The check report (`kpi-lamp/check@1`): Snapshots-derived monthly series come from the engine. */
export function* warehouseCheck(
  tree: Tree,
  sources: WarehouseSources,
  history: Table | null,
  opts: WarehouseOptions,
): Steps<ReturnType<typeof checkReport>> {
  const data = yield* verdictData(tree, sources, history, dialect(opts.dialect), opts.timeZone);
  return checkReport(tree, data, verdicts(tree, data));
}

/** Drives the steps on a synchronous engine. */
export function runQueries<T>(steps: Steps<T>, w: SyncWarehouse): T {
  let r = steps.next(undefined as unknown as ResultRow[]);
  while (!r.done) r = steps.next(w.run(r.value));
  return r.value;
}

/** Drives the steps on an asynchronous engine. */
export async function runQueriesAsync<T>(steps: Steps<T>, w: AsyncWarehouse): Promise<T> {
  let r = steps.next(undefined as unknown as ResultRow[]);
  while (!r.done) r = steps.next(await w.run(r.value));
  return r.value;
}

/**
 * The queries as one script a person runs themselves (`kpi-lamp sql`): each
 * step in order, with what it returns and its parameters' values in
 * comments (bind them as query parameters: `bq query --parameter=NAME:TYPE:VALUE`,
 * a scheduled query's parameters, DuckDB's prepared statements). The
 * accounts and budget steps count every lamp (no gate): the gate needs the
 * evidence, which KPI Lamp judges from the backtest and the verdicts.
 */
export function warehouseScript(
  tree: Tree,
  sources: WarehouseSources,
  opts: Pick<WarehouseOptions, 'dialect' | 'horizon' | 'timeZone'>,
): string {
  const d = dialect(opts.dialect);
  const zone = opts.timeZone;
  const horizon = opts.horizon ?? tree.settings.horizon_months;
  const flags = lampNodesOf(tree).map(() => false);
  const steps: [string, CompiledQuery][] = [];
  if (backtestable(tree, sources)) {
    steps.push(['backtest counts per lamp node', backtestQuery(tree, sources, d, { horizon, zone })]);
    steps.push(['backtest curve: cut-offs and counts per lamp node', curveQuery(tree, sources, d, { horizon, zone })]);
  }
  steps.push([
    'alert budget: accounts, lit, per lamp node lit and ARR',
    budgetQuery(tree, sources, d, { gated: flags, zone }),
  ]);
  steps.push([
    'accounts at warn or alert, most severe first, then ARR, then id',
    accountsQuery(tree, sources, d, { gated: flags, listed: LISTED_CODES.at_risk, zone }),
  ]);
  const out = [
    `-- KPI Lamp: the tree "${root(tree).name.replace(/[\r\n]+/g, ' ')}" compiled to ${d.name === 'bigquery' ? 'BigQuery Standard SQL' : 'DuckDB SQL'}.`,
    `-- States: ${STATES.map((s, i) => `${i} = ${s}`).join(', ')}. Lamp nodes: ${lampNodesOf(tree)
      .map((n, k) => `n${k} = ${JSON.stringify(n.id)}`)
      .join(', ')}.`,
  ];
  for (const [what, q] of steps) {
    out.push('', `-- ${q.step}: ${what}`);
    for (const p of q.params) out.push(`--   ${p.name} ${p.type} = ${JSON.stringify(p.value)}`);
    out.push(`${q.sql};`);
  }
  return `${out.join('\n')}\n`;
}
