/**
 * How much history the backtest has, and when it will have enough. A lamp
 * is backtested on the account-months m of Snapshots whose months m+1 … m+h
 * all lie inside the sheet's month range (the contract, with h the tree's
 * horizon_months): with fewer than h + 1 months there is no such month, and
 * every lamp stays unproven whatever it does. Enough months is where proof
 * can start, not proof: it also takes accounts that churned with the lamp on.
 */
import { columnIndex, monthFromIndex, monthIndex, monthKey, type CellValue, type Table } from '../table';
import type { Tree } from '../tree/types';

export interface SnapshotHistory {
  /** The Snapshots sheet (by the tree's settings) exists. */
  exists: boolean;
  /** Distinct months with at least one row (months read as the contract reads them). */
  months: number;
  /** Earliest and latest month, yyyy-mm; null without any. */
  first: string | null;
  last: string | null;
  /** The months the range spans, first to last (gaps included): what the backtest's windows count on. */
  span: number;
  /** The tree's horizon_months. */
  horizon: number;
  /** The months the backtest needs at least: horizon + 1. */
  needed: number;
  /** The month whose rows bring the span to `needed` (a month added each month); null once there or without any month. */
  ready: string | null;
}

export function snapshotHistory(tree: Tree, snapshots: Table | null): SnapshotHistory {
  const horizon = tree.settings.horizon_months;
  const needed = horizon + 1;
  const out: SnapshotHistory = {
    exists: snapshots !== null,
    months: 0,
    first: null,
    last: null,
    span: 0,
    horizon,
    needed,
    ready: null,
  };
  if (!snapshots) return out;
  const mi = columnIndex(snapshots, tree.settings.columns.month);
  if (mi < 0) return out;
  // A few dozen distinct cells repeated over many rows: each read once.
  const seen = new Map<CellValue, number>();
  const months = new Set<number>();
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of snapshots.rows) {
    const cell = row[mi];
    let m = seen.get(cell);
    if (m === undefined) {
      const key = monthKey(cell);
      m = key === null ? -1 : monthIndex(key);
      seen.set(cell, m);
    }
    if (m < 0) continue;
    months.add(m);
    if (m < lo) lo = m;
    if (m > hi) hi = m;
  }
  if (months.size === 0) return out;
  out.months = months.size;
  out.first = monthFromIndex(lo);
  out.last = monthFromIndex(hi);
  out.span = hi - lo + 1;
  out.ready = out.span >= needed ? null : monthFromIndex(lo + needed - 1);
  return out;
}
