/**
 * The correlogram dialog (dist/Correlogram.html): r by lag between a KPI and
 * the KGI, for monthly changes (the test) and for levels, the
 * Bonferroni-significant lags marked, the best lag labelled, the values in
 * a table, and each warning that applies explained in one sentence. Drawn
 * as inline SVG with DOM APIs (createElementNS); every text as textContent.
 *
 * Opened by api_openCorrelogram: in Sheets a modal dialog (showModalDialog,
 * 720 px wide); in the playground an overlay of the page. It asks the
 * server which node to draw (api_getCorrelogram).
 */
import { isLang, type MessageKey, type MessageParams } from '../i18n/messages';
import { treeText, type TreeClientKey } from '../i18n/tree-ui-messages';
import type { CorrelogramData, CorrelogramRow } from '../server/tree-api';
import { closeDialog, server } from '../sidebar/api-client';
import { el, showLag, showP, showR, svg, warningList } from '../sidebar/tree-dom';

const W = 680;
const H = 300;
const M = { left: 44, right: 12, top: 16, bottom: 40 };

export function drawCorrelogram(
  rows: CorrelogramRow[],
  bestLag: number | null,
  tt: (k: TreeClientKey | MessageKey, p?: MessageParams) => string,
): SVGElement {
  const chart = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    width: W,
    height: H,
    class: 'kl-chart',
    role: 'img',
    'aria-label': tt('tree.ui.correlogram.table'),
    'data-testid': 'correlogram-svg',
  });
  const lags = rows.map((r) => r.lag);
  const lo = Math.min(...lags);
  const hi = Math.max(...lags);
  const step = (W - M.left - M.right) / Math.max(1, hi - lo + 1);
  const x = (lag: number) => M.left + (lag - lo + 0.5) * step;
  const y = (r: number) => M.top + ((1 - r) / 2) * (H - M.top - M.bottom);
  // Grid and axes.
  for (const r of [-1, -0.5, 0, 0.5, 1]) {
    chart.append(
      svg('line', {
        x1: M.left,
        x2: W - M.right,
        y1: y(r),
        y2: y(r),
        stroke: r === 0 ? '#5f6368' : '#e0e0e0',
        'stroke-width': r === 0 ? 1.2 : 1,
      }),
    );
    chart.append(svg('text', { x: M.left - 6, y: y(r) + 4, 'text-anchor': 'end', fill: '#5f6368' }, r.toFixed(1)));
  }
  chart.append(
    svg(
      'text',
      {
        x: 12,
        y: M.top + (H - M.top - M.bottom) / 2,
        transform: `rotate(-90 12 ${M.top + (H - M.top - M.bottom) / 2})`,
        'text-anchor': 'middle',
        fill: '#5f6368',
      },
      tt('tree.ui.correlogram.axis_r'),
    ),
  );
  chart.append(
    svg(
      'text',
      { x: M.left + (W - M.left - M.right) / 2, y: H - 6, 'text-anchor': 'middle', fill: '#5f6368' },
      tt('tree.ui.correlogram.axis_lag'),
    ),
  );
  // Bars: monthly changes.
  const bw = Math.min(22, step * 0.55);
  for (const row of rows) {
    chart.append(
      svg('text', { x: x(row.lag), y: H - M.bottom + 14, 'text-anchor': 'middle', fill: '#202124' }, showLag(row.lag)),
    );
    const r = row.changes.r;
    if (r === null) continue;
    const top = Math.min(y(r), y(0));
    const bar = svg('rect', {
      x: x(row.lag) - bw / 2,
      y: top,
      width: bw,
      height: Math.max(1, Math.abs(y(r) - y(0))),
      fill: row.changes.significant ? '#1a73e8' : '#a8c7fa',
      'data-lag': row.lag,
      'data-significant': String(row.changes.significant),
    });
    bar.append(
      svg('title', {}, `${showLag(row.lag)}: r = ${showR(r)}, p = ${showP(row.changes.p)}, ${row.changes.pairs}`),
    );
    chart.append(bar);
    if (row.changes.significant) {
      chart.append(
        svg('circle', {
          cx: x(row.lag),
          cy: r >= 0 ? top - 7 : top + Math.abs(y(r) - y(0)) + 7,
          r: 4.5,
          fill: '#f9ab00',
          stroke: '#b06000',
          class: 'kl-sig-changes',
        }),
      );
    }
    if (row.lag === bestLag) {
      chart.append(
        svg(
          'text',
          {
            x: x(row.lag),
            y: r >= 0 ? top - 14 : top + Math.abs(y(r) - y(0)) + 20,
            'text-anchor': 'middle',
            'font-weight': 'bold',
            fill: '#1a73e8',
            'data-testid': 'correlogram-best',
          },
          tt('tree.ui.correlogram.best'),
        ),
      );
    }
  }
  // Line: levels, with its significant lags as diamonds.
  const pts = rows.filter((r) => r.levels.r !== null).map((r) => `${x(r.lag)},${y(r.levels.r as number)}`);
  if (pts.length)
    chart.append(
      svg('polyline', {
        points: pts.join(' '),
        fill: 'none',
        stroke: '#9334e6',
        'stroke-width': 2,
        'stroke-dasharray': '5 3',
      }),
    );
  for (const row of rows) {
    if (row.levels.r === null) continue;
    const cx = x(row.lag);
    const cy = y(row.levels.r);
    const s = row.levels.significant ? 5 : 3;
    chart.append(
      svg('path', {
        d: `M${cx},${cy - s} L${cx + s},${cy} L${cx},${cy + s} L${cx - s},${cy} Z`,
        fill: row.levels.significant ? '#9334e6' : '#fff',
        stroke: '#9334e6',
        class: row.levels.significant ? 'kl-sig-levels' : '',
      }),
    );
  }
  return chart;
}

function render(root: HTMLElement, data: CorrelogramData): void {
  const lang = isLang(data.lang) ? data.lang : 'en';
  document.documentElement.lang = lang;
  const tt = (k: TreeClientKey | MessageKey, p?: MessageParams) => treeText(lang, k, p);
  const v = data.verdict;
  document.title = tt('tree.ui.correlogram.title', { name: v.name });
  /** Where the series comes from, in words: "history:churn_rate" → the column churn_rate of History. */
  const sourceText = (source: string | null): string => {
    if (source === null) return '—';
    if (source === 'composite') return tt('tree.ui.source.composite');
    const [from, ...rest] = source.split(':');
    const column = rest.join(':');
    if (from === 'history') return tt('tree.ui.source.history', { column, sheet: data.sheets?.history ?? 'History' });
    if (from === 'snapshots')
      return tt('tree.ui.source.snapshots', { column, sheet: data.sheets?.snapshots ?? 'Snapshots' });
    return source;
  };
  const kind = (k: string | null) =>
    k === null || k === 'none' ? tt('tree.ui.kind.none') : tt(`term.${k}` as MessageKey);
  const parts: (HTMLElement | SVGElement)[] = [
    el(
      'h1',
      { 'data-testid': 'correlogram-title' },
      tt('tree.ui.correlogram.heading', { name: v.name, kgi: data.kgi }),
    ),
    el(
      'p',
      { 'data-testid': 'correlogram-summary' },
      `${tt('tree.ui.inferred', { kind: kind(v.inferred_kind) })} · ${tt('tree.ui.declared', { kind: kind(v.declared_kind) })} · ${tt('tree.ui.stat.best_lag')} ${showLag(v.best_lag)} · r ${showR(v.r)} · ${tt('tree.ui.stat.pairs')} ${v.pairs ?? '—'} · ${tt('tree.ui.stat.p')} ${showP(v.p_value)}`,
    ),
  ];
  if (!v.correlogram.length) parts.push(el('p', { class: 'gray' }, tt('tree.ui.correlogram.none')));
  else {
    parts.push(
      drawCorrelogram(v.correlogram, v.best_lag, tt),
      el(
        'ul',
        { class: 'kl-legend' },
        el('li', {}, el('span', { class: 'kl-key kl-key-changes' }), tt('tree.ui.correlogram.changes')),
        el('li', {}, el('span', { class: 'kl-key kl-key-levels' }), tt('tree.ui.correlogram.levels')),
        el(
          'li',
          {},
          el('span', { class: 'kl-key kl-key-sig' }),
          tt('tree.ui.correlogram.significant', { count: v.considered.changes, alpha: v.significance }),
        ),
      ),
      el(
        'p',
        { class: 'gray kl-tree-small' },
        tt('tree.ui.correlogram.source', { source: sourceText(v.source), months: v.months }),
      ),
    );
  }
  if (v.warnings.length) {
    parts.push(warningList(v.warnings, 'correlogram-warnings', tt));
  }
  if (v.correlogram.length) {
    const head = el(
      'tr',
      {},
      ...[tt('tree.ui.correlogram.lag'), 'r Δ', 'p Δ', 'n Δ', 'r', 'p', 'n'].map((h) => el('th', { scope: 'col' }, h)),
    );
    const body = v.correlogram.map((r) =>
      el(
        'tr',
        { class: r.changes.significant ? 'kl-sig' : '' },
        el('td', {}, showLag(r.lag)),
        el('td', {}, showR(r.changes.r) + (r.changes.significant ? ' *' : '')),
        el('td', {}, showP(r.changes.p)),
        el('td', {}, String(r.changes.pairs)),
        el('td', {}, showR(r.levels.r) + (r.levels.significant ? ' *' : '')),
        el('td', {}, showP(r.levels.p)),
        el('td', {}, String(r.levels.pairs)),
      ),
    );
    parts.push(
      el(
        'details',
        {},
        el('summary', {}, tt('tree.ui.correlogram.table')),
        el(
          'table',
          { class: 'kl-values', 'data-testid': 'correlogram-table' },
          el('thead', {}, head),
          el('tbody', {}, ...body),
        ),
      ),
    );
  }
  const close = el(
    'button',
    { type: 'button', class: 'action', 'data-testid': 'correlogram-close' },
    tt('tree.ui.correlogram.close'),
  );
  close.addEventListener('click', closeDialog);
  parts.push(el('div', { class: 'kl-tree-buttons' }, close));
  root.replaceChildren(...parts);
  close.focus();
}

function start(): void {
  const root = document.getElementById('app') as HTMLElement;
  root.replaceChildren(el('p', { class: 'gray' }, '…'));
  server.getCorrelogram().then(
    (data) => render(root, data),
    (e) => root.replaceChildren(el('p', { class: 'error', role: 'alert' }, e instanceof Error ? e.message : String(e))),
  );
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
