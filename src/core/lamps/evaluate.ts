/**
 * Lamps: each account row against each lamp node (a kpi or composite with
 * warn or alert), exactly as the contract's "Lamps" section says. Pure: the
 * same code serves the sidebar, the trigger, the playground, the command
 * line and the backtest.
 */
import { type CellValue, columnIndex, numberFromCell, type Table } from '../table';
import { combine } from '../tree/series';
import { childrenOf, directionOf, isLampNode, treeOrder } from '../tree/structure';
import type { Direction, Thresholds, Tree, TreeNode } from '../tree/types';

export type LampState = 'ok' | 'warn' | 'alert' | 'unknown';

/**
 * Why a lamp is in its state, for a person to read (rendered by src/i18n
 * with the lamp's value and thresholds). Shared objects: never mutate.
 */
export type LampReason =
  | { code: 'no_column'; column: string }
  | { code: 'no_value'; column: string }
  | { code: 'child_unknown'; child: string }
  | { code: 'floor'; child: string; value: number; floor: number; direction: Direction }
  | { code: 'threshold'; level: 'warn' | 'alert'; direction: Direction }
  | { code: 'ok'; direction: Direction };

export interface Lamp {
  node: string;
  state: LampState;
  value: number | null;
  warn: number | null;
  alert: number | null;
  reason: LampReason;
  action: string | null;
  /**
   * Under `"evidence": "gate"`, a lamp of a contradicted node: it keeps its
   * state and reason but counts toward no severity (shown apart, on watch).
   */
  gated: boolean;
}

const RANK: Record<LampState, number> = { ok: 0, unknown: 1, warn: 2, alert: 3 };

/** The order of severity: alert > warn > unknown > ok. */
export function severityRank(s: LampState): number {
  return RANK[s];
}

/** A lamp (or an account's severity) that is lit: at warn or alert, what counts as at risk. */
export function isLit(s: LampState | undefined): boolean {
  return s === 'warn' || s === 'alert';
}

/** "At or past" a threshold in a direction. */
export function reached(value: number, threshold: number, direction: Direction): boolean {
  return direction === 'higher_is_better' ? value <= threshold : value >= threshold;
}

/** A row of a table: the cells in header order. */
export type Row = ReadonlyArray<CellValue>;

/** The outcome of judging one node on one row, without allocating (see CompiledTree.judge). */
export interface Judgement {
  state: LampState;
  /** A composite lit by a child at or past its floor (reason.code 'floor'), as a plain flag for hot loops. */
  floorHit: boolean;
  value: number | null;
  warn: number | null;
  alert: number | null;
  reason: LampReason;
}

/** A tree compiled against one table's header: columns, directions, children and reasons resolved once. */
export interface CompiledTree {
  tree: Tree;
  lampNodes: TreeNode[];
  /** The node's value on a row (a composite's computed value; null when unknown). */
  value(node: TreeNode, row: Row): number | null;
  /**
   * Judges a node on a row. The returned object is reused by the next call:
   * copy what you keep. The backtest calls this ten million times.
   */
  judge(node: TreeNode, row: Row, plan: string | null): Judgement;
  /** judge() for one node, with the node's compiled form looked up once (hot loops). */
  judger(node: TreeNode): (row: Row, plan: string | null) => Judgement;
  lamp(node: TreeNode, row: Row, plan: string | null, gated?: boolean): Lamp;
}

interface CompiledNode {
  node: TreeNode;
  column: number;
  direction: Direction;
  children: CompiledNode[];
  own: { warn: number | null; alert: number | null };
  byPlan: Map<string, { warn: number | null; alert: number | null }> | null;
  missing: LampReason;
  unknownAsChild: LampReason;
  reasons: { ok: LampReason; warn: LampReason; alert: LampReason };
}

/** A lamp from a judgement (copied: judgements are reused). */
function toLamp(node: TreeNode, j: Judgement, gated: boolean): Lamp {
  return {
    node: node.id,
    state: j.state,
    value: j.value,
    warn: j.warn,
    alert: j.alert,
    reason: j.reason,
    action: node.action ?? null,
    gated,
  };
}

/** No node gated: the lamps exactly as the contract's Lamps section. */
export const NONE_GATED: ReadonlySet<string> = new Set();

export function compileTree(tree: Tree, table: Table): CompiledTree {
  const compiled = new Map<string, CompiledNode>();
  const compile = (n: TreeNode): CompiledNode => {
    let c = compiled.get(n.id);
    if (c) return c;
    const direction = directionOf(tree, n);
    const column = n.type === 'composite' ? -1 : columnIndex(table, n.accounts_column);
    const pair = (t: Thresholds) => ({ warn: t.warn ?? null, alert: t.alert ?? null });
    c = {
      node: n,
      column,
      direction,
      children: [],
      own: pair(n),
      byPlan: n.by_plan ? new Map(Object.entries(n.by_plan).map(([plan, t]) => [plan.trim(), pair(t)])) : null,
      missing: {
        code: column < 0 && n.type !== 'composite' ? 'no_column' : 'no_value',
        column: n.accounts_column ?? n.name,
      },
      unknownAsChild: { code: 'child_unknown', child: n.name },
      reasons: {
        ok: { code: 'ok', direction },
        warn: { code: 'threshold', level: 'warn', direction },
        alert: { code: 'threshold', level: 'alert', direction },
      },
    };
    compiled.set(n.id, c);
    if (n.type === 'composite') c.children = childrenOf(tree, n.id).map(compile);
    return c;
  };
  for (const n of tree.nodes) compile(n);

  const scratch: Judgement = {
    state: 'ok',
    floorHit: false,
    value: null,
    warn: null,
    alert: null,
    reason: { code: 'ok', direction: 'higher_is_better' },
  };
  const values: number[] = [];
  /** Value of a compiled node; for composites also reports a floor hit or an unknown child through `out`. */
  const nodeValue = (
    c: CompiledNode,
    row: Row,
    out: { floor: LampReason | null; unknown: LampReason | null } | null,
    depth: number,
  ): number | null => {
    if (c.node.type !== 'composite') return c.column < 0 ? null : numberFromCell(row[c.column] ?? null);
    if (c.children.length === 0 || depth > tree.nodes.length) return null;
    let unknown = false;
    const start = values.length;
    for (const k of c.children) {
      const v = nodeValue(k, row, null, depth + 1);
      if (v === null) {
        if (out && !out.unknown) out.unknown = k.unknownAsChild;
        unknown = true;
        continue;
      }
      values.push(v);
      const floor = k.node.floor;
      if (out && !out.floor && floor !== undefined && reached(v, floor, c.direction)) {
        out.floor = { code: 'floor', child: k.node.name, value: v, floor, direction: c.direction };
      }
    }
    const vals = values.splice(start);
    return unknown
      ? null
      : combine(
          c.node,
          c.children.map((k) => k.node),
          vals,
        );
  };
  const flags = { floor: null as LampReason | null, unknown: null as LampReason | null };

  const judgeCompiled = (c: CompiledNode, row: Row, plan: string | null): Judgement => {
    // A kpi's value is its cell (read straight: the backtest judges ten million of them); a composite's, computed.
    let v: number | null;
    let floor: LampReason | null = null;
    let unknown: LampReason | null = null;
    if (c.node.type === 'composite') {
      flags.floor = null;
      flags.unknown = null;
      v = nodeValue(c, row, flags, 0);
      floor = flags.floor;
      unknown = flags.unknown;
    } else v = c.column < 0 ? null : numberFromCell(row[c.column] ?? null);
    let th = c.own;
    if (c.byPlan && plan !== null) {
      const key = plan.trim();
      if (key) th = c.byPlan.get(key) ?? c.own;
    }
    scratch.value = v;
    scratch.floorHit = floor !== null;
    scratch.warn = th.warn;
    scratch.alert = th.alert;
    if (floor) {
      scratch.state = 'alert';
      scratch.reason = floor;
    } else if (v === null) {
      scratch.state = 'unknown';
      scratch.reason = unknown ?? c.missing;
    } else if (th.alert !== null && reached(v, th.alert, c.direction)) {
      scratch.state = 'alert';
      scratch.reason = c.reasons.alert;
    } else if (th.warn !== null && reached(v, th.warn, c.direction)) {
      scratch.state = 'warn';
      scratch.reason = c.reasons.warn;
    } else {
      scratch.state = 'ok';
      scratch.reason = c.reasons.ok;
    }
    return scratch;
  };
  const judge = (node: TreeNode, row: Row, plan: string | null) =>
    judgeCompiled(compiled.get(node.id) as CompiledNode, row, plan);

  return {
    tree,
    lampNodes: treeOrder(tree).filter(isLampNode),
    value: (node, row) => nodeValue(compiled.get(node.id) as CompiledNode, row, null, 0),
    judge,
    judger(node) {
      const c = compiled.get(node.id) as CompiledNode;
      return (row, plan) => judgeCompiled(c, row, plan);
    },
    lamp: (node, row, plan, gated = false) => toLamp(node, judge(node, row, plan), gated),
  };
}

export interface AccountLamps {
  id: string;
  name: string | null;
  owner: string | null;
  plan: string | null;
  arr: number | null;
  renewal: string | null;
  /** The worst lamp that counts (gated lamps do not). */
  severity: LampState;
  /** A gated lamp of this account is on (warn or alert): it is on watch. */
  watch: boolean;
  /** Every lamp node's lamp, in tree order (made when first read). */
  readonly lamps: Lamp[];
  /** 0-based row of the account in the table (for colouring and selecting). */
  row: number;
}

const text = (v: CellValue): string | null => (v === null || v === '' ? null : String(v));

/**
 * One account's result. Every lamp is judged at once (the severity needs
 * them all), but the Lamp objects are made only when `lamps` is first read:
 * the panel and the report read them for at-risk accounts only, and
 * 100,000 accounts × 20 KPIs would otherwise make two million objects.
 */
class AccountResult implements AccountLamps {
  private made: Lamp[] | null = null;

  constructor(
    readonly id: string,
    readonly name: string | null,
    readonly owner: string | null,
    readonly plan: string | null,
    readonly arr: number | null,
    readonly renewal: string | null,
    readonly severity: LampState,
    readonly watch: boolean,
    readonly row: number,
    private readonly cells: Row,
    private readonly compiled: CompiledTree,
    private readonly gated: ReadonlySet<string>,
  ) {}

  get lamps(): Lamp[] {
    if (!this.made)
      this.made = this.compiled.lampNodes.map((n) =>
        this.compiled.lamp(n, this.cells, this.plan, this.gated.has(n.id)),
      );
    return this.made;
  }

  /** Plain data (JSON.stringify does not read getters). */
  toJSON() {
    const { id, name, owner, plan, arr, renewal, severity, watch, row, lamps } = this;
    return { id, name, owner, plan, arr, renewal, severity, watch, lamps, row };
  }
}

/** Every account judged, with what the alert budget needs. */
export interface Evaluation {
  compiled: CompiledTree;
  /** The Accounts table judged (AccountLamps.row indexes its rows). */
  table: Table;
  accounts: AccountLamps[];
  /** Per lamp node (compiled.lampNodes order): accounts whose lamp there is warn or alert, gated or not. */
  litPerNode: number[];
  /** Per lamp node: the ARR of those accounts (ARR at risk, gated lamps included). */
  arrPerNode: number[];
  /**
   * Each lamp node's value for each account, node by node (node k's values
   * at [k × accounts, (k + 1) × accounts), in account order; NaN where the
   * value is unknown). A composite's is its own computed value. Kept from
   * the judging, so the alert budget need not compute them again.
   */
  values: Float64Array;
}

/** Every account of the Accounts table against every lamp node. Rows without an id are skipped. */
export function evaluateAccounts(tree: Tree, accounts: Table, gated: ReadonlySet<string> = NONE_GATED): AccountLamps[] {
  return evaluate(tree, accounts, gated).accounts;
}

/**
 * Every account against every lamp node; a gated node's lamps count toward
 * no severity (an account whose only lit lamps are gated is ok, or unknown
 * where that is its worst counted lamp).
 */
export function evaluate(tree: Tree, accounts: Table, gated: ReadonlySet<string> = NONE_GATED): Evaluation {
  const compiled = compileTree(tree, accounts);
  const c = tree.settings.columns;
  const idx = {
    id: columnIndex(accounts, c.id),
    name: columnIndex(accounts, c.name),
    owner: columnIndex(accounts, c.owner),
    plan: columnIndex(accounts, c.plan),
    arr: columnIndex(accounts, c.arr),
    renewal: columnIndex(accounts, c.renewal),
  };
  const at = (row: CellValue[], i: number): CellValue => (i < 0 ? null : (row[i] ?? null));
  const out: AccountLamps[] = [];
  const judges = compiled.lampNodes.map((n) => compiled.judger(n));
  const isGated = compiled.lampNodes.map((n) => gated.has(n.id));
  const litPerNode = compiled.lampNodes.map(() => 0);
  const arrPerNode = compiled.lampNodes.map(() => 0);
  const rows = accounts.rows;
  // One slot per row (rows without an id stay unused), node by node.
  const stride = rows.length;
  const values = new Float64Array(stride * judges.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const id = text(at(row, idx.id));
    if (id === null) continue;
    const plan = text(at(row, idx.plan));
    const arr = numberFromCell(at(row, idx.arr));
    let severity: LampState = 'ok';
    let watch = false;
    const slot = out.length;
    for (let k = 0; k < judges.length; k++) {
      const j = judges[k](row, plan);
      const state = j.state;
      values[k * stride + slot] = j.value === null ? NaN : j.value;
      const lit = isLit(state);
      if (lit) {
        litPerNode[k]++;
        if (arr !== null) arrPerNode[k] += arr;
      }
      if (isGated[k]) watch = watch || lit;
      else if (RANK[state] > RANK[severity]) severity = state;
    }
    out.push(
      new AccountResult(
        id.trim(),
        text(at(row, idx.name)),
        text(at(row, idx.owner)),
        plan,
        arr,
        text(at(row, idx.renewal)),
        severity,
        watch,
        r,
        row,
        compiled,
        gated,
      ),
    );
  }
  // Packed: each node's values for the accounts kept, without the unused slots.
  const n = out.length;
  const packed = n === stride ? values : new Float64Array(n * judges.length);
  if (packed !== values)
    for (let k = 0; k < judges.length; k++) packed.set(values.subarray(k * stride, k * stride + n), k * n);
  return { compiled, table: accounts, accounts: out, litPerNode, arrPerNode, values: packed };
}

/** Most severe first, then ARR (largest first, unknown last), then id compared as text. */
export function compareAccounts(a: AccountLamps, b: AccountLamps): number {
  const s = RANK[b.severity] - RANK[a.severity];
  if (s) return s;
  const arrA = a.arr ?? -Infinity;
  const arrB = b.arr ?? -Infinity;
  if (arrA !== arrB) return arrB > arrA ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
