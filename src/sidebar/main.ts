/**
 * The KPI Lamp sidebar (dist/Sidebar.html). Plain DOM, no framework.
 *
 * First round trip: the workbook's sheets and the active sheet's headers.
 * It follows the user's selection by asking the server for the active
 * range every few seconds while the sidebar is visible (a sidebar is told
 * nothing when the selection moves), less often once nothing has changed
 * for a while, and at once when the sidebar gets the focus.
 *
 * Every text that comes from the workbook (sheet names, headers, ranges,
 * error messages) enters the DOM as text (textContent), never as HTML.
 */
import { isLang, LANGS, pickLang, t, type Lang, type MessageKey, type MessageParams } from '../i18n/messages';
import type { SidebarContext } from '../server/api';
import { columnLetter } from '../core/table';
import { server } from './api-client';
import { mountLampsPanel } from './lamps-panel';
import { mountTreePanel } from './tree-panel';
import type { PanelEnv, PanelHandle } from './panel';

const POLL_MS = 2500;
const POLL_IDLE_MS = 15000;
const IDLE_AFTER_MS = 5 * 60 * 1000;

const LANG_NAMES: Record<Lang, string> = { ja: '日本語', en: 'English' };

/** The sidebar's tabs: the KPI tree builder, the Lamps panel, and the workbook's sheets. */
type Tab = 'tree' | 'lamps' | 'workbook';
const TABS: Tab[] = ['tree', 'lamps', 'workbook'];

interface State {
  tab: Tab;
  /** The first context has chosen the tab to open on. */
  opened: boolean;
  lang: Lang;
  ctx: SidebarContext | null;
  error: string | null;
  loading: boolean;
}

const state: State = {
  tab: 'workbook',
  opened: false,
  lang: pickLang(typeof navigator !== 'undefined' ? navigator.language : 'en'),
  ctx: null,
  error: null,
  loading: true,
};

/** Bumped by every user action, so that a poll started before it cannot undo it. */
let generation = 0;
let lastChange = Date.now();
let timer: ReturnType<typeof setTimeout> | undefined;
let polling = false;

// ---- DOM helpers (text only) ----------------------------------------------------

type Attrs = Record<string, string>;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

const tr = (key: MessageKey, params?: MessageParams) => t(state.lang, key, params);

/** What the tree and lamps panels get from the shell: the language, the context, the shared status line. */
const panelEnv: PanelEnv = {
  lang: () => state.lang,
  tr,
  context: () => state.ctx,
  showError: (e) => fail(e),
  clearError: () => {
    if (state.error !== null) {
      state.error = null;
      render();
    }
  },
  useCutoff: (node, cutoff, direction) => {
    showTab('tree');
    panels.tree?.useCutoff?.(node, cutoff, direction).catch((e) => fail(e));
  },
};
const panels: Partial<Record<Tab, PanelHandle>> = {};

function showTab(tab: Tab): void {
  if (tab !== state.tab && panels[state.tab]?.canLeave?.() === false) return;
  state.tab = tab;
  render();
  panels[tab]?.shown();
}

/** Letters of a 0-based column index. */
const indexLetter = (index: number) => columnLetter(index + 1);

// ---- rendering ---------------------------------------------------------------

function build(): void {
  const root = byId('app');
  root.replaceChildren(
    el(
      'div',
      { class: 'kl-head' },
      el('div', { class: 'kl-brand' }, el('span', { class: 'kl-lamp', 'aria-hidden': 'true' }), 'KPI Lamp'),
      el(
        'div',
        { class: 'kl-lang', role: 'group', id: 'lang-group' },
        ...LANGS.map((l) =>
          el('button', { type: 'button', 'data-lang': l, 'data-testid': `lang-${l}`, lang: l }, LANG_NAMES[l]),
        ),
      ),
    ),
    el(
      'div',
      { class: 'kl-tabs', role: 'tablist', id: 'tabs' },
      ...TABS.map((tab) =>
        el('button', {
          type: 'button',
          role: 'tab',
          id: `tab-${tab}`,
          'data-tab': tab,
          'data-testid': `tab-${tab}`,
          'aria-controls': `panel-${tab}`,
        }),
      ),
    ),
    el('div', { id: 'status', 'data-testid': 'status', role: 'status' }),
    el('div', {
      id: 'panel-tree',
      role: 'tabpanel',
      'aria-labelledby': 'tab-tree',
      'data-testid': 'panel-tree',
      hidden: '',
    }),
    el('div', {
      id: 'panel-lamps',
      role: 'tabpanel',
      'aria-labelledby': 'tab-lamps',
      'data-testid': 'panel-lamps',
      hidden: '',
    }),
    el(
      'div',
      { id: 'panel-workbook', role: 'tabpanel', 'aria-labelledby': 'tab-workbook', 'data-testid': 'panel-workbook' },
      el('p', { class: 'secondary kl-intro', id: 'intro' }),
      el(
        'div',
        { class: 'block' },
        el(
          'h2',
          { class: 'kl-h' },
          el('span', { id: 'sheets-title' }),
          ' ',
          el('span', { class: 'gray kl-count', id: 'sheets-count' }),
        ),
        el('ul', { class: 'kl-sheets', id: 'sheets', 'data-testid': 'sheets' }),
      ),
      el(
        'div',
        { class: 'block' },
        el('h2', { class: 'kl-h', id: 'headers-title', 'data-testid': 'headers-title' }),
        el('div', { class: 'gray kl-selection', id: 'selection', 'data-testid': 'selection' }),
        el('ol', { class: 'kl-headers', id: 'headers', 'data-testid': 'headers' }),
        el('p', { class: 'secondary', id: 'headers-empty', 'data-testid': 'headers-empty', hidden: '' }),
      ),
      el('div', { class: 'kl-foot' }, el('button', { type: 'button', id: 'refresh', 'data-testid': 'refresh' })),
    ),
  );
  byId('tabs').addEventListener('click', (ev) => {
    const b = (ev.target as HTMLElement).closest('button');
    const tab = b?.getAttribute('data-tab') as Tab | null;
    if (tab && TABS.includes(tab)) {
      state.opened = true; // the person chose: the first context does not choose for them
      showTab(tab);
    }
  });
  byId('tabs').addEventListener('keydown', (ev) => {
    const i = TABS.indexOf(state.tab);
    if (ev.key === 'ArrowRight' || ev.key === 'ArrowLeft') {
      const next = TABS[(i + (ev.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
      state.opened = true;
      showTab(next);
      byId(`tab-${next}`).focus();
    }
  });
  panels.tree = mountTreePanel(byId('panel-tree'), panelEnv);
  panels.lamps = mountLampsPanel(byId('panel-lamps'), panelEnv);
  byId('lang-group').addEventListener('click', (ev) => {
    const b = (ev.target as HTMLElement).closest('button');
    const l = b?.getAttribute('data-lang');
    if (isLang(l)) chooseLang(l);
  });
  byId('sheets').addEventListener('click', (ev) => {
    const b = (ev.target as HTMLElement).closest('button');
    const name = b?.getAttribute('data-sheet');
    if (name !== null && name !== undefined) selectSheet(name);
  });
  byId('refresh').addEventListener('click', () => load());
  // The page around the sidebar (the playground) switches the language for both.
  window.addEventListener('message', (ev) => {
    const data = ev.data as { kpiLamp?: unknown; lang?: unknown } | null;
    if (ev.origin !== location.origin || ev.source !== window.parent || !data || data.kpiLamp !== 'lang') return;
    if (isLang(data.lang) && data.lang !== state.lang) chooseLang(data.lang, true);
  });
}

function render(): void {
  const { ctx } = state;
  document.documentElement.lang = state.lang;
  byId('lang-group').setAttribute('aria-label', tr('sidebar.language'));
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-lang]'))) {
    const on = b.getAttribute('data-lang') === state.lang;
    b.setAttribute('aria-pressed', String(on));
    b.className = on ? 'action' : '';
  }
  for (const tab of TABS) {
    const on = tab === state.tab;
    const b = byId(`tab-${tab}`);
    b.textContent = tr(`sidebar.tab.${tab}` as MessageKey);
    b.setAttribute('aria-selected', String(on));
    b.setAttribute('tabindex', on ? '0' : '-1');
    b.className = on ? 'kl-tab kl-tab-on' : 'kl-tab';
    byId(`panel-${tab}`).hidden = !on;
  }
  byId('tabs').setAttribute('aria-label', tr('sidebar.tabs'));
  for (const p of Object.values(panels)) p?.render();
  byId('intro').textContent = tr('sidebar.intro');
  byId('refresh').textContent = tr('sidebar.refresh');
  byId('sheets-title').textContent = tr('sidebar.sheets');

  const status = byId('status');
  if (state.error !== null) {
    status.className = 'error kl-status';
    status.setAttribute('role', 'alert');
    status.textContent = tr('sidebar.error', { message: state.error });
  } else {
    status.className = 'gray kl-status';
    status.setAttribute('role', 'status');
    status.textContent = state.loading && !ctx ? tr('sidebar.loading') : '';
  }

  const sheets = byId('sheets');
  const count = byId('sheets-count');
  if (!ctx) {
    sheets.replaceChildren();
    count.textContent = '';
    byId('headers-title').textContent = '';
    byId('selection').textContent = '';
    byId('headers').replaceChildren();
    byId('headers-empty').hidden = true;
    return;
  }
  count.textContent = tr('sidebar.sheets.count', { count: ctx.sheets.length });
  sheets.replaceChildren(
    ...(ctx.sheets.length === 0
      ? [el('li', { class: 'secondary' }, tr('sidebar.sheets.none'))]
      : ctx.sheets.map((name) => {
          const active = name === ctx.activeSheet;
          const attrs: Attrs = {
            type: 'button',
            class: active ? 'kl-sheet kl-active' : 'kl-sheet',
            'data-sheet': name,
            title: tr('sidebar.sheet.go', { sheet: name }),
          };
          if (active) attrs['aria-current'] = 'true';
          return el('li', {}, el('button', attrs, name));
        })),
  );

  byId('headers-title').textContent = ctx.activeSheet === null ? '' : tr('sidebar.headers', { sheet: ctx.activeSheet });
  renderSelection();
  const headers = byId('headers');
  headers.replaceChildren(
    ...ctx.headers.map((h, i) =>
      el(
        'li',
        { 'data-column': indexLetter(i) },
        el('span', { class: 'kl-col gray' }, indexLetter(i)),
        h === ''
          ? el('span', { class: 'secondary kl-blank' }, tr('sidebar.blank_column'))
          : el('span', { class: 'kl-name' }, h),
      ),
    ),
  );
  const empty = byId('headers-empty');
  empty.hidden = !(ctx.activeSheet !== null && ctx.headers.length === 0);
  empty.textContent = tr('sidebar.headers.empty');
}

function renderSelection(): void {
  const ctx = state.ctx;
  if (!ctx) return;
  const range = ctx.activeRange;
  byId('selection').textContent =
    (range ? tr('sidebar.selection', { range }) : tr('sidebar.selection.none')) +
    (ctx.headers.length ? ` · ${tr('sidebar.headers.count', { count: ctx.headers.length })}` : '');
}

// ---- server round trips ---------------------------------------------------------

function message(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

function apply(ctx: SidebarContext): void {
  state.ctx = ctx;
  state.lang = ctx.lang;
  state.error = null;
  state.loading = false;
  lastChange = Date.now();
  render();
  // The sidebar opens on the tab that matters: Lamps once a tree exists, the KPI tree before.
  if (!state.opened) {
    state.opened = true;
    showTab(ctx.hasTree ? 'lamps' : 'tree');
  }
}

function fail(e: unknown): void {
  state.error = message(e);
  state.loading = false;
  render();
}

async function load(): Promise<void> {
  const g = ++generation;
  state.loading = true;
  render();
  try {
    const ctx = await server.getContext();
    if (g === generation) apply(ctx);
  } catch (e) {
    if (g === generation) fail(e);
  }
}

/**
 * The language: the labels change at once; the server remembers the choice
 * (the user's, and the workbook's: what the run writes follows it); the
 * shown panel loads again, since the server words some of its texts (a
 * lamp's reason). `fromHost`: the page around the sidebar asked (the
 * playground's switch); otherwise the page is told, where there is one that
 * listens (only a page of the sidebar's own origin can receive it).
 */
async function chooseLang(lang: Lang, fromHost = false): Promise<void> {
  const g = ++generation;
  state.lang = lang;
  render();
  if (!fromHost && window.parent !== window) window.parent.postMessage({ kpiLamp: 'lang', lang }, location.origin);
  try {
    const ctx = await server.setLang(lang);
    if (g !== generation) return;
    apply(ctx);
    panels[state.tab]?.shown();
  } catch (e) {
    if (g === generation) fail(e);
  }
}

async function selectSheet(sheet: string): Promise<void> {
  const g = ++generation;
  try {
    const ctx = await server.selectSheet(sheet);
    if (g === generation) apply(ctx);
  } catch (e) {
    if (g === generation) fail(e);
  }
}

async function poll(): Promise<void> {
  if (polling || !state.ctx || document.visibilityState === 'hidden') return;
  polling = true;
  const g = generation;
  try {
    const sel = await server.getSelection();
    if (g !== generation || !state.ctx) return;
    if (sel.activeSheet !== state.ctx.activeSheet) {
      await load();
    } else if (sel.activeRange !== state.ctx.activeRange) {
      state.ctx = { ...state.ctx, activeRange: sel.activeRange };
      state.error = null;
      lastChange = Date.now();
      render();
    } else if (state.error !== null) {
      state.error = null;
      render();
    }
  } catch (e) {
    if (g === generation) fail(e);
  } finally {
    polling = false;
  }
}

function schedule(): void {
  if (timer !== undefined) clearTimeout(timer);
  const wait = Date.now() - lastChange > IDLE_AFTER_MS ? POLL_IDLE_MS : POLL_MS;
  timer = setTimeout(() => {
    poll().finally(schedule);
  }, wait);
}

function start(): void {
  build();
  render();
  load().finally(schedule);
  window.addEventListener('focus', () => {
    lastChange = Date.now();
    poll();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') poll();
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
