/**
 * The playground page around the grid: its labels in the page's language,
 * the banner (a workbook that cannot be read, a lost connection), the sheet
 * tabs and the message where a sheet cannot be shown; renderAll draws the
 * whole page.
 */
import { $, noteText, S, tr } from './page-state';
import { renderFormulaBar, renderRows } from './grid';

export function renderTabs(): void {
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

export function renderSheetMessage(): void {
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

export function renderBanner(): void {
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

export function renderLabels(): void {
  document.documentElement.lang = S.lang;
  document.title = tr('playground.title');
  $('title').textContent = tr('playground.title');
  $('offline').textContent = tr('playground.offline');
  $('workbook').textContent = S.server ? tr('playground.workbook', { path: S.server.workbook }) : '';
  $('side-title').textContent = `${tr('playground.sidebar')} — dist/Sidebar.html`;
  $('lang-group').setAttribute('aria-label', tr('playground.language'));
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-lang]')))
    b.setAttribute('aria-pressed', String(b.dataset.lang === S.lang));
  $('loading').textContent = S.server ? '' : tr('playground.loading');
  $('loading').hidden = !!S.server;
}

export function renderAll(): void {
  renderLabels();
  renderBanner();
  renderTabs();
  renderSheetMessage();
  renderRows();
  renderFormulaBar();
}
