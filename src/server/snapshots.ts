/**
 * The month's rows the run appends to Snapshots (the first run of a month),
 * each value in the type it has: what is copied from Accounts keeps its type
 * (a date cell stays a date, text stays text, numbers and booleans theirs);
 * the month takes the type the column's existing rows have (a date — the
 * 1st of the month — when the latest month is a date, else text
 * "yyyy-mm"); churned is FALSE. Pure over SheetTables.
 */
import { columnIndex } from '../core/table';
import { dateCells, type SheetTable, type WriteValue } from '../ports/workbook';

export interface SnapshotColumns {
  id: string;
  month: string;
  churned: string;
}

/** Whether the month column holds dates: the type of its latest non-blank cell. */
export function monthsAreDates(snaps: SheetTable, monthColumn: number): boolean {
  const isDate = dateCells(snaps);
  for (let r = snaps.rows.length - 1; r >= 0; r--) if (snaps.rows[r][monthColumn] !== null) return isDate(r, monthColumn);
  return false;
}

/** One row per account with an id, in Snapshots' column order; `skip` is a column of Accounts never copied (0-based, -1 none). */
export function snapshotRows(accounts: SheetTable, snaps: SheetTable, cols: SnapshotColumns, month: string, skip: number): WriteValue[][] {
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
