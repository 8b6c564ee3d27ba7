/**
 * The playground page: the workbook as a grid with sheet tabs (formula cells
 * as the built dist/Code.js computes them), a formula bar, and the real
 * sidebar in an iframe. Selecting cells tells the server, where the sidebar's
 * API sees it as the active range; a sheet the sidebar activates shows here.
 *
 * Plain DOM. Every text from the workbook enters the DOM as text
 * (textContent, title), never as HTML. Only the rows in view are in the DOM.
 */
import { parseArea } from '../../core/a1';
import { columnLetter } from '../../core/table';
import { isLang, pickLang, t, type Lang, type MessageKey, type MessageParams } from '../../i18n/messages';
import type { GridCell, Note } from '../formulas';
import './dialog';

interface PageError {
  key?: MessageKey;
  params?: MessageParams;
  text?: string;
  message: string;
}
interface ServerState {
  ok: boolean;
  error: PageError | null;
  workbook: string;
  sheets: string[];
  active: { sheet: string; a1: string } | null;
  functions: string[];
  /** Bumped by every change the sidebar's API makes (a run writes the lamp column, the state, the log). */
  version?: number;
  /** The language chosen (the sidebar's switch, this page's, or `npm start -- --lang`); null before anyone chose. */
  lang?: Lang | null;
}
interface SheetView {
  name: string;
  rows: number;
  columns: number;
  formulas: boolean;
  cells: (GridCell | null)[][];
  /** KPI Lamp's conditional-format rules, drawn per row (server.ts conditionalFills). */
  fills?: { row: number; c1: number; c2: number; background: string }[];
}
/** 1-based, inclusive; whole columns or rows when `kind` says so. */
interface Sel {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
  kind: 'cells' | 'cols' | 'rows';
}

const LANG_STORE = 'kpi-lamp.playground.lang';
const BUFFER_ROWS = 12;
/** Sheets up to this many rows are all in the DOM; longer ones only the rows in view (and a few more). */
const ALL_ROWS_UP_TO = 1000;

const params = new URLSearchParams(location.search);
const S = {
  lang: initialLang(),
  server: null as ServerState | null,
  sheet: null as string | null,
  view: null as SheetView | null,
  /** Why the current sheet is not shown (a missing sheet, a failed read). */
  sheetError: null as PageError | null,
  banner: null as { title: MessageKey; error: PageError; hint?: MessageKey } | null,
  sel: null as Sel | null,
  anchor: null as { r: number; c: number } | null,
  dragging: false,
  selectSeq: 0,
  totalRows: 0,
  totalCols: 0,
  widths: [] as number[],
  pitch: 21,
  /** The first row in the DOM (0-based), -1 before any. */
  first: -1,
  /** Bumped for every sheet view loaded. */
  viewSeq: 0,
  /** What the rows in the DOM show (view, window, language). */
  rendered: '',
  /** The workbook's version the shown sheet was loaded at. */
  version: -1,
};

/** A language someone chose on this browser: the address's ?lang=, else the last click of a switch here; null: none. */
function chosenHere(): Lang | null {
  const q = params.get('lang');
  if (isLang(q)) return q;
  try {
    const stored = localStorage.getItem(LANG_STORE);
    if (isLang(stored)) return stored;
  } catch {
    // storage blocked: fine
  }
  return null;
}

/** Before the server answers: a choice made here, else the browser's language. */
function initialLang(): Lang {
  return chosenHere() ?? pickLang(navigator.language);
}

const tr = (key: MessageKey, p?: MessageParams) => t(S.lang, key, p);
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function noteText(n: Note | PageError): string {
  if ('key' in n && n.key) return t(S.lang, n.key, (n as { params?: MessageParams }).params);
  if ('text' in n && typeof n.text === 'string') return n.text;
  return (n as PageError).message ?? '';
}

// ---- A1 ---------------------------------------------------------------------

const letter = columnLetter;

function selA1(s: Sel): string {
  if (s.kind === 'cols') return `${letter(s.c1)}:${letter(s.c2)}`;
  if (s.kind === 'rows') return `${s.r1}:${s.r2}`;
  const a = `${letter(s.c1)}${s.r1}`;
  return s.r1 === s.r2 && s.c1 === s.c2 ? a : `${a}:${letter(s.c2)}${s.r2}`;
}

/** A cell or a block of cells ("B2", "$B$2:C9"); whole columns or rows are not read back. */
function parseA1(text: string): Sel | null {
  const area = parseArea(text);
  if (!area || area.row2 === null || area.column2 === null) return null;
  return { r1: area.row1, c1: area.column1, r2: area.row2, c2: area.column2, kind: 'cells' };
}

function inSel(r: number, c: number): boolean {
  const s = S.sel;
  if (!s) return false;
  if (s.kind === 'cols') return c >= s.c1 && c <= s.c2;
  if (s.kind === 'rows') return r >= s.r1 && r <= s.r2;
  return r >= s.r1 && r <= s.r2 && c >= s.c1 && c <= s.c2;
}

// ---- server ---------------------------------------------------------------------

async function getJson<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as T };
}

function networkError(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  S.banner = { title: 'playground.error.title', error: { key: 'playground.error.network', params: { message }, message } };
  renderBanner();
}

async function loadSheet(name: string, keepScroll = false): Promise<void> {
  S.sheet = name;
  try {
    const { body } = await getJson<SheetView & { ok: boolean; error?: PageError }>(`/api/sheet?name=${encodeURIComponent(name)}`);
    if (S.sheet !== name) return;
    if (!body.ok) {
      S.view = null;
      S.sheetError = body.error ?? { message: 'error' };
    } else {
      S.view = body;
      S.sheetError = null;
    }
    S.viewSeq++;
  } catch (e) {
    networkError(e);
    return;
  }
  const top = $('gridwrap').scrollTop;
  layout();
  renderAll();
  $('gridwrap').scrollTop = keepScroll ? top : 0;
}

/** Scrolls the grid so that the selection's first row is in view. */
function revealSelection(): void {
  if (!S.sel) return;
  const wrap = $('gridwrap');
  const top = (S.sel.r1 - 1) * S.pitch;
  if (top < wrap.scrollTop || top > wrap.scrollTop + wrap.clientHeight - 3 * S.pitch) wrap.scrollTop = Math.max(0, top - 3 * S.pitch);
}

async function commitSelection(): Promise<void> {
  if (!S.sheet || !S.sel || !S.view) return;
  const seq = ++S.selectSeq;
  try {
    await getJson('/api/select', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sheet: S.sheet, a1: selA1(S.sel) }),
    });
  } catch (e) {
    if (seq === S.selectSeq) networkError(e);
  }
}

async function switchSheet(name: string): Promise<void> {
  S.sel = { r1: 1, c1: 1, r2: 1, c2: 1, kind: 'cells' };
  S.anchor = { r: 1, c: 1 };
  const url = new URL(location.href);
  url.searchParams.set('sheet', name);
  history.replaceState(null, '', url.toString());
  await loadSheet(name);
  await commitSelection();
}

/** Follows what the script does (the sidebar can activate a sheet). */
async function follow(): Promise<void> {
  if (!S.server?.ok || S.dragging) return;
  const seq = S.selectSeq;
  try {
    const { body } = await getJson<ServerState>('/api/state');
    if (seq !== S.selectSeq || S.dragging || !body.active) return;
    const changed = body.version !== undefined && body.version !== S.version;
    if (body.version !== undefined) S.version = body.version;
    if (changed && S.server && body.sheets.join('\u0000') !== S.server.sheets.join('\u0000')) {
      S.server.sheets = body.sheets;
      renderTabs();
    }
    if (body.active.sheet !== S.sheet && !S.sheetError) {
      S.sel = parseA1(body.active.a1) ?? S.sel;
      if (S.sel) S.anchor = { r: S.sel.r1, c: S.sel.c1 };
      await loadSheet(body.active.sheet);
      revealSelection();
      renderRows();
    } else {
      // The sidebar changed the workbook (a run, 対応中): show the sheet as it is now.
      if (changed && S.sheet !== null && !S.sheetError) await loadSheet(S.sheet, true);
      if (S.sel && body.active.sheet === S.sheet && body.active.a1 !== selA1(S.sel)) {
        const sel = parseA1(body.active.a1);
        if (sel) {
          S.sel = sel;
          S.anchor = { r: sel.r1, c: sel.c1 };
          revealSelection();
          renderRows();
          paintSelection();
          renderFormulaBar();
        }
      }
    }
  } catch {
    // the next round will tell
  }
}

// ---- layout and rendering -----------------------------------------------------------

function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) > 0x2e80 ? 13 : 7.6;
  return w;
}

function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-6 || a >= 1e15)) return v.toExponential(4).replace(/\.?0+e/, 'E').replace('e', 'E');
  const digits = a >= 1 ? Math.floor(Math.log10(a)) + 1 : 0;
  return String(Number(v.toFixed(Math.min(6, Math.max(0, 10 - digits)))));
}

interface CellLook {
  text: string;
  cls: string[];
  title: string | null;
}

function look(cell: GridCell | null): CellLook {
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
function layout(): void {
  const view = S.view;
  if (!view) return;
  S.totalRows = Math.max(view.rows + 20, 50);
  S.totalCols = Math.min(Math.max(view.columns + 3, 12), 200);
  S.widths = [];
  for (let c = 0; c < S.totalCols; c++) {
    let w = 0;
    for (let r = 0; r < Math.min(view.cells.length, 400); r++) w = Math.max(w, textWidth(look(view.cells[r]?.[c] ?? null).text));
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
function renderRows(force = false): void {
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
  const sample = body.querySelector<HTMLElement>('tr:not(:first-child) td:not(.pg-spacer)') ?? body.querySelector<HTMLElement>('td:not(.pg-spacer)');
  const h = sample?.parentElement?.getBoundingClientRect().height;
  if (virtual && h && Math.abs(h - S.pitch) > 0.5) {
    S.pitch = h;
    renderRows(true);
  }
}

/** Marks the selection on the rows in the DOM (without rebuilding them). */
function paintSelection(): void {
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

function renderFormulaBar(): void {
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

function renderTabs(): void {
  const tabs = $('tabs');
  tabs.setAttribute('aria-label', tr('playground.sheet_tabs'));
  tabs.setAttribute('role', 'tablist');
  const sheets = S.server?.sheets ?? [];
  tabs.replaceChildren(
    ...sheets.map((name) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = name;
      b.dataset.sheet = name;
      b.setAttribute('role', 'tab');
      b.setAttribute('aria-selected', String(name === S.sheet));
      return b;
    }),
  );
}

function renderSheetMessage(): void {
  const msg = $('sheet-message');
  const grid = $('grid');
  if (S.sheetError) {
    msg.hidden = false;
    msg.setAttribute('role', 'alert');
    msg.textContent = `${tr('playground.error.sheet_title')}: ${noteText(S.sheetError)}`;
    grid.hidden = true;
  } else if (S.view && S.view.rows === 0) {
    msg.hidden = false;
    msg.removeAttribute('role');
    msg.textContent = tr('playground.sheet_empty');
    grid.hidden = false;
  } else {
    msg.hidden = true;
    grid.hidden = false;
  }
}

function renderBanner(): void {
  const banner = $('banner');
  if (!S.banner) {
    banner.hidden = true;
    banner.replaceChildren();
    return;
  }
  const strong = document.createElement('strong');
  strong.textContent = tr(S.banner.title);
  const p = document.createElement('p');
  p.textContent = noteText(S.banner.error);
  p.dataset.testid = 'banner-message';
  const parts: HTMLElement[] = [strong, p];
  if (S.banner.hint) {
    const hint = document.createElement('p');
    hint.className = 'pg-hint';
    hint.textContent = tr(S.banner.hint);
    parts.push(hint);
  }
  banner.replaceChildren(...parts);
  banner.hidden = false;
}

function renderLabels(): void {
  document.documentElement.lang = S.lang;
  document.title = tr('playground.title');
  $('title').textContent = tr('playground.title');
  $('offline').textContent = tr('playground.offline');
  $('workbook').textContent = S.server ? tr('playground.workbook', { path: S.server.workbook }) : '';
  $('side-title').textContent = `${tr('playground.sidebar')} — dist/Sidebar.html`;
  $('lang-group').setAttribute('aria-label', tr('playground.language'));
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-lang]'))) b.setAttribute('aria-pressed', String(b.dataset.lang === S.lang));
  $('loading').textContent = S.server ? '' : tr('playground.loading');
  $('loading').hidden = !!S.server;
}

function renderAll(): void {
  renderLabels();
  renderBanner();
  renderTabs();
  renderSheetMessage();
  renderRows();
  renderFormulaBar();
}

// ---- interaction -------------------------------------------------------------------

function cellAt(target: EventTarget | null): { r: number; c: number } | null {
  const td = (target as HTMLElement | null)?.closest?.('td[data-r]') as HTMLElement | null;
  return td ? { r: Number(td.dataset.r), c: Number(td.dataset.c) } : null;
}

function extendTo(p: { r: number; c: number }): void {
  const a = S.anchor ?? p;
  S.sel = { r1: Math.min(a.r, p.r), c1: Math.min(a.c, p.c), r2: Math.max(a.r, p.r), c2: Math.max(a.c, p.c), kind: 'cells' };
}

/**
 * One language for the page, the sidebar, its dialogs and what the run
 * writes: the page's switch tells the sidebar, which asks the server to
 * remember it (the user's language and the workbook's; the sample's KPI
 * tree follows), and the sidebar's own switch tells the page.
 */
function setPageLang(l: Lang, tellSidebar: boolean): void {
  const changed = l !== S.lang;
  S.lang = l;
  try {
    localStorage.setItem(LANG_STORE, l);
  } catch {
    // not kept: fine
  }
  if (changed) renderAll();
  const frame = $('sidebar') as HTMLIFrameElement;
  if (tellSidebar && frame.contentWindow) frame.contentWindow.postMessage({ kpiLamp: 'lang', lang: l }, location.origin);
}

function wire(): void {
  $('lang-group').addEventListener('click', (ev) => {
    const l = (ev.target as HTMLElement).closest('button')?.dataset.lang;
    if (isLang(l)) setPageLang(l, true);
  });
  window.addEventListener('message', (ev) => {
    // The sidebar's own switch (only messages from this page's sidebar frame count).
    const data = ev.data as { kpiLamp?: unknown; lang?: unknown } | null;
    if (ev.origin !== location.origin || ev.source !== ($('sidebar') as HTMLIFrameElement).contentWindow || !data || data.kpiLamp !== 'lang') return;
    if (isLang(data.lang)) setPageLang(data.lang, false);
  });
  $('tabs').addEventListener('click', (ev) => {
    const name = (ev.target as HTMLElement).closest('button')?.dataset.sheet;
    if (name !== undefined) switchSheet(name);
  });
  const wrap = $('gridwrap');
  wrap.addEventListener(
    'scroll',
    () => {
      if (S.totalRows <= ALL_ROWS_UP_TO) return;
      const first = Math.max(0, Math.floor(wrap.scrollTop / S.pitch) - BUFFER_ROWS);
      if (Math.abs(first - S.first) >= BUFFER_ROWS / 2 || (first === 0 && S.first !== 0)) renderRows();
    },
    { passive: true },
  );
  window.addEventListener('resize', () => renderRows());
  wrap.addEventListener('mousedown', (ev) => {
    const target = ev.target as HTMLElement;
    const col = target.closest<HTMLElement>('th[data-col]')?.dataset.col;
    const row = target.closest<HTMLElement>('th[data-row]')?.dataset.row;
    if (col) {
      const c = Number(col);
      S.anchor = { r: 1, c };
      S.sel = { r1: 1, r2: 1, c1: c, c2: c, kind: 'cols' };
    } else if (row) {
      const r = Number(row);
      S.anchor = { r, c: 1 };
      S.sel = { r1: r, r2: r, c1: 1, c2: 1, kind: 'rows' };
    } else {
      const p = cellAt(ev.target);
      if (!p) return;
      if (ev.shiftKey && S.anchor) extendTo(p);
      else {
        S.anchor = p;
        extendTo(p);
      }
      S.dragging = true;
    }
    ev.preventDefault();
    wrap.focus();
    paintSelection();
    renderFormulaBar();
    if (!S.dragging) commitSelection();
  });
  wrap.addEventListener('mouseover', (ev) => {
    if (!S.dragging || !(ev.buttons & 1)) return;
    const p = cellAt(ev.target);
    if (!p) return;
    extendTo(p);
    paintSelection();
    renderFormulaBar();
  });
  document.addEventListener('mouseup', () => {
    if (!S.dragging) return;
    S.dragging = false;
    commitSelection();
  });
  wrap.addEventListener('keydown', (ev) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const m = moves[ev.key];
    if (!m || !S.anchor || !S.view) return;
    ev.preventDefault();
    const focus = ev.shiftKey && S.sel && S.sel.kind === 'cells' ? { r: S.sel.r1 === S.anchor.r ? S.sel.r2 : S.sel.r1, c: S.sel.c1 === S.anchor.c ? S.sel.c2 : S.sel.c1 } : S.anchor;
    const next = { r: Math.min(S.totalRows, Math.max(1, focus.r + m[0])), c: Math.min(S.totalCols, Math.max(1, focus.c + m[1])) };
    if (ev.shiftKey) extendTo(next);
    else {
      S.anchor = next;
      extendTo(next);
    }
    const top = (next.r - 1) * S.pitch;
    if (top < wrap.scrollTop + S.pitch) wrap.scrollTop = Math.max(0, top - S.pitch);
    else if (top > wrap.scrollTop + wrap.clientHeight - 3 * S.pitch) wrap.scrollTop = top - wrap.clientHeight + 3 * S.pitch;
    paintSelection();
    renderFormulaBar();
    commitSelection();
  });
}

async function start(): Promise<void> {
  wire();
  renderLabels();
  let state: ServerState;
  try {
    state = (await getJson<ServerState>('/api/state')).body;
  } catch (e) {
    networkError(e);
    return;
  }
  S.server = state;
  if (state.version !== undefined) S.version = state.version;
  if (!state.ok) {
    S.banner = { title: 'playground.error.title', error: state.error ?? { message: '?' }, hint: 'playground.error.hint' };
    renderAll();
    return;
  }
  $('main').hidden = false;
  // The language: the address's ?lang=, else the one chosen (sidebar, page or --lang), else the last click here,
  // else this browser's (which the sidebar follows by itself).
  const q = params.get('lang');
  if (!isLang(q) && isLang(state.lang)) S.lang = state.lang;
  // A choice made here that the server does not have yet: the sidebar and the run follow it from the start.
  if (chosenHere() !== null && state.lang !== S.lang) {
    try {
      await getJson('/rpc/api_setLang', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify([S.lang]) });
    } catch {
      // the sidebar then opens in its own language; its switch still works
    }
  }
  const wanted = params.get('sheet');
  const first = wanted ?? state.active?.sheet ?? state.sheets[0] ?? null;
  if (first !== null) {
    if (wanted === null || state.sheets.includes(wanted)) {
      S.sel = (state.active && state.active.sheet === first && parseA1(state.active.a1)) || { r1: 1, c1: 1, r2: 1, c2: 1, kind: 'cells' };
      S.anchor = { r: S.sel.r1, c: S.sel.c1 };
      await loadSheet(first);
      if (wanted !== null) await commitSelection();
    } else {
      S.sheet = wanted;
      S.sheetError = { key: 'api.error.no_sheet', params: { sheet: wanted }, message: `There is no sheet named "${wanted}"` };
    }
  }
  ($('sidebar') as HTMLIFrameElement).src = '/sidebar';
  renderAll();
  setInterval(follow, 1000);
}

start();
