/**
 * The KPI tree builder's import and export (collapsible): kpi-lamp/tree@1
 * JSON pasted or read from a file and imported (the server validates it
 * whole before writing), or exported as text and as a download.
 */
import type { MessageKey, MessageParams } from '../i18n/messages';
import type { TreeClientKey } from '../i18n/tree-ui-messages';
import { el, lines, type Message } from './tree-dom';

export interface ImportExportHost {
  tt(key: TreeClientKey | MessageKey, params?: MessageParams): string;
  /** The panel's message (shown here when it is about the import). */
  message(): Message;
  /** The tree last exported: its JSON, or null when there is no tree; null before any export. */
  exported(): { json: string | null } | null;
  importText(text: string): void;
  exportTree(): void;
}

export function mountImportExport(io: HTMLElement, host: ImportExportHost) {
  const tt = host.tt;
  let downloadUrl: string | null = null;

  function render(): void {
    const summary = el('summary', {}, tt('tree.ui.io'));
    const area = el('textarea', {
      rows: '5',
      class: 'kl-tree-json',
      'data-testid': 'tree-import-text',
      'aria-label': tt('tree.ui.import.paste'),
      spellcheck: 'false',
    }) as HTMLTextAreaElement;
    const prev = io.querySelector<HTMLTextAreaElement>('[data-testid="tree-import-text"]');
    if (prev) area.value = prev.value;
    const file = el('input', {
      type: 'file',
      accept: '.json,application/json',
      'data-testid': 'tree-import-file',
      'aria-label': tt('tree.ui.import.file'),
    }) as HTMLInputElement;
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (f)
        f.text().then((text) => {
          area.value = text;
        });
    });
    const importB = el(
      'button',
      { type: 'button', class: 'action', 'data-testid': 'tree-import' },
      tt('tree.ui.import'),
    );
    importB.addEventListener('click', () => host.importText(area.value));
    const exportB = el('button', { type: 'button', 'data-testid': 'tree-export' }, tt('tree.ui.export'));
    exportB.addEventListener('click', () => host.exportTree());
    const out: HTMLElement[] = [];
    const message = host.message();
    const exported = host.exported();
    if (exported) {
      if (exported.json === null) out.push(el('p', { class: 'gray' }, tt('tree.ui.export.none')));
      else {
        const shown = el('textarea', {
          rows: '6',
          readonly: '',
          class: 'kl-tree-json',
          'data-testid': 'tree-export-text',
          spellcheck: 'false',
        }) as HTMLTextAreaElement;
        shown.value = exported.json;
        if (downloadUrl) URL.revokeObjectURL(downloadUrl);
        downloadUrl = URL.createObjectURL(new Blob([exported.json], { type: 'application/json' }));
        out.push(
          shown,
          el(
            'a',
            { href: downloadUrl, download: 'kpi-tree.json', 'data-testid': 'tree-download' },
            tt('tree.ui.export.download'),
          ),
        );
      }
    }
    io.replaceChildren(
      summary,
      el('p', { class: 'kl-tree-small' }, tt('tree.ui.import.paste')),
      area,
      el('div', { class: 'kl-tree-buttons' }, file),
      el('div', { class: 'kl-tree-buttons' }, importB, exportB),
      message && message.testid === 'tree-io-message'
        ? lines(message.kind, message.lines, 'tree-io-message')
        : el('span', {}),
      ...out,
    );
  }

  return { render };
}
