/**
 * Snapshots, the history the backtest reads: the header of a Snapshots
 * sheet the run starts where there is none, and the month's rows the run
 * appends to it (the first run of a month),
 * each value in the type it has: what is copied from Accounts keeps its type
 * (a date cell stays a date, text stays text, numbers and booleans theirs);
 * the month takes the type the column's existing rows have (a date — the
 * 1st of the month — when the latest month is a date, else text
 * "yyyy-mm"); churned is FALSE. Pure over SheetTables.
 */
import { columnIndex } from '../core/table';
import type { Tree } from '../core/tree/types';
import { dateCells, type SheetTable, type WriteValue } from '../ports/workbook';

/**
 * The columns of a Snapshots sheet the run starts: the month, the account id,
 * the plan and ARR where Accounts has them (by_plan thresholds and ARR at
 * risk read them), every Accounts column a node of the tree binds (the
 * lamps' values, and their monthly series where History lacks one), and
 * churned last (TRUE, typed by the team, in the month an account leaves).
 * Only columns Accounts has are named, each once, never the lamp column
 * (`skip`, 0-based, -1 none). No MRR column: the tree binds none and
 * Accounts has none in the sample; a team that adds an mrr column to both
 * sheets gets it copied every month (the run copies every Snapshots column
 * Accounts has, by header).
 */
export function snapshotsHeader(tree: Tree, accounts: SheetTable, skip: number): string[] {
  const c = tree.settings.columns;
  const has = (h: string) => {
    const i = columnIndex(accounts, h);
    return i >= 0 && i !== skip;
  };
  const out = [c.month, c.id];
  const add = (h: string | undefined) => {
    if (h && has(h) && !out.includes(h) && h !== c.churned) out.push(h);
  };
  add(c.plan);
  add(c.arr);
  for (const n of tree.nodes) add(n.accounts_column);
  out.push(c.churned);
  return out;
}

export interface SnapshotColumns {
  id: string;
  month: string;
  churned: string;
}

/** Whether the month column holds dates: the type of its latest non-blank cell. */
export function monthsAreDates(snaps: SheetTable, monthColumn: number): boolean {
  const isDate = dateCells(snaps);
  for (let r = snaps.rows.length - 1; r >= 0; r--)
    if (snaps.rows[r][monthColumn] !== null) return isDate(r, monthColumn);
  return false;
}

/** One row per account with an id, in Snapshots' column order; `skip` is a column of Accounts never copied (0-based, -1 none). */
export function snapshotRows(
  accounts: SheetTable,
  snaps: SheetTable,
  cols: SnapshotColumns,
  month: string,
  skip: number,
): WriteValue[][] {
  const mi = columnIndex(snaps, cols.month);
  const monthValue: WriteValue = mi >= 0 && monthsAreDates(snaps, mi) ? { date: `${month}-01` } : month;
  const from = snaps.header.map((h) => columnIndex(accounts, h));
  const idCol = columnIndex(accounts, cols.id);
  const isDate = dateCells(accounts);
  const rows: WriteValue[][] = [];
  accounts.rows.forEach((r, ri) => {
    if (r[idCol] === null) return;
    rows.push(
      snaps.header.map((h, i): WriteValue => {
        if (h.trim() === cols.month) return monthValue;
        if (h.trim() === cols.churned) return false;
        const c = from[i];
        if (c < 0 || c === skip) return null;
        const v = r[c] ?? null;
        return typeof v === 'string' && isDate(ri, c) ? { date: v } : v;
      }),
    );
  });
  return rows;
}
