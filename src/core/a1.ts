/**
 * A1 notation, read in one place: column letters to numbers, a cell's
 * address, and the ranges the playground's formulas, its server and its
 * page pass around ("B2", "B2:C9", "B:B", "2:4", with or without "$").
 * Writing column letters is core/table.ts columnLetter. Pure.
 */
import { columnLetter } from './table';

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/** A range within a sheet, 1-based and inclusive; rows2/columns2 null for whole columns/rows. */
export interface Area {
  row1: number;
  column1: number;
  row2: number | null;
  column2: number | null;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;
const COLS = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/;
const ROWS = /^\$?(\d+):\$?(\d+)$/;

/** "B2", "B2:C9", "B:B", "2:4" → an Area (corners ordered), or null. */
export function parseArea(text: string): Area | null {
  const parts = text.split(':');
  if (parts.length === 1 || (parts.length === 2 && CELL.test(parts[0]) && CELL.test(parts[1]))) {
    const cells = parts.map((p) => CELL.exec(p));
    if (cells.some((m) => !m)) return null;
    // One cell, or two corners.
    const [r1, r2 = r1] = cells.map((m) => Number(m![2]));
    const [c1, c2 = c1] = cells.map((m) => columnNumber(m![1]));
    if (r1 < 1 || r2 < 1) return null;
    return { row1: Math.min(r1, r2), row2: Math.max(r1, r2), column1: Math.min(c1, c2), column2: Math.max(c1, c2) };
  }
  let m = COLS.exec(text);
  if (m) {
    const [c1, c2] = [columnNumber(m[1]), columnNumber(m[2])].sort((a, b) => a - b);
    return { row1: 1, row2: null, column1: c1, column2: c2 };
  }
  m = ROWS.exec(text);
  if (m) {
    const [r1, r2] = [Number(m[1]), Number(m[2])].sort((a, b) => a - b);
    if (r1 < 1) return null;
    return { row1: r1, row2: r2, column1: 1, column2: null };
  }
  return null;
}
