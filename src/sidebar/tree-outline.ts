/**
 * The KPI tree drawn (the tree panel's outline): the tree from the KGI
 * down, each node with its kind, a lamp-style badge for its verdict, its
 * verdict chip, its evidence and the warnings the chip does not say; the
 * selected node's card (its verdict in plain words, or its report card with
 * the alert budget's cut-off) and the buttons that change the draft.
 *
 * Keyboard: the tree is one tab stop (roving tabindex); arrow keys move,
 * Enter edits, Home/End jump. Text from the workbook and from people enters
 * the DOM as text only.
 */
import type { LampCard } from '../core/lamps/assess';
import type { Direction } from '../core/tree/types';
import { chipCode } from '../i18n/evidence-text';
import type { EvidenceKey } from '../i18n/evidence-messages';
import type { Lang, MessageKey, MessageParams } from '../i18n/messages';
import type { TreeClientKey } from '../i18n/tree-ui-messages';
import type { VerdictView } from '../server/tree-api';
import { ordered, type DraftNode } from './draft-tree';
import { chipElement, evidenceBadge, reportCard, verdictDetail } from './report-card';
import { el } from './tree-dom';

export interface OutlineHost {
  tt(key: TreeClientKey | MessageKey, params?: MessageParams): string;
  ev(key: EvidenceKey | MessageKey, params?: MessageParams): string;
  lang(): Lang;
  nodes(): DraftNode[];
  hasDraft(): boolean;
  selected(): string | null;
  select(id: string | null): void;
  /** The node open in the editor (its card is not shown then). */
  editing(): string | null;
  verdictOf(id: string): VerdictView | undefined;
  cardOf(id: string): LampCard | undefined;
  kgiName(): string;
  /** The alert budget, for a report card's cut-off. */
  budget(): { maxLit: number; accounts: number } | null;
  addChild(): void;
  edit(id: string): void;
  move(delta: -1 | 1): void;
  remove(): void;
  useCutoff(node: string, cutoff: number, direction: Direction): void;
}

export interface OutlineParts {
  treeList: HTMLElement;
  hint: HTMLElement;
  tools: HTMLElement;
  nodeCardBox: HTMLElement;
}

export function mountOutline({ treeList, hint, tools, nodeCardBox }: OutlineParts, host: OutlineHost) {
  const tt = host.tt;
  const ev = host.ev;
  const byId = (id: string | null) => host.nodes().find((n) => n.id === id);

  /** A verdict as the chip and sentence functions read it. */
  const chipVerdict = (v: VerdictView) => ({
    ...v,
    inferred_kind: v.inferred_kind as 'none',
    declared_kind: v.declared_kind as null,
    lags: v.considered.changes,
  });

  function kindLine(n: DraftNode): string {
    const type = tt(`term.${n.type}` as MessageKey);
    return n.kind ? `${type} · ${tt(`term.${n.kind}` as MessageKey)}` : type;
  }

  function renderTree(focus: boolean): void {
    const rows = ordered(host.nodes());
    treeList.setAttribute('aria-label', tt('tree.ui.tree_label'));
    treeList.hidden = rows.length === 0;
    hint.hidden = rows.length === 0;
    hint.textContent = tt('tree.ui.keyboard_hint');
    if (!byId(host.selected())) host.select(rows[0]?.node.id ?? null);
    treeList.replaceChildren(
      ...rows.map(({ node: n, depth }) => {
        const v = n.type === 'kpi' || n.type === 'composite' ? host.verdictOf(n.id) : undefined;
        const judged = n.type === 'kpi' || n.type === 'composite';
        const badge = v ? v.badge : judged ? 'none' : null;
        const on = n.id === host.selected();
        const item = el(
          'li',
          {
            role: 'treeitem',
            'aria-level': String(depth + 1),
            'aria-selected': String(on),
            tabindex: on ? '0' : '-1',
            class: on ? 'kl-node kl-node-on' : 'kl-node',
            'data-node': n.id,
            'data-testid': `node-${n.id}`,
            style: `padding-left: ${4 + depth * 14}px`,
          },
          el(
            'div',
            { class: 'kl-node-head' },
            badge
              ? el('span', {
                  class: `kl-badge kl-badge-${badge}`,
                  role: 'img',
                  'aria-label': tt(`tree.ui.badge.${badge}`),
                  title: tt(`tree.ui.badge.${badge}`),
                  'data-badge': badge,
                })
              : null,
            el('span', { class: 'kl-node-name' }, n.name || n.id),
          ),
          el('div', { class: 'kl-node-kind gray' }, kindLine(n)),
        );
        // The verdict in one glance, and the lamp's evidence, without opening the editor.
        const card = host.cardOf(n.id);
        if (v || card) {
          item.append(
            el(
              'div',
              { class: 'kl-node-chips' },
              v ? chipElement(host.lang(), chipVerdict(v), host.kgiName(), `chip-${n.id}`) : null,
              card ? evidenceBadge(host.lang(), card.evidence, `evidence-${n.id}`) : null,
              card?.gated ? el('span', { class: 'kl-watch-tag' }, ev('term.gated')) : null,
            ),
          );
        }
        // The warnings the chip does not already say (its "Not significant" is not repeated below it).
        const said = v ? chipCode(chipVerdict(v)) : null;
        const warnings = v ? v.warnings.filter((w) => w !== said) : [];
        if (warnings.length) {
          item.append(
            el(
              'ul',
              { class: 'kl-node-warnings', 'data-testid': `warnings-${n.id}` },
              ...warnings.map((w) => el('li', { 'data-warning': w }, tt(`warning.${w}` as MessageKey))),
            ),
          );
        }
        return item;
      }),
    );
    renderTools();
    if (focus) focusSelected();
  }

  function focusSelected(): void {
    const item = treeList.querySelector<HTMLElement>(`[aria-selected="true"]`);
    item?.focus();
  }

  /** The selected KPI's verdict in plain words and, for a lamp node, its report card. */
  function renderNodeCard(): void {
    const n = byId(host.selected());
    const v = n && (n.type === 'kpi' || n.type === 'composite') ? host.verdictOf(n.id) : undefined;
    if (!n || !v || host.editing() === n.id) return nodeCardBox.replaceChildren();
    const card = host.cardOf(n.id);
    const parts: HTMLElement[] = [];
    if (card) {
      parts.push(
        reportCard(host.lang(), card, host.kgiName(), {
          open: true,
          budget: host.budget(),
          onUseCutoff: (cutoff) => host.useCutoff(card.node, cutoff, card.direction),
        }),
      );
    } else
      parts.push(
        el(
          'div',
          { class: 'kl-card' },
          el('strong', {}, n.name),
          verdictDetail(host.lang(), chipVerdict(v), host.kgiName()),
        ),
      );
    nodeCardBox.replaceChildren(...parts);
  }

  function renderTools(): void {
    renderNodeCard();
    const n = byId(host.selected());
    if (!n || !host.hasDraft()) return tools.replaceChildren();
    const b = (key: TreeClientKey, testid: string, on: () => void, disabled = false) => {
      const x = el('button', { type: 'button', 'data-testid': testid }, tt(key));
      x.disabled = disabled;
      x.addEventListener('click', on);
      return x;
    };
    const siblings = host.nodes().filter((x) => x.parent === n.parent);
    const i = siblings.indexOf(n);
    tools.replaceChildren(
      b('tree.ui.add_child', 'tree-add', () => host.addChild()),
      b('tree.ui.edit', 'tree-edit', () => host.edit(n.id)),
      b('tree.ui.move_up', 'tree-up', () => host.move(-1), n.parent === null || i <= 0),
      b('tree.ui.move_down', 'tree-down', () => host.move(1), n.parent === null || i >= siblings.length - 1),
      b('tree.ui.delete', 'tree-delete', () => host.remove(), n.parent === null),
    );
  }

  treeList.addEventListener('click', (ev) => {
    const item = (ev.target as HTMLElement).closest<HTMLElement>('[data-node]');
    if (!item) return;
    host.select(item.getAttribute('data-node'));
    renderTree(true);
  });
  treeList.addEventListener('dblclick', (ev) => {
    const item = (ev.target as HTMLElement).closest<HTMLElement>('[data-node]');
    if (item) host.edit(item.getAttribute('data-node') as string);
  });
  treeList.addEventListener('keydown', (ev) => {
    const selected = host.selected();
    const ids = ordered(host.nodes()).map((o) => o.node.id);
    const i = ids.indexOf(selected as string);
    let next: string | undefined;
    if (ev.key === 'ArrowDown') next = ids[Math.min(ids.length - 1, i + 1)];
    else if (ev.key === 'ArrowUp') next = ids[Math.max(0, i - 1)];
    else if (ev.key === 'Home') next = ids[0];
    else if (ev.key === 'End') next = ids[ids.length - 1];
    else if (ev.key === 'Enter' && selected) {
      ev.preventDefault();
      host.edit(selected);
      return;
    } else return;
    ev.preventDefault();
    if (next) {
      host.select(next);
      renderTree(true);
    }
  });

  return { render: renderTree, focusSelected, renderTools };
}
