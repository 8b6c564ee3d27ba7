/**
 * Lamps: each account row against each lamp node (a kpi or composite with
 * warn or alert), exactly as the contract's "Lamps" section says. Pure: the
 * same code serves the sidebar, the trigger, the playground, the command
 * line and the backtest.
 */
import { CellValue, columnIndex, numberFromCell, Table } from '../table';
import { combine } from '../tree/series';
import { childrenOf, directionOf, isLampNode, treeOrder } from '../tree/structure';
import { Direction, Thresholds, Tree, TreeNode } from '../tree/types';

export type LampState = 'ok' | 'warn' | 'alert' | 'unknown';

/** Why a lamp is in its state, for a person to read (rendered by src/i18n). */
export type LampReason =
  | { code: 'no_column'; column: string }
  | { code: 'no_value'; column: string }
  | { code: 'child_unknown'; child: string }
  | { code: 'floor'; child: string; value: number; floor: number; direction: Direction }
  | { code: 'threshold'; level: 'warn' | 'alert'; value: number; threshold: number; direction: Direction }
  | { code: 'ok'; value: number; direction: Direction; threshold: number | null };

export interface Lamp {
  node: string;
  state: LampState;
  value: number | null;
  warn: number | null;
  alert: number | null;
  reason: LampReason;
  action: string | null;
}

const RANK: Record<LampState, number> = { ok: 0, unknown: 1, warn: 2, alert: 3 };

/** alert > warn > unknown > ok. */
export function worse(a: LampState, b: LampState): LampState {
  return RANK[a] >= RANK[b] ? a : b;
}

export function severityRank(s: LampState): number {
  return RANK[s];
}

/** Reads a row's cells by column; a compiled tree resolves column names once. */
export type RowReader = (column: number) => CellValue;

/** "At or past" a threshold in a direction. */
export function reached(value: number, threshold: number, direction: Direction): boolean {
  return direction === 'higher_is_better' ? value <= threshold : value >= threshold;
}

/** The thresholds for an account's plan: a by_plan entry replaces both; a blank plan uses the node's own. */
export function thresholdsFor(node: TreeNode, plan: string | null): Thresholds {
  const key = plan === null ? '' : plan.trim();
  if (key && node.by_plan && Object.prototype.hasOwnProperty.call(node.by_plan, key)) return node.by_plan[key];
  return { warn: node.warn, alert: node.alert };
}

interface NodeResult {
  value: number | null;
  /** A child at or past its floor (composites only). */
  floorHit: { child: TreeNode; value: number; floor: number } | null;
  unknownChild: TreeNode | null;
  missingColumn: boolean;
}

/** A tree compiled against one table's header: column indices resolved once. */
export interface CompiledTree {
  tree: Tree;
  lampNodes: TreeNode[];
  value(node: TreeNode, row: RowReader): NodeResult;
  lamp(node: TreeNode, row: RowReader, plan: string | null): Lamp;
}

export function compileTree(tree: Tree, table: Table): CompiledTree {
  const columnOf = new Map<string, number>();
  for (const n of tree.nodes) if (n.accounts_column) columnOf.set(n.id, columnIndex(table, n.accounts_column));
  const dir = new Map<string, Direction>(tree.nodes.map((n) => [n.id, directionOf(tree, n)]));
  const kids = new Map<string, TreeNode[]>(tree.nodes.map((n) => [n.id, childrenOf(tree, n.id)]));

  const value = (node: TreeNode, row: RowReader, depth = 0): NodeResult => {
    if (node.type === 'composite') {
      const children = kids.get(node.id) as TreeNode[];
      let floorHit: NodeResult['floorHit'] = null;
      let unknownChild: TreeNode | null = null;
      const values: number[] = [];
      const d = dir.get(node.id) as Direction;
      for (const c of children) {
        const r = depth > tree.nodes.length ? null : value(c, row, depth + 1);
        const v = r ? r.value : null;
        if (v === null) {
          if (!unknownChild) unknownChild = c;
          continue;
        }
        values.push(v);
        if (!floorHit && c.floor !== undefined && reached(v, c.floor, d)) floorHit = { child: c, value: v, floor: c.floor };
      }
      if (children.length === 0) return { value: null, floorHit: null, unknownChild: null, missingColumn: true };
      return { value: unknownChild ? null : combine(node, children, values), floorHit, unknownChild, missingColumn: false };
    }
    const col = columnOf.get(node.id) ?? -1;
    if (col < 0) return { value: null, floorHit: null, unknownChild: null, missingColumn: true };
    return { value: numberFromCell(row(col)), floorHit: null, unknownChild: null, missingColumn: false };
  };

  const lamp = (node: TreeNode, row: RowReader, plan: string | null): Lamp => {
    const r = value(node, row);
    const th = thresholdsFor(node, plan);
    const warn = th.warn ?? null;
    const alert = th.alert ?? null;
    const d = dir.get(node.id) as Direction;
    const base = { node: node.id, value: r.value, warn, alert, action: node.action ?? null };
    if (r.floorHit) {
      const { child, value: v, floor } = r.floorHit;
      return { ...base, state: 'alert', reason: { code: 'floor', child: child.name, value: v, floor, direction: d } };
    }
    if (r.value === null) {
      const reason: LampReason = r.unknownChild
        ? { code: 'child_unknown', child: r.unknownChild.name }
        : { code: r.missingColumn ? 'no_column' : 'no_value', column: node.accounts_column ?? node.name };
      return { ...base, state: 'unknown', reason };
    }
    if (alert !== null && reached(r.value, alert, d)) {
      return { ...base, state: 'alert', reason: { code: 'threshold', level: 'alert', value: r.value, threshold: alert, direction: d } };
    }
    if (warn !== null && reached(r.value, warn, d)) {
      return { ...base, state: 'warn', reason: { code: 'threshold', level: 'warn', value: r.value, threshold: warn, direction: d } };
    }
    return { ...base, state: 'ok', reason: { code: 'ok', value: r.value, direction: d, threshold: warn ?? alert } };
  };

  return { tree, lampNodes: treeOrder(tree).filter(isLampNode), value, lamp };
}

export interface AccountLamps {
  id: string;
  name: string | null;
  owner: string | null;
  plan: string | null;
  arr: number | null;
  renewal: string | null;
  severity: LampState;
  lamps: Lamp[];
  /** 0-based row of the account in the table (for colouring and selecting). */
  row: number;
}

const text = (v: CellValue): string | null => (v === null || v === '' ? null : String(v));

/** Every account of the Accounts table against every lamp node. Rows without an id are skipped. */
export function evaluateAccounts(tree: Tree, accounts: Table): AccountLamps[] {
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
  const at = (row: CellValue[], i: number): CellValue => (i < 0 ? null : row[i] ?? null);
  const out: AccountLamps[] = [];
  accounts.rows.forEach((row, r) => {
    const id = text(at(row, idx.id));
    if (id === null) return;
    const plan = text(at(row, idx.plan));
    const read: RowReader = (col) => row[col] ?? null;
    let severity: LampState = 'ok';
    const lamps = compiled.lampNodes.map((n) => {
      const l = compiled.lamp(n, read, plan);
      severity = worse(severity, l.state);
      return l;
    });
    out.push({
      id: id.trim(),
      name: text(at(row, idx.name)),
      owner: text(at(row, idx.owner)),
      plan,
      arr: numberFromCell(at(row, idx.arr)),
      renewal: text(at(row, idx.renewal)),
      severity,
      lamps,
      row: r,
    });
  });
  return out;
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
