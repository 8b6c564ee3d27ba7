/**
 * The playground page and its server: the sheet views it loads, the
 * selection it tells (the sidebar's API sees it as the active range), and
 * what it follows every second (a sheet the sidebar activates, a workbook a
 * run changed).
 */
import { $, S, type PageError, type ServerState, type SheetView } from './page-state';
import { parseA1, selA1 } from './selection';
import { layout, paintSelection, renderFormulaBar, renderRows, revealSelection } from './grid';
import { renderAll, renderBanner, renderTabs } from './chrome';

export async function getJson<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as T };
}

export function networkError(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  S.banner = {
    title: 'playground.error.title',
    error: { key: 'playground.error.network', params: { message }, message },
  };
  renderBanner();
}

export async function loadSheet(name: string, keepScroll = false): Promise<void> {
  S.sheet = name;
  try {
    const { body } = await getJson<SheetView & { ok: boolean; error?: PageError }>(
      `/api/sheet?name=${encodeURIComponent(name)}`,
    );
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

export async function commitSelection(): Promise<void> {
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

export async function switchSheet(name: string): Promise<void> {
  S.sel = { r1: 1, c1: 1, r2: 1, c2: 1, kind: 'cells' };
  S.anchor = { r: 1, c: 1 };
  const url = new URL(location.href);
  url.searchParams.set('sheet', name);
  history.replaceState(null, '', url.toString());
  await loadSheet(name);
  await commitSelection();
}

/** Follows what the script does (the sidebar can activate a sheet). */
export async function follow(): Promise<void> {
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
