/**
 * The playground page's selection in A1 notation (what the page tells the
 * server, and reads back when the sidebar selects): a cell, a block, whole
 * columns or rows; the cell under the mouse; a block stretched to a cell.
 */
import { parseArea } from '../../core/a1';
import { columnLetter } from '../../core/table';
import { S, type Sel } from './page-state';

export const letter = columnLetter;

export function selA1(s: Sel): string {
  if (s.kind === 'cols') return `${letter(s.c1)}:${letter(s.c2)}`;
  if (s.kind === 'rows') return `${s.r1}:${s.r2}`;
  const a = `${letter(s.c1)}${s.r1}`;
  return s.r1 === s.r2 && s.c1 === s.c2 ? a : `${a}:${letter(s.c2)}${s.r2}`;
}

/** A cell or a block of cells ("B2", "$B$2:C9"); whole columns or rows are not read back. */
export function parseA1(text: string): Sel | null {
  const area = parseArea(text);
  if (!area || area.row2 === null || area.column2 === null) return null;
  return { r1: area.row1, c1: area.column1, r2: area.row2, c2: area.column2, kind: 'cells' };
}

export function inSel(r: number, c: number): boolean {
  const s = S.sel;
  if (!s) return false;
  if (s.kind === 'cols') return c >= s.c1 && c <= s.c2;
  if (s.kind === 'rows') return r >= s.r1 && r <= s.r2;
  return r >= s.r1 && r <= s.r2 && c >= s.c1 && c <= s.c2;
}

export function cellAt(target: EventTarget | null): { r: number; c: number } | null {
  const td = (target as HTMLElement | null)?.closest?.('td[data-r]') as HTMLElement | null;
  return td ? { r: Number(td.dataset.r), c: Number(td.dataset.c) } : null;
}

export function extendTo(p: { r: number; c: number }): void {
  const a = S.anchor ?? p;
  S.sel = {
    r1: Math.min(a.r, p.r),
    c1: Math.min(a.c, p.c),
    r2: Math.max(a.r, p.r),
    c2: Math.max(a.c, p.c),
    kind: 'cells',
  };
}
