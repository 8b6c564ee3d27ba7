/**
 * Two blocks of the Lamps panel about the past: the Log's recent changes
 * (newest first: when, account, lamp, from → to, value against its
 * threshold with the node's kind of value, who) and the history the
 * backtest has in Snapshots (how many months, and when it will have
 * enough). Every text from the workbook enters the DOM as text.
 */
import { historyText, type HistoryClientKey } from '../i18n/history-ui-messages';
import { logStateWord } from '../i18n/log-text';
import type { Lang, MessageKey, MessageParams } from '../i18n/messages';
import { thresholdText, valueText } from '../i18n/value-text';
import type { LampsPanel } from '../server/lamps-panel-data';
import { el } from './tree-dom';

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export function recentBlock(lang: Lang, p: LampsPanel): HTMLElement {
  const tx = (key: HistoryClientKey | MessageKey, params?: MessageParams) => historyText(lang, key, params);
  const block = el(
    'div',
    { class: 'block kl-lp-section', 'data-testid': 'lamps-recent' },
    el('h2', { class: 'kl-h' }, tx('recent.title')),
    el('p', { class: 'gray kl-lp-line' }, tx('recent.help')),
  );
  if (p.recent.length === 0) {
    block.append(el('p', { class: 'secondary', 'data-testid': 'lamps-recent-none' }, tx('recent.none')));
    return block;
  }
  block.append(
    el(
      'ol',
      { class: 'kl-lp-plain kl-recent', 'data-testid': 'lamps-recent-list' },
      ...p.recent.map((c) => {
        const account = c.accountName ? `${c.accountName} (${c.accountId})` : c.accountId;
        const what =
          c.event === 'in_progress'
            ? tx('recent.ack', { node: c.nodeName })
            : tx('recent.change', {
                node: c.nodeName,
                from: logStateWord(lang, c.from ?? 'ok'),
                to: logStateWord(lang, c.to),
              }) + (c.event === 'watch' ? ` ${tx('recent.watch')}` : '');
        const value =
          c.value === null || c.event === 'in_progress'
            ? null
            : c.threshold === null
              ? tx('recent.value_only', { value: valueText(c.value, c.kind, lang) })
              : tx('recent.value', {
                  value: valueText(c.value, c.kind, lang, c.threshold),
                  threshold: thresholdText(c.threshold, c.kind, lang, c.value),
                });
        return el(
          'li',
          {
            'data-testid': 'lamps-recent-item',
            'data-event': c.event,
            'data-node': c.node,
            'data-account': c.accountId,
          },
          el('div', { class: 'gray' }, tx('recent.head', { when: when(c.time), account })),
          el('div', { 'data-testid': 'lamps-recent-change' }, el('strong', {}, what)),
          value ? el('div', { class: 'kl-lp-line', 'data-testid': 'lamps-recent-value' }, value) : null,
          c.memo ? el('div', { class: 'kl-lp-line' }, tx('recent.memo', { memo: c.memo })) : null,
          c.until ? el('div', { class: 'kl-lp-line' }, tx('recent.until', { until: c.until })) : null,
          c.user ? el('div', { class: 'gray kl-lp-line' }, tx('recent.by', { user: c.user })) : null,
        );
      }),
    ),
  );
  return block;
}

export function historyBlock(lang: Lang, p: LampsPanel): HTMLElement {
  const tx = (key: HistoryClientKey | MessageKey, params?: MessageParams) => historyText(lang, key, params);
  const h = p.history;
  const lines: string[] = [];
  if (!h.exists) lines.push(tx('history.none', { sheet: h.sheet }));
  else if (h.months === 0) lines.push(tx('history.empty', { sheet: h.sheet, column: h.monthColumn }));
  else {
    lines.push(
      h.months === 1
        ? tx('history.one_month', { sheet: h.sheet, first: h.first ?? '' })
        : tx('history.months', { sheet: h.sheet, months: h.months, first: h.first ?? '', last: h.last ?? '' }),
    );
    lines.push(
      h.ready
        ? tx('history.short', { needed: h.needed, horizon: h.horizon, left: h.needed - h.span, ready: h.ready })
        : tx('history.enough', { needed: h.needed, horizon: h.horizon }),
    );
  }
  if (h.exists && !(h.ready === null && h.months > 0)) lines.push(tx('history.churned'));
  return el(
    'div',
    {
      class: `block kl-lp-section${h.ready !== null || !h.exists ? ' kl-history-short' : ''}`,
      'data-testid': 'lamps-history',
    },
    el('h2', { class: 'kl-h' }, tx('history.title')),
    ...lines.map((line) => el('p', { class: 'kl-lp-line' }, line)),
  );
}
