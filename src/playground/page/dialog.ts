/**
 * Apps Script's modal dialog (SpreadsheetApp.getUi().showModalDialog), as
 * the playground shows it: an overlay over the page with the dialog's page
 * (dist/<file>.html, served at /dialog/<file> with the google.script.run
 * shim) in an iframe of the requested size. The sidebar's shim asks for it
 * when a server function returns { modalDialog } (what the Apps Script
 * wrapper opened with showModalDialog); google.script.host.close() in the
 * dialog, the × button or Escape close it. Only messages from this page's
 * own frames count.
 */
interface DialogRequest {
  file: string;
  title: string;
  width: number;
  height: number;
}

import { isLang } from '../../i18n/messages';
import { treeText } from '../../i18n/tree-ui-messages';

let shown: { backdrop: HTMLElement; frame: HTMLIFrameElement; returnFocus: Element | null } | null = null;

function close(): void {
  if (!shown) return;
  const { backdrop, returnFocus } = shown;
  shown = null;
  backdrop.remove();
  (returnFocus as HTMLElement | null)?.focus?.();
}

function show(d: DialogRequest): void {
  close();
  if (!/^[A-Za-z][\w-]*$/.test(d.file)) return;
  const backdrop = document.createElement('div');
  backdrop.className = 'pg-dialog-backdrop';
  backdrop.setAttribute('data-testid', 'dialog-overlay');
  const box = document.createElement('div');
  box.className = 'pg-dialog';
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-modal', 'true');
  box.setAttribute('aria-labelledby', 'pg-dialog-title');
  const head = document.createElement('div');
  head.className = 'pg-dialog-head';
  const title = document.createElement('span');
  title.id = 'pg-dialog-title';
  title.setAttribute('data-testid', 'dialog-title');
  title.textContent = String(d.title);
  const x = document.createElement('button');
  x.type = 'button';
  x.className = 'pg-dialog-x';
  x.setAttribute(
    'aria-label',
    treeText(isLang(document.documentElement.lang) ? document.documentElement.lang : 'en', 'tree.ui.correlogram.close'),
  );
  x.setAttribute('data-testid', 'dialog-close');
  x.textContent = '×';
  x.addEventListener('click', close);
  head.append(title, x);
  const frame = document.createElement('iframe');
  frame.className = 'pg-dialog-frame';
  frame.setAttribute('data-testid', 'dialog-frame');
  frame.title = String(d.title);
  frame.width = String(Math.min(Number(d.width) || 600, window.innerWidth - 40));
  frame.height = String(Math.min(Number(d.height) || 400, window.innerHeight - 80));
  frame.src = `/dialog/${encodeURIComponent(d.file)}`;
  box.append(head, frame);
  backdrop.append(box);
  shown = { backdrop, frame, returnFocus: document.activeElement };
  document.body.append(backdrop);
  x.focus();
}

window.addEventListener('message', (ev) => {
  if (ev.origin !== location.origin || !ev.data || typeof ev.data !== 'object') return;
  const data = ev.data as { kpiLamp?: unknown; dialog?: DialogRequest };
  const sidebar = document.getElementById('sidebar') as HTMLIFrameElement | null;
  if (data.kpiLamp === 'modalDialog' && data.dialog && ev.source === sidebar?.contentWindow) show(data.dialog);
  else if (data.kpiLamp === 'closeDialog' && shown && ev.source === shown.frame.contentWindow) close();
});
document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape' && shown) close();
});
