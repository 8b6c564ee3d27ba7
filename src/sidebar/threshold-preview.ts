/**
 * The threshold preview of the KPI tree builder: what the draft (with a
 * threshold being typed) would light for a lamp node, asked of the server
 * once typing pauses, before anything is saved: today's count, the
 * history, the evidence and the alert budget.
 */
import { cardText } from '../i18n/evidence-text';
import type { EvidenceKey } from '../i18n/evidence-messages';
import type { Lang, MessageKey, MessageParams } from '../i18n/messages';
import type { TreeClientKey } from '../i18n/tree-ui-messages';
import type { TreeDoc } from '../server/tree-api';
import { server } from './api-client';
import type { DraftNode } from './draft-tree';
import { evidenceBadge } from './report-card';
import { el, lines } from './tree-dom';

export interface PreviewHost {
  /** Where the editor shows the preview, when it shows one. */
  box(): HTMLElement | null;
  draft(): TreeDoc | null;
  lang(): Lang;
  tt(key: TreeClientKey | MessageKey, params?: MessageParams): string;
  ev(key: EvidenceKey | MessageKey, params?: MessageParams): string;
  kgiName(): string;
  showError(e: unknown): void;
}

const PREVIEW_WAIT_MS = 450;

export function thresholdPreview(host: PreviewHost) {
  const tt = host.tt;
  const ev = host.ev;
  let previewTimer: ReturnType<typeof setTimeout> | undefined;
  let previewSeq = 0;

  /** Asks the server, once typing pauses, what the draft (with a threshold being typed) would do for a node. */
  function schedule(id: string, typed: { key: 'warn' | 'alert'; value: number | undefined } | null): void {
    const box = host.box();
    const draft = host.draft();
    if (!box || !draft) return;
    if (previewTimer !== undefined) clearTimeout(previewTimer);
    const doc: TreeDoc = JSON.parse(JSON.stringify(draft));
    const n = (doc.nodes as DraftNode[]).find((x) => x.id === id);
    if (n && typed) {
      if (typed.value === undefined) delete n[typed.key];
      else n[typed.key] = typed.value;
    }
    box.replaceChildren(
      el('h4', { class: 'kl-h4' }, ev('ui.preview')),
      el('p', { class: 'gray kl-card-line' }, ev('ui.preview.waiting')),
    );
    const mine = ++previewSeq;
    previewTimer = setTimeout(() => {
      server.previewThreshold(doc, id).then(
        (r) => {
          if (mine !== previewSeq) return;
          const target = host.box();
          if (target) draw(target, r);
        },
        (e) => host.showError(e),
      );
    }, PREVIEW_WAIT_MS);
  }

  function draw(box: HTMLElement, r: Awaited<ReturnType<typeof server.previewThreshold>>): void {
    const parts: HTMLElement[] = [el('h4', { class: 'kl-h4' }, ev('ui.preview'))];
    if (!r.ok) parts.push(lines('error', [tt('tree.ui.judge_failed'), ...r.issues], 'preview-issues'));
    else if (!r.card) parts.push(el('p', { class: 'gray kl-card-line' }, ev('ui.preview.none')));
    else {
      const lang = host.lang();
      const t = cardText(lang, r.card, host.kgiName());
      parts.push(
        el('p', { class: 'kl-card-line', 'data-testid': 'preview-today' }, t.today),
        ...t.history.map((x) => el('p', { class: 'kl-card-line', 'data-testid': 'preview-history' }, x)),
        el(
          'p',
          { class: 'kl-card-line', 'data-testid': 'preview-evidence' },
          evidenceBadge(lang, r.card.evidence, 'preview-badge'),
          ' ',
          t.evidence,
        ),
      );
      if (t.smallSample)
        parts.push(el('p', { class: 'kl-card-small', 'data-testid': 'preview-small' }, `⚠ ${t.smallSample}`));
      if (r.budget)
        parts.push(
          el(
            'p',
            { class: 'kl-card-line', 'data-testid': 'preview-budget' },
            ev(r.card.today.lit <= r.budget.maxLit ? 'ui.preview.budget' : 'ui.preview.over', { max: r.budget.maxLit }),
          ),
        );
      parts.push(el('p', { class: 'kl-card-raw gray' }, t.overlap));
    }
    box.replaceChildren(...parts);
  }

  return { schedule };
}
