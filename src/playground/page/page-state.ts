/**
 * The playground page's state: what the server said, the sheet shown and
 * its view, the selection, the grid's geometry, the language; the types of
 * the page's requests; and the small helpers every part of the page uses
 * (the text of a message, an element by id).
 */
import { localText, type LocalKey } from '../../i18n/local-messages';
import { isLang, pickLang, type Lang, type MessageKey, type MessageParams } from '../../i18n/messages';
import type { GridCell, Note } from '../formulas';

export interface PageError {
  key?: MessageKey | LocalKey;
  params?: MessageParams;
  text?: string;
  message: string;
}

export interface ServerState {
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

export interface SheetView {
  name: string;
  rows: number;
  columns: number;
  formulas: boolean;
  cells: (GridCell | null)[][];
  /** KPI Lamp's conditional-format rules, drawn per row (server.ts conditionalFills). */
  fills?: { row: number; c1: number; c2: number; background: string }[];
}

/** 1-based, inclusive; whole columns or rows when `kind` says so. */
export interface Sel {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
  kind: 'cells' | 'cols' | 'rows';
}

export const LANG_STORE = 'kpi-lamp.playground.lang';

export const BUFFER_ROWS = 12;

/** Sheets up to this many rows are all in the DOM; longer ones only the rows in view (and a few more). */
export const ALL_ROWS_UP_TO = 1000;

export const params = new URLSearchParams(location.search);

export const S = {
  lang: initialLang(),
  server: null as ServerState | null,
  sheet: null as string | null,
  view: null as SheetView | null,
  /** Why the current sheet is not shown (a missing sheet, a failed read). */
  sheetError: null as PageError | null,
  banner: null as { title: LocalKey | MessageKey; error: PageError; hint?: LocalKey | MessageKey } | null,
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
export function chosenHere(): Lang | null {
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
export function initialLang(): Lang {
  return chosenHere() ?? pickLang(navigator.language);
}

export const tr = (key: LocalKey | MessageKey, p?: MessageParams) => localText(S.lang, key, p);

export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export function noteText(n: Note | PageError): string {
  if ('key' in n && n.key) return localText(S.lang, n.key, (n as { params?: MessageParams }).params);
  if ('text' in n && typeof n.text === 'string') return n.text;
  return (n as PageError).message ?? '';
}
