/**
 * The playground page's grid: column widths and headers, the rows in view
 * (only those, on a long sheet), each cell as Sheets shows it (numbers,
 * formulas computed, spills, errors, KPI Lamp's conditional formats), the
 * selection painted, and the formula bar. Every text from the workbook
 * enters the DOM as text.
 */
import type { GridCell } from '../formulas';
import { $, ALL_ROWS_UP_TO, BUFFER_ROWS, noteText, S, tr } from './page-state';
import { inSel, letter, selA1 } from './selection';

export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) > 0x2e80 ? 13 : 7.6;
  return w;
}

export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-6 || a >= 1e15))
    return v
      .toExponential(4)
      .replace(/\.?0+e/, 'E')
      .replace('e', 'E');
  const digits = a >= 1 ? Math.floor(Math.log10(a)) + 1 : 0;
  return String(Number(v.toFixed(Math.min(6, Math.max(0, 10 - digits)))));
}

export interface CellLook {
  text: string;
  cls: string[];
  title: string | null;
}

export function look(cell: GridCell | null): CellLook {
  if (!cell) return { text: '', cls: [], title: null };
  const cls: string[] = [];
  let text: string;
  const v = cell.v;
  if (typeof v === 'number') {
    text = formatNumber(v);
    cls.push('pg-num');
  } else if (typeof v === 'boolean') {
    text = v ? 'TRUE' : 'FALSE';
    cls.push('pg-bool');
  } else text = v === null ? '' : String(v);
  let title: string | null = null;
  switch (cell.k) {
    case 'f':
      cls.push('pg-f');
      title = tr('playground.cell.computed', { formula: cell.f ?? '' });
      break;
    case 's':
      cls.push('pg-s');
      title = tr('playground.cell.spilled', { cell: cell.at ?? '', formula: cell.f ?? '' });
      break;
    case 'e':
      cls.push('pg-e');
      title = cell.n ? noteText(cell.n) : text;
      break;
    case 'u':
    case 'c':
      cls.push('pg-u');
      title = cell.n ? noteText(cell.n) : tr('playground.cell.formula', { formula: cell.f ?? '' });
      break;
    default:
      if (typeof v === 'number' && formatNumber(v) !== String(v)) title = String(v);
  }
  return { text, cls, title };
}

/** Sizes the grid for the current sheet: rows and columns shown, column widths. */
export function layout(): void {
  const view = S.view;
  if (!view) return;
  S.totalRows = Math.max(view.rows + 20, 50);
  S.totalCols = Math.min(Math.max(view.columns + 3, 12), 200);
  S.widths = [];
  for (let c = 0; c < S.totalCols; c++) {
    let w = 0;
    for (let r = 0; r < Math.min(view.cells.length, 400); r++)
      w = Math.max(w, textWidth(look(view.cells[r]?.[c] ?? null).text));
    S.widths.push(Math.min(260, Math.max(72, Math.ceil(w + 20))));
  }
  const cols = $('cols');
  const colEls: HTMLElement[] = [];
  const rowHead = document.createElement('col');
  rowHead.style.width = `${Math.max(46, textWidth(String(S.totalRows)) + 18)}px`;
  colEls.push(rowHead);
  for (const w of S.widths) {
    const col = document.createElement('col');
    col.style.width = `${w}px`;
    colEls.push(col);
  }
  cols.replaceChildren(...colEls);
  const table = $('grid');
  table.style.width = `${colEls.reduce((a, c) => a + parseFloat(c.style.width), 0)}px`;
  const headRow = document.createElement('tr');
  const corner = document.createElement('th');
  corner.className = 'pg-corner';
  headRow.append(corner);
  for (let c = 1; c <= S.totalCols; c++) {
    const th = document.createElement('th');
    th.textContent = letter(c);
    th.dataset.col = String(c);
    headRow.append(th);
  }
  $('ghead').replaceChildren(headRow);
}

/** Builds the rows in view; when the same rows of the same data in the same language are there, only repaints the selection. */
export function renderRows(force = false): void {
  const view = S.view;
  const body = $('gbody');
  if (!view) {
    body.replaceChildren();
    S.rendered = '';
    return;
  }
  const wrap = $('gridwrap');
  const virtual = S.totalRows > ALL_ROWS_UP_TO;
  const first = virtual ? Math.max(0, Math.floor(wrap.scrollTop / S.pitch) - BUFFER_ROWS) : 0;
  const count = Math.ceil((wrap.clientHeight || 600) / S.pitch) + 2 * BUFFER_ROWS;
  const last = virtual ? Math.min(S.totalRows, first + count) : S.totalRows;
  const key = `${S.viewSeq}:${first}:${last}:${S.lang}`;
  if (!force && key === S.rendered) {
    paintSelection();
    return;
  }
  S.rendered = key;
  const rows: HTMLElement[] = [];
  const spacer = (h: number) => {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = S.totalCols + 1;
    td.className = 'pg-spacer';
    td.style.height = `${h}px`;
    td.style.padding = '0';
    td.style.border = '0';
    tr.append(td);
    return tr;
  };
  const fills = new Map((view.fills ?? []).map((f) => [f.row, f]));
  if (first > 0) rows.push(spacer(first * S.pitch));
  for (let r = first + 1; r <= last; r++) {
    const tr = document.createElement('tr');
    if (r === 1) tr.className = 'pg-header-row';
    const th = document.createElement('th');
    th.textContent = String(r);
    th.dataset.row = String(r);
    tr.append(th);
    const line = view.cells[r - 1] ?? [];
    const fill = fills.get(r);
    for (let c = 1; c <= S.totalCols; c++) {
      const td = document.createElement('td');
      const l = look(line[c - 1] ?? null);
      td.textContent = l.text;
      if (fill && c >= fill.c1 && c <= fill.c2) {
        // A conditional format of KPI Lamp's (its colour is drawn under the selection's).
        l.cls.push('pg-cf');
        td.style.setProperty('--pg-cf', fill.background);
        td.dataset.fill = fill.background;
      }
      if (l.cls.length) td.className = l.cls.join(' ');
      if (l.title !== null) td.title = l.title;
      td.dataset.r = String(r);
      td.dataset.c = String(c);
      td.dataset.a1 = `${letter(c)}${r}`;
      tr.append(td);
    }
    rows.push(tr);
  }
  if (last < S.totalRows) rows.push(spacer((S.totalRows - last) * S.pitch));
  body.replaceChildren(...rows);
  S.first = first;
  paintSelection();
  const sample =
    body.querySelector<HTMLElement>('tr:not(:first-child) td:not(.pg-spacer)') ??
    body.querySelector<HTMLElement>('td:not(.pg-spacer)');
  const h = sample?.parentElement?.getBoundingClientRect().height;
  if (virtual && h && Math.abs(h - S.pitch) > 0.5) {
    S.pitch = h;
    renderRows(true);
  }
}

/** Marks the selection on the rows in the DOM (without rebuilding them). */
export function paintSelection(): void {
  const sel = S.sel;
  for (const th of Array.from($('ghead').querySelectorAll<HTMLElement>('th[data-col]'))) {
    const c = Number(th.dataset.col);
    th.classList.toggle('pg-hl', !!sel && (sel.kind === 'rows' || (c >= sel.c1 && c <= sel.c2)));
  }
  for (const th of Array.from($('gbody').querySelectorAll<HTMLElement>('th[data-row]'))) {
    const r = Number(th.dataset.row);
    th.classList.toggle('pg-hl', !!sel && (sel.kind === 'cols' || (r >= sel.r1 && r <= sel.r2)));
  }
  for (const td of Array.from($('gbody').querySelectorAll<HTMLElement>('td[data-r]'))) {
    const r = Number(td.dataset.r);
    const c = Number(td.dataset.c);
    td.classList.toggle('pg-sel', inSel(r, c));
    td.classList.toggle('pg-anchor', !!S.anchor && S.anchor.r === r && S.anchor.c === c);
  }
}

export function renderFormulaBar(): void {
  const sel = S.sel;
  $('namebox').textContent = sel ? selA1(sel) : '';
  const a = S.anchor;
  const cell = a && S.view ? (S.view.cells[a.r - 1]?.[a.c - 1] ?? null) : null;
  let text = '';
  if (cell) {
    if (cell.f && cell.k !== 's') text = cell.f;
    else text = look(cell).text;
  }
  $('fbar').textContent = text;
}

/** Scrolls the grid so that the selection's first row is in view. */
export function revealSelection(): void {
  if (!S.sel) return;
  const wrap = $('gridwrap');
  const top = (S.sel.r1 - 1) * S.pitch;
  if (top < wrap.scrollTop || top > wrap.scrollTop + wrap.clientHeight - 3 * S.pitch)
    wrap.scrollTop = Math.max(0, top - 3 * S.pitch);
}
