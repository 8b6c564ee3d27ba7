/**
 * The playground page: the workbook as a grid with sheet tabs (formula cells
 * as the built dist/Code.js computes them), a formula bar, and the real
 * sidebar in an iframe. Selecting cells tells the server, where the sidebar's
 * API sees it as the active range; a sheet the sidebar activates shows here.
 *
 * Plain DOM. Every text from the workbook enters the DOM as text
 * (textContent, title), never as HTML. Only the rows in view are in the DOM.
 *
 * Here the page starts and its events are wired; its parts: page-state.ts
 * (what the page knows), selection.ts (A1), grid.ts (the grid and formula
 * bar), chrome.ts (labels, banner, tabs), server-link.ts (its server).
 */
import './dialog';
import { isLang, type Lang } from '../../i18n/messages';
import { $, ALL_ROWS_UP_TO, BUFFER_ROWS, chosenHere, LANG_STORE, params, S, type ServerState } from './page-state';
import { cellAt, extendTo, parseA1 } from './selection';
import { paintSelection, renderFormulaBar, renderRows } from './grid';
import { renderAll, renderLabels } from './chrome';
import { commitSelection, follow, getJson, loadSheet, networkError, switchSheet } from './server-link';

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
  if (tellSidebar && frame.contentWindow)
    frame.contentWindow.postMessage({ kpiLamp: 'lang', lang: l }, location.origin);
}

function wire(): void {
  $('lang-group').addEventListener('click', (ev) => {
    const l = (ev.target as HTMLElement).closest('button')?.dataset.lang;
    if (isLang(l)) setPageLang(l, true);
  });
  window.addEventListener('message', (ev) => {
    // The sidebar's own switch (only messages from this page's sidebar frame count).
    const data = ev.data as { kpiLamp?: unknown; lang?: unknown } | null;
    if (
      ev.origin !== location.origin ||
      ev.source !== ($('sidebar') as HTMLIFrameElement).contentWindow ||
      !data ||
      data.kpiLamp !== 'lang'
    )
      return;
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
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const m = moves[ev.key];
    if (!m || !S.anchor || !S.view) return;
    ev.preventDefault();
    const focus =
      ev.shiftKey && S.sel && S.sel.kind === 'cells'
        ? { r: S.sel.r1 === S.anchor.r ? S.sel.r2 : S.sel.r1, c: S.sel.c1 === S.anchor.c ? S.sel.c2 : S.sel.c1 }
        : S.anchor;
    const next = {
      r: Math.min(S.totalRows, Math.max(1, focus.r + m[0])),
      c: Math.min(S.totalCols, Math.max(1, focus.c + m[1])),
    };
    if (ev.shiftKey) extendTo(next);
    else {
      S.anchor = next;
      extendTo(next);
    }
    const top = (next.r - 1) * S.pitch;
    if (top < wrap.scrollTop + S.pitch) wrap.scrollTop = Math.max(0, top - S.pitch);
    else if (top > wrap.scrollTop + wrap.clientHeight - 3 * S.pitch)
      wrap.scrollTop = top - wrap.clientHeight + 3 * S.pitch;
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
    S.banner = {
      title: 'playground.error.title',
      error: state.error ?? { message: '?' },
      hint: 'playground.error.hint',
    };
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
      await getJson('/rpc/api_setLang', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify([S.lang]),
      });
    } catch {
      // the sidebar then opens in its own language; its switch still works
    }
  }
  const wanted = params.get('sheet');
  const first = wanted ?? state.active?.sheet ?? state.sheets[0] ?? null;
  if (first !== null) {
    if (wanted === null || state.sheets.includes(wanted)) {
      S.sel = (state.active && state.active.sheet === first && parseA1(state.active.a1)) || {
        r1: 1,
        c1: 1,
        r2: 1,
        c2: 1,
        kind: 'cells',
      };
      S.anchor = { r: S.sel.r1, c: S.sel.c1 };
      await loadSheet(first);
      if (wanted !== null) await commitSelection();
    } else {
      S.sheet = wanted;
      S.sheetError = {
        key: 'api.error.no_sheet',
        params: { sheet: wanted },
        message: `There is no sheet named "${wanted}"`,
      };
    }
  }
  ($('sidebar') as HTMLIFrameElement).src = '/sidebar';
  renderAll();
  setInterval(follow, 1000);
}

start();
