/**
 * The KPI tree builder panel (the sidebar's 'tree' tab): the tree drawn
 * from the KGI down, each node with its kind, a lamp-style badge for its
 * verdict and its warnings in plain words; add, edit, move and delete
 * nodes in a draft that is saved as a whole (the server validates it fully
 * before writing anything); import and export of kpi-lamp/tree@1 JSON.
 *
 * Unsaved edits: a dirty flag, an "Unsaved changes" marker with Save and
 * Discard, a warning before another tab is shown (canLeave) and before the
 * page is closed (beforeunload).
 *
 * Keyboard: the tree is one tab stop (roving tabindex); arrow keys move,
 * Enter edits, Home/End jump. Text from the workbook and from people enters
 * the DOM as text only.
 */
import type { MessageParams } from '../i18n/messages';
import { treeText, type TreeClientKey } from '../i18n/tree-ui-messages';
import type { MessageKey } from '../i18n/messages';
import type { TreeDoc, TreeState, VerdictView } from '../server/tree-api';
import type { PanelEnv, PanelHandle } from './panel';
import { server } from './api-client';
import { DEFAULT_SETTINGS } from '../core/tree/types';
import { el, percentHint, readNumber, showNumber } from './tree-dom';
import { cardText, chipCode } from '../i18n/evidence-text';
import { mountEditor, type DraftNode, type EditorHost } from './tree-editor';
import { capThresholds } from '../core/lamps/budget';
import type { Direction, Thresholds } from '../core/tree/types';
import { evidenceText, type EvidenceKey } from '../i18n/evidence-messages';
import { num } from '../i18n/lamp-text';
import { chipElement, evidenceBadge, reportCard, verdictDetail } from './report-card';

type Message = { kind: 'error' | 'info'; lines: string[]; testid: string } | null;

export function mountTreePanel(root: HTMLElement, env: PanelEnv): PanelHandle {
  const tt = (key: TreeClientKey | MessageKey, params?: MessageParams) => treeText(env.lang(), key, params);

  let state: TreeState | null = null;
  let draft: TreeDoc | null = null;
  let dirty = false;
  let selected: string | null = null;
  let editing: string | null = null;
  let message: Message = null;
  let loading = false;
  let leaveWarned = false;
  let lang = env.lang();
  let seq = 0;

  const heading = el('h2', { class: 'kl-h' });
  const bar = el('div', { class: 'kl-tree-bar', 'data-testid': 'tree-bar' });
  const notice = el('div', { 'data-testid': 'tree-message', role: 'status' });
  const problems = el('div', { 'data-testid': 'tree-issues' });
  const starter = el('div', { 'data-testid': 'tree-starter' });
  const treeList = el('ul', { class: 'kl-tree', role: 'tree', 'data-testid': 'tree' });
  const hint = el('p', { class: 'gray kl-tree-hint' });
  const tools = el('div', { class: 'kl-tree-tools', 'data-testid': 'tree-tools' });
  const editorBox = el('div', { 'data-testid': 'tree-editor-box' });
  const nodeCardBox = el('div', { class: 'kl-node-card', 'data-testid': 'tree-node-card' });
  const settingsBox = el('details', { class: 'kl-tree-io', 'data-testid': 'tree-settings' });
  const io = el('details', { class: 'kl-tree-io', 'data-testid': 'tree-io' });
  root.append(heading, bar, notice, problems, starter, treeList, hint, tools, nodeCardBox, editorBox, settingsBox, io);
  const ev = (key: EvidenceKey | MessageKey, params?: MessageParams) => evidenceText(env.lang(), key, params);
  /** A verdict as the chip and sentence functions read it. */
  const chipVerdict = (v: VerdictView) => ({ ...v, inferred_kind: v.inferred_kind as 'none', declared_kind: v.declared_kind as null, lags: v.considered.changes });
  const cardOf = (id: string) => state?.cards.find((c) => c.node === id);
  const kgiName = () => state?.kgi ?? nodes().find((n) => n.parent === null)?.name ?? '';

  const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
  const nodes = (): DraftNode[] => (draft ? (draft.nodes as DraftNode[]) : []);
  const byId = (id: string | null) => nodes().find((n) => n.id === id);
  /** Verdicts of the unsaved draft, when asked for (cleared by the next edit). */
  let draftVerdicts: VerdictView[] | null = null;
  const verdictOf = (id: string): VerdictView | undefined => (dirty && draftVerdicts ? draftVerdicts : state?.verdicts)?.find((v) => v.id === id);

  /** Depth-first from the root, children in `nodes` order; nodes not reached (never, in a valid draft) last. */
  function ordered(): { node: DraftNode; depth: number }[] {
    const out: { node: DraftNode; depth: number }[] = [];
    const seen = new Set<string>();
    const visit = (n: DraftNode, depth: number) => {
      if (seen.has(n.id)) return;
      seen.add(n.id);
      out.push({ node: n, depth });
      for (const c of nodes().filter((x) => x.parent === n.id)) visit(c, depth + 1);
    };
    for (const r of nodes().filter((n) => n.parent === null)) visit(r, 0);
    for (const n of nodes()) if (!seen.has(n.id)) visit(n, 0);
    return out;
  }

  // ---- changes to the draft ----------------------------------------------------------------

  function markDirty(): void {
    dirty = true;
    draftVerdicts = null;
    leaveWarned = false;
    message = null;
    renderBar();
    renderNotice();
    renderTree(false);
    editor.refreshVerdict();
    if (editing) schedulePreview(editing, null);
  }

  const editorHost: EditorHost = {
    tt,
    lang: () => env.lang(),
    kgi: () => kgiName(),
    nodes,
    columns: () => state?.columns ?? { accounts: [], history: [], snapshots: [] },
    plans: () => state?.plans ?? [],
    verdict: (id) => verdictOf(id),
    saved: (id) => !!state?.tree?.nodes.some((n) => n.id === id),
    dirty: () => dirty,
    draftJudged: () => dirty && draftVerdicts !== null,
    judgeDraft: () => {
      void judgeDraft();
    },
    changed: () => markDirty(),
    renamed: (from, to) => {
      for (const n of nodes()) if (n.parent === from) n.parent = to;
      if (selected === from) selected = to;
      if (editing === from) editing = to;
    },
    structureChanged: () => {
      markDirty();
    },
    close: () => {
      editing = null;
      renderEditor();
      focusSelected();
    },
    openCorrelogram: (id) => {
      server.openCorrelogram(id).catch((e) => env.showError(e));
    },
    preview: (id, typed) => schedulePreview(id, typed),
  };
  const editor = mountEditor(editorBox, editorHost);

  // ---- the threshold preview: what the draft would light, before saving ---------------------

  const PREVIEW_WAIT_MS = 450;
  let previewTimer: ReturnType<typeof setTimeout> | undefined;
  let previewSeq = 0;

  /** Asks the server, once typing pauses, what the draft (with a threshold being typed) would do for a node. */
  function schedulePreview(id: string, typed: { key: 'warn' | 'alert'; value: number | undefined } | null): void {
    const box = editorBox.querySelector<HTMLElement>('[data-testid="threshold-preview"]');
    if (!box || !draft) return;
    if (previewTimer !== undefined) clearTimeout(previewTimer);
    const doc = clone(draft);
    const n = (doc.nodes as DraftNode[]).find((x) => x.id === id);
    if (n && typed) {
      if (typed.value === undefined) delete n[typed.key];
      else n[typed.key] = typed.value;
    }
    box.replaceChildren(el('h4', { class: 'kl-h4' }, ev('ui.preview')), el('p', { class: 'gray kl-card-line' }, ev('ui.preview.waiting')));
    const mine = ++previewSeq;
    previewTimer = setTimeout(() => {
      server.previewThreshold(doc, id).then(
        (r) => {
          if (mine !== previewSeq) return;
          const target = editorBox.querySelector<HTMLElement>('[data-testid="threshold-preview"]');
          if (target) drawPreview(target, r);
        },
        (e) => env.showError(e),
      );
    }, PREVIEW_WAIT_MS);
  }

  function drawPreview(box: HTMLElement, r: Awaited<ReturnType<typeof server.previewThreshold>>): void {
    const parts: HTMLElement[] = [el('h4', { class: 'kl-h4' }, ev('ui.preview'))];
    if (!r.ok) parts.push(lines('error', [tt('tree.ui.judge_failed'), ...r.issues], 'preview-issues'));
    else if (!r.card) parts.push(el('p', { class: 'gray kl-card-line' }, ev('ui.preview.none')));
    else {
      const lang = env.lang();
      const t = cardText(lang, r.card, kgiName());
      parts.push(
        el('p', { class: 'kl-card-line', 'data-testid': 'preview-today' }, t.today),
        ...t.history.map((x) => el('p', { class: 'kl-card-line', 'data-testid': 'preview-history' }, x)),
        el('p', { class: 'kl-card-line', 'data-testid': 'preview-evidence' }, evidenceBadge(lang, r.card.evidence, 'preview-badge'), ' ', t.evidence),
      );
      if (t.smallSample) parts.push(el('p', { class: 'kl-card-small', 'data-testid': 'preview-small' }, `⚠ ${t.smallSample}`));
      if (r.budget) parts.push(el('p', { class: 'kl-card-line', 'data-testid': 'preview-budget' }, ev(r.card.today.lit <= r.budget.maxLit ? 'ui.preview.budget' : 'ui.preview.over', { max: r.budget.maxLit })));
      parts.push(el('p', { class: 'kl-card-raw gray' }, t.overlap));
    }
    box.replaceChildren(...parts);
  }

  // ---- a cut-off from the alert budget, into the draft ------------------------------------------

  /** Brings every threshold of a node (its own and each plan's) that would light more to the cut-off, in the draft. */
  async function useCutoff(id: string, cutoff: number, direction: Direction): Promise<void> {
    if (!state) await load(true);
    const n = byId(id);
    if (!draft || !n) return;
    const capped = capThresholds({ warn: n.warn as number | undefined, alert: n.alert as number | undefined }, direction, cutoff);
    for (const k of ['warn', 'alert'] as const) {
      if (capped[k] === undefined) delete n[k];
      else n[k] = capped[k];
    }
    if (n.by_plan && typeof n.by_plan === 'object') {
      const plans = n.by_plan as Record<string, Thresholds>;
      for (const plan of Object.keys(plans)) plans[plan] = capThresholds(plans[plan], direction, cutoff);
    }
    selected = id;
    editing = id;
    markDirty();
    renderEditor();
    say('info', [ev('budget.applied', { cutoff: num(cutoff), name: n.name })], 'tree-message');
  }

  function uniqueId(base: string): string {
    let i = 1;
    while (byId(`${base}_${i}`)) i++;
    return `${base}_${i}`;
  }

  function addChild(): void {
    const parent = byId(selected) ?? nodes().find((n) => n.parent === null);
    if (!parent) return;
    const n: DraftNode = { id: uniqueId('kpi'), parent: parent.id, type: 'kpi', name: tt('tree.ui.new_node') };
    draft!.nodes.push(n);
    selected = n.id;
    editing = n.id;
    markDirty();
    renderEditor();
    editor.focusFirst();
  }

  function move(delta: -1 | 1): void {
    const n = byId(selected);
    if (!n || n.parent === null) return;
    const list = nodes();
    const siblings = list.filter((x) => x.parent === n.parent);
    const i = siblings.indexOf(n);
    const other = siblings[i + delta];
    if (!other) return;
    const a = list.indexOf(n);
    const b = list.indexOf(other);
    list[a] = other;
    list[b] = n;
    markDirty();
    focusSelected();
  }

  function remove(): void {
    const n = byId(selected);
    if (!n) return;
    if (n.parent === null) return say('error', [tt('tree.ui.delete_root')], 'tree-message');
    if (nodes().some((x) => x.parent === n.id)) return say('error', [tt('tree.ui.delete_has_children', { name: n.name })], 'tree-message');
    const list = nodes();
    const order = ordered().map((o) => o.node.id);
    const next = order[order.indexOf(n.id) + 1] ?? order[order.indexOf(n.id) - 1] ?? null;
    list.splice(list.indexOf(n), 1);
    selected = next && byId(next) ? next : n.parent;
    if (editing === n.id) editing = null;
    markDirty();
    renderEditor();
    focusSelected();
  }

  function edit(id: string): void {
    selected = id;
    editing = id;
    renderTree(false);
    renderTools();
    renderEditor();
    editor.focusFirst();
  }

  // ---- server round trips --------------------------------------------------------------------

  function adopt(s: TreeState, keepDraft = false): void {
    state = s;
    if (!keepDraft || !dirty) {
      draft = s.tree ? clone(s.tree) : null;
      dirty = false;
      if (!byId(selected)) selected = nodes().find((n) => n.parent === null)?.id ?? null;
      if (!byId(editing)) editing = null;
    }
    renderAll();
  }

  async function load(keepDraft = false): Promise<void> {
    const mine = ++seq;
    loading = true;
    renderNotice();
    try {
      const s = await server.getTreeState();
      if (mine !== seq) return;
      loading = false;
      adopt(s, keepDraft);
    } catch (e) {
      loading = false;
      renderNotice();
      env.showError(e);
    }
  }

  function say(kind: 'error' | 'info', lines: string[], testid: string): void {
    message = { kind, lines, testid };
    renderNotice();
    renderIo();
  }

  async function judgeDraft(): Promise<void> {
    if (!draft) return;
    const mine = ++seq;
    try {
      const r = await server.checkDraft(draft);
      if (mine !== seq) return;
      if (r.ok) {
        draftVerdicts = r.verdicts;
        renderTree(false);
        editor.refreshVerdict();
      } else say('error', [tt('tree.ui.judge_failed'), ...r.issues], 'tree-message');
    } catch (e) {
      env.showError(e);
    }
  }

  async function save(): Promise<void> {
    if (!draft) return;
    const mine = ++seq;
    try {
      const r = await server.saveTree(draft);
      if (mine !== seq) return;
      if (r.ok && r.state) {
        dirty = false;
        adopt(r.state);
        say('info', [tt('tree.ui.saved')], 'tree-message');
      } else say('error', [tt('tree.ui.save_failed'), ...r.issues], 'tree-message');
    } catch (e) {
      env.showError(e);
    }
  }

  function discard(): void {
    draft = state?.tree ? clone(state.tree) : null;
    dirty = false;
    message = null;
    if (!byId(selected)) selected = nodes().find((n) => n.parent === null)?.id ?? null;
    if (!byId(editing)) editing = null;
    renderAll();
  }

  async function start(which: 'minimal' | 'sample'): Promise<void> {
    try {
      draft = await server.starterTree(which);
      selected = nodes().find((n) => n.parent === null)?.id ?? null;
      editing = null;
      markDirty();
      renderAll();
      focusSelected();
    } catch (e) {
      env.showError(e);
    }
  }

  async function importText(text: string): Promise<void> {
    if (dirty) return say('error', [tt('tree.ui.import.dirty')], 'tree-io-message');
    try {
      const r = await server.importTree(text);
      if (r.ok && r.state) {
        adopt(r.state);
        say('info', [tt('tree.ui.import.done', { count: r.state.tree?.nodes.length ?? 0 })], 'tree-io-message');
      } else say('error', [tt('tree.ui.import.failed'), ...r.issues], 'tree-io-message');
    } catch (e) {
      env.showError(e);
    }
  }

  let exported: { json: string | null } | null = null;
  let downloadUrl: string | null = null;
  async function exportTree(): Promise<void> {
    try {
      exported = await server.exportTree();
      renderIo();
    } catch (e) {
      env.showError(e);
    }
  }

  // ---- rendering -----------------------------------------------------------------------------

  function renderBar(): void {
    if (!dirty) {
      bar.hidden = true;
      bar.replaceChildren();
      return;
    }
    bar.hidden = false;
    const saveB = el('button', { type: 'button', class: 'action', 'data-testid': 'tree-save' }, tt('tree.ui.save'));
    const discardB = el('button', { type: 'button', 'data-testid': 'tree-discard' }, tt('tree.ui.discard'));
    saveB.addEventListener('click', () => void save());
    discardB.addEventListener('click', discard);
    bar.replaceChildren(el('span', { class: 'kl-unsaved', 'data-testid': 'tree-unsaved' }, tt('tree.ui.unsaved')), el('span', { class: 'kl-tree-bar-buttons' }, saveB, discardB));
  }

  function lines(kind: 'error' | 'info', items: string[], testid: string): HTMLElement {
    const [first, ...rest] = items;
    return el(
      'div',
      { class: kind === 'error' ? 'error kl-tree-msg' : 'gray kl-tree-msg', 'data-testid': testid, role: kind === 'error' ? 'alert' : 'status' },
      el('p', {}, first ?? ''),
      rest.length ? el('ul', {}, ...rest.map((x) => el('li', {}, x))) : null,
    );
  }

  function renderNotice(): void {
    const parts: HTMLElement[] = [];
    if (loading && !state) parts.push(el('p', { class: 'gray' }, tt('tree.ui.loading')));
    if (message && message.testid === 'tree-message') parts.push(lines(message.kind, message.lines, 'tree-message-text'));
    if (leaveWarned && dirty) parts.push(lines('error', [tt('tree.ui.leave_warning')], 'tree-leave-warning'));
    notice.replaceChildren(...parts);
  }

  function renderProblems(): void {
    if (!state || state.status !== 'invalid') return problems.replaceChildren();
    problems.replaceChildren(lines('error', [tt(state.tree ? 'tree.ui.invalid' : 'tree.ui.invalid_no_last_good'), ...state.issues], 'tree-issues-text'));
  }

  function renderStarter(): void {
    if (!state || state.status !== 'none' || draft) return starter.replaceChildren();
    const buttons = state.starters.map((which) => {
      const b = el('button', { type: 'button', class: which === 'minimal' ? 'action' : '', 'data-testid': `tree-start-${which}` }, tt(`tree.ui.start.${which}`));
      b.addEventListener('click', () => void start(which));
      return b;
    });
    starter.replaceChildren(el('p', {}, tt('tree.ui.none')), el('div', { class: 'kl-tree-buttons' }, ...buttons));
  }

  function kindLine(n: DraftNode): string {
    const type = tt(`term.${n.type}` as MessageKey);
    return n.kind ? `${type} · ${tt(`term.${n.kind}` as MessageKey)}` : type;
  }

  function renderTree(focus: boolean): void {
    const rows = ordered();
    treeList.setAttribute('aria-label', tt('tree.ui.tree_label'));
    treeList.hidden = rows.length === 0;
    hint.hidden = rows.length === 0;
    hint.textContent = tt('tree.ui.keyboard_hint');
    if (!byId(selected)) selected = rows[0]?.node.id ?? null;
    treeList.replaceChildren(
      ...rows.map(({ node: n, depth }) => {
        const v = n.type === 'kpi' || n.type === 'composite' ? verdictOf(n.id) : undefined;
        const judged = n.type === 'kpi' || n.type === 'composite';
        const badge = v ? v.badge : judged ? 'none' : null;
        const on = n.id === selected;
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
            badge ? el('span', { class: `kl-badge kl-badge-${badge}`, role: 'img', 'aria-label': tt(`tree.ui.badge.${badge}`), title: tt(`tree.ui.badge.${badge}`), 'data-badge': badge }) : null,
            el('span', { class: 'kl-node-name' }, n.name || n.id),
          ),
          el('div', { class: 'kl-node-kind gray' }, kindLine(n)),
        );
        // The verdict in one glance, and the lamp's evidence, without opening the editor.
        const card = cardOf(n.id);
        if (v || card) {
          item.append(
            el(
              'div',
              { class: 'kl-node-chips' },
              v ? chipElement(env.lang(), chipVerdict(v), kgiName(), `chip-${n.id}`) : null,
              card ? evidenceBadge(env.lang(), card.evidence, `evidence-${n.id}`) : null,
              card?.gated ? el('span', { class: 'kl-watch-tag' }, ev('term.gated')) : null,
            ),
          );
        }
        // The warnings the chip does not already say (its "Not significant" is not repeated below it).
        const said = v ? chipCode(chipVerdict(v)) : null;
        const warnings = v ? v.warnings.filter((w) => w !== said) : [];
        if (warnings.length) {
          item.append(el('ul', { class: 'kl-node-warnings', 'data-testid': `warnings-${n.id}` }, ...warnings.map((w) => el('li', { 'data-warning': w }, tt(`warning.${w}` as MessageKey)))));
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
    const n = byId(selected);
    const v = n && (n.type === 'kpi' || n.type === 'composite') ? verdictOf(n.id) : undefined;
    if (!n || !v || editing === n.id) return nodeCardBox.replaceChildren();
    const card = cardOf(n.id);
    const parts: HTMLElement[] = [];
    if (card) {
      parts.push(
        reportCard(env.lang(), card, kgiName(), {
          open: true,
          budget: state?.budget ? { maxLit: state.budget.maxLit, accounts: state.budget.accounts } : null,
          onUseCutoff: (cutoff) => void useCutoff(card.node, cutoff, card.direction),
        }),
      );
    } else parts.push(el('div', { class: 'kl-card' }, el('strong', {}, n.name), verdictDetail(env.lang(), chipVerdict(v), kgiName())));
    nodeCardBox.replaceChildren(...parts);
  }

  function renderTools(): void {
    renderNodeCard();
    const n = byId(selected);
    if (!n || !draft) return tools.replaceChildren();
    const b = (key: TreeClientKey, testid: string, on: () => void, disabled = false) => {
      const x = el('button', { type: 'button', 'data-testid': testid }, tt(key));
      x.disabled = disabled;
      x.addEventListener('click', on);
      return x;
    };
    const siblings = nodes().filter((x) => x.parent === n.parent);
    const i = siblings.indexOf(n);
    tools.replaceChildren(
      b('tree.ui.add_child', 'tree-add', addChild),
      b('tree.ui.edit', 'tree-edit', () => edit(n.id)),
      b('tree.ui.move_up', 'tree-up', () => move(-1), n.parent === null || i <= 0),
      b('tree.ui.move_down', 'tree-down', () => move(1), n.parent === null || i >= siblings.length - 1),
      b('tree.ui.delete', 'tree-delete', remove, n.parent === null),
    );
  }

  function renderEditor(): void {
    editor.show(byId(editing) ?? null);
  }

  /**
   * The tree's settings (collapsible): sheet pickers from the workbook's
   * sheets, column bindings as text with the sheets' headers offered, and
   * the lead/lag numbers, each checked against the contract's range. An
   * empty field means the default. Edits go into the draft.
   */
  function renderSettings(): void {
    if (!draft) {
      settingsBox.hidden = true;
      settingsBox.replaceChildren();
      return;
    }
    settingsBox.hidden = false;
    if (!draft.settings || typeof draft.settings !== 'object') draft.settings = {};
    const s = draft.settings;
    let n = 0;
    const field = (label: string, control: HTMLElement, extra: HTMLElement | null = null) => {
      const id = `ts-${++n}`;
      control.id = id;
      return el('div', { class: 'kl-field' }, el('label', { for: id }, label), control, extra);
    };
    const put = (target: Record<string, unknown>, key: string, value: unknown) => {
      if (value === undefined || value === '') delete target[key];
      else target[key] = value;
    };

    const sheetNames = state?.sheets ?? [];
    const sheet = (key: 'accounts_sheet' | 'snapshots_sheet' | 'history_sheet') => {
      const select = el('select', { 'data-setting': key }) as HTMLSelectElement;
      const cur = typeof s[key] === 'string' ? (s[key] as string) : DEFAULT_SETTINGS[key];
      for (const name of sheetNames) select.append(el('option', { value: name }, name));
      if (!sheetNames.includes(cur)) select.append(el('option', { value: cur }, tt('tree.ui.settings.sheet_missing', { sheet: cur })));
      select.value = cur;
      select.addEventListener('change', () => {
        put(s, key, select.value);
        markDirty();
      });
      return field(tt(`tree.ui.settings.${key}`), select);
    };

    const c = state?.columns ?? { accounts: [], history: [], snapshots: [] };
    const headerList = el('datalist', { id: 'ts-headers' }, ...[...new Set([...c.accounts, ...c.snapshots, ...c.history])].map((h) => el('option', { value: h })));
    const columnKeys = Object.keys(DEFAULT_SETTINGS.columns) as (keyof typeof DEFAULT_SETTINGS.columns)[];
    const column = (key: (typeof columnKeys)[number]) => {
      const cols = (s.columns && typeof s.columns === 'object' ? s.columns : {}) as Record<string, unknown>;
      const input = el('input', { type: 'text', 'data-setting': `columns.${key}`, list: 'ts-headers', autocomplete: 'off', placeholder: DEFAULT_SETTINGS.columns[key] }) as HTMLInputElement;
      input.value = typeof cols[key] === 'string' ? (cols[key] as string) : '';
      input.addEventListener('change', () => {
        const next = { ...((s.columns && typeof s.columns === 'object' ? s.columns : {}) as Record<string, unknown>) };
        put(next, key, input.value.trim());
        if (Object.keys(next).length) s.columns = next;
        else delete s.columns;
        markDirty();
      });
      return field(tt(`tree.ui.settings.column.${key}`), input, el('span', { class: 'kl-field-note gray' }, tt('tree.ui.settings.default', { value: DEFAULT_SETTINGS.columns[key] })));
    };

    const ranges: Record<'significance' | 'max_lag' | 'horizon_months', (v: number) => boolean> = {
      significance: (v) => v > 0 && v < 1,
      max_lag: (v) => Number.isInteger(v) && v >= 0 && v <= 24,
      horizon_months: (v) => Number.isInteger(v) && v >= 1 && v <= 24,
    };
    const numberSetting = (key: keyof typeof ranges) => {
      const input = el('input', { type: 'text', inputmode: 'decimal', 'data-setting': key, autocomplete: 'off', placeholder: showNumber(DEFAULT_SETTINGS[key]) }) as HTMLInputElement;
      const err = el('span', { class: 'kl-field-note error', role: 'alert', 'data-testid': `setting-error-${key}` });
      input.value = typeof s[key] === 'number' ? showNumber(s[key] as number) : '';
      input.addEventListener('change', () => {
        const v = readNumber(input.value);
        if (v === null || (v !== undefined && !ranges[key](v))) {
          err.textContent = tt('tree.ui.settings.bad_range', { value: input.value, range: tt(`tree.ui.settings.range.${key}`) });
          input.setAttribute('aria-invalid', 'true');
          return;
        }
        err.textContent = '';
        input.removeAttribute('aria-invalid');
        put(s, key, v);
        input.value = v === undefined ? '' : showNumber(v);
        markDirty();
      });
      return field(tt(`tree.ui.settings.${key}`), input, el('span', {}, el('span', { class: 'kl-field-note gray' }, tt('tree.ui.settings.default', { value: showNumber(DEFAULT_SETTINGS[key]) })), err));
    };

    // Evidence: gate or show (absent means show: a tree written before the setting keeps lighting what it lit).
    const evidenceSelect = el('select', { 'data-setting': 'evidence' }) as HTMLSelectElement;
    for (const mode of ['gate', 'show'] as const) evidenceSelect.append(el('option', { value: mode }, ev(`ui.settings.evidence.${mode}`)));
    evidenceSelect.value = s.evidence === 'gate' ? 'gate' : 'show';
    evidenceSelect.addEventListener('change', () => {
      s.evidence = evidenceSelect.value;
      markDirty();
    });
    const budgetInput = el('input', { type: 'text', inputmode: 'decimal', 'data-setting': 'alert_budget', autocomplete: 'off', placeholder: showNumber(DEFAULT_SETTINGS.alert_budget) }) as HTMLInputElement;
    const budgetErr = el('span', { class: 'kl-field-note error', role: 'alert', 'data-testid': 'setting-error-alert_budget' });
    const budgetNote = el('span', { class: 'kl-field-note gray' });
    const showBudget = () => {
      budgetInput.value = typeof s.alert_budget === 'number' ? showNumber(s.alert_budget) : '';
      budgetNote.textContent = tt('tree.ui.settings.default', { value: `${showNumber(DEFAULT_SETTINGS.alert_budget)} (${percentHint(typeof s.alert_budget === 'number' ? s.alert_budget : DEFAULT_SETTINGS.alert_budget)})` });
    };
    showBudget();
    budgetInput.addEventListener('change', () => {
      const v = readNumber(budgetInput.value);
      if (v === null || (v !== undefined && !(v >= 0 && v <= 1))) {
        budgetErr.textContent = ev('ui.settings.alert_budget.bad', { value: budgetInput.value });
        budgetInput.setAttribute('aria-invalid', 'true');
        return;
      }
      budgetErr.textContent = '';
      budgetInput.removeAttribute('aria-invalid');
      put(s, 'alert_budget', v);
      showBudget();
      markDirty();
    });

    settingsBox.replaceChildren(
      el('summary', {}, tt('tree.ui.settings')),
      field(ev('ui.settings.evidence'), evidenceSelect),
      field(ev('ui.settings.alert_budget'), budgetInput, el('span', {}, budgetNote, budgetErr)),
      el('p', { class: 'gray kl-tree-small' }, tt('tree.ui.settings.help')),
      sheet('accounts_sheet'),
      sheet('snapshots_sheet'),
      sheet('history_sheet'),
      el('fieldset', { class: 'kl-by-plan' }, el('legend', {}, tt('tree.ui.settings.columns')), headerList, ...columnKeys.map(column)),
      numberSetting('significance'),
      numberSetting('max_lag'),
      numberSetting('horizon_months'),
    );
  }

  function renderIo(): void {
    const summary = el('summary', {}, tt('tree.ui.io'));
    const area = el('textarea', { rows: '5', class: 'kl-tree-json', 'data-testid': 'tree-import-text', 'aria-label': tt('tree.ui.import.paste'), spellcheck: 'false' }) as HTMLTextAreaElement;
    const prev = io.querySelector<HTMLTextAreaElement>('[data-testid="tree-import-text"]');
    if (prev) area.value = prev.value;
    const file = el('input', { type: 'file', accept: '.json,application/json', 'data-testid': 'tree-import-file', 'aria-label': tt('tree.ui.import.file') }) as HTMLInputElement;
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (f) f.text().then((text) => {
        area.value = text;
      });
    });
    const importB = el('button', { type: 'button', class: 'action', 'data-testid': 'tree-import' }, tt('tree.ui.import'));
    importB.addEventListener('click', () => void importText(area.value));
    const exportB = el('button', { type: 'button', 'data-testid': 'tree-export' }, tt('tree.ui.export'));
    exportB.addEventListener('click', () => void exportTree());
    const out: HTMLElement[] = [];
    if (exported) {
      if (exported.json === null) out.push(el('p', { class: 'gray' }, tt('tree.ui.export.none')));
      else {
        const shown = el('textarea', { rows: '6', readonly: '', class: 'kl-tree-json', 'data-testid': 'tree-export-text', spellcheck: 'false' }) as HTMLTextAreaElement;
        shown.value = exported.json;
        if (downloadUrl) URL.revokeObjectURL(downloadUrl);
        downloadUrl = URL.createObjectURL(new Blob([exported.json], { type: 'application/json' }));
        out.push(shown, el('a', { href: downloadUrl, download: 'kpi-tree.json', 'data-testid': 'tree-download' }, tt('tree.ui.export.download')));
      }
    }
    io.replaceChildren(
      summary,
      el('p', { class: 'kl-tree-small' }, tt('tree.ui.import.paste')),
      area,
      el('div', { class: 'kl-tree-buttons' }, file),
      el('div', { class: 'kl-tree-buttons' }, importB, exportB),
      message && message.testid === 'tree-io-message' ? lines(message.kind, message.lines, 'tree-io-message') : el('span', {}),
      ...out,
    );
  }

  function renderAll(): void {
    heading.textContent = tt('tree.ui.title');
    renderBar();
    renderNotice();
    renderProblems();
    renderStarter();
    renderTree(false);
    renderEditor();
    renderSettings();
    renderIo();
  }

  // ---- events --------------------------------------------------------------------------------

  treeList.addEventListener('click', (ev) => {
    const item = (ev.target as HTMLElement).closest<HTMLElement>('[data-node]');
    if (!item) return;
    selected = item.getAttribute('data-node');
    renderTree(true);
  });
  treeList.addEventListener('dblclick', (ev) => {
    const item = (ev.target as HTMLElement).closest<HTMLElement>('[data-node]');
    if (item) edit(item.getAttribute('data-node') as string);
  });
  treeList.addEventListener('keydown', (ev) => {
    const ids = ordered().map((o) => o.node.id);
    const i = ids.indexOf(selected as string);
    let next: string | undefined;
    if (ev.key === 'ArrowDown') next = ids[Math.min(ids.length - 1, i + 1)];
    else if (ev.key === 'ArrowUp') next = ids[Math.max(0, i - 1)];
    else if (ev.key === 'Home') next = ids[0];
    else if (ev.key === 'End') next = ids[ids.length - 1];
    else if (ev.key === 'Enter' && selected) {
      ev.preventDefault();
      edit(selected);
      return;
    } else return;
    ev.preventDefault();
    if (next) {
      selected = next;
      renderTree(true);
    }
  });
  window.addEventListener('beforeunload', (ev) => {
    if (!dirty) return;
    ev.preventDefault();
    ev.returnValue = tt('tree.ui.beforeunload');
  });

  renderAll();

  return {
    shown() {
      void load(true);
    },
    render() {
      if (env.lang() !== lang) {
        lang = env.lang();
        renderAll();
        if (state) void load(true); // the problems' text, in the new language
      } else heading.textContent = tt('tree.ui.title');
    },
    useCutoff,
    canLeave() {
      if (!dirty || leaveWarned) return true;
      leaveWarned = true;
      renderNotice();
      return false;
    },
  };
}
