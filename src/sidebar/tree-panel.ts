/**
 * The KPI tree builder panel (the sidebar's 'tree' tab): the draft and the
 * saved tree, the server round trips (load, judge the draft, save, starters,
 * import, export) and the panel's parts wired together: the outline
 * (tree-outline.ts), the node editor (tree-editor.ts), the threshold preview
 * (threshold-preview.ts), the settings (tree-settings.ts) and the import and
 * export (tree-import-export.ts). Edits go into a draft (draft-tree.ts) that
 * is saved as a whole (the server validates it fully before writing
 * anything).
 *
 * Unsaved edits: a dirty flag, an "Unsaved changes" marker with Save and
 * Discard, a warning before another tab is shown (canLeave) and before the
 * page is closed (beforeunload). Text from the workbook and from people
 * enters the DOM as text only.
 */
import type { MessageParams } from '../i18n/messages';
import { treeText, type TreeClientKey } from '../i18n/tree-ui-messages';
import type { MessageKey } from '../i18n/messages';
import type { TreeDoc, TreeState, VerdictView } from '../server/tree-api';
import type { PanelEnv, PanelHandle } from './panel';
import { server } from './api-client';
import { el, lines, type Message } from './tree-dom';
import { mountEditor, type EditorHost } from './tree-editor';
import type { Direction } from '../core/tree/types';
import { evidenceText, type EvidenceKey } from '../i18n/evidence-messages';
import { num } from '../i18n/lamp-text';
import type { MissingBinding } from '../core/tree/bindings';
import { bindingBanner } from './binding-banner';
import {
  addKpi,
  applyCutoff,
  deleteNode,
  deleteProblem,
  moveAmongSiblings,
  renameParent,
  rootOf,
  type DraftNode,
} from './draft-tree';
import { mountOutline } from './tree-outline';
import { settingsForm } from './tree-settings';
import { thresholdPreview } from './threshold-preview';
import { mountImportExport } from './tree-import-export';

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
  const kgiName = () => state?.kgi ?? rootOf(nodes())?.name ?? '';

  const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
  const nodes = (): DraftNode[] => (draft ? (draft.nodes as DraftNode[]) : []);
  const byId = (id: string | null) => nodes().find((n) => n.id === id);
  /** Verdicts of the unsaved draft, when asked for (cleared by the next edit). */
  let draftVerdicts: VerdictView[] | null = null;
  /** What the judged draft binds and the workbook lacks (with draftVerdicts). */
  let draftMissing: MissingBinding[] | null = null;
  const verdictOf = (id: string): VerdictView | undefined =>
    (dirty && draftVerdicts ? draftVerdicts : state?.verdicts)?.find((v) => v.id === id);

  // ---- changes to the draft ----------------------------------------------------------------

  function markDirty(): void {
    dirty = true;
    draftVerdicts = null;
    draftMissing = null;
    leaveWarned = false;
    message = null;
    renderBar();
    renderNotice();
    renderProblems();
    renderTree(false);
    editor.refreshVerdict();
    if (editing) preview.schedule(editing, null);
  }

  // The threshold preview: what the draft would light, before saving.
  const preview = thresholdPreview({
    box: () => editorBox.querySelector<HTMLElement>('[data-testid="threshold-preview"]'),
    draft: () => draft,
    lang: () => env.lang(),
    tt,
    ev,
    kgiName,
    showError: (e) => env.showError(e),
  });
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
      renameParent(nodes(), from, to);
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
    preview: (id, typed) => preview.schedule(id, typed),
  };
  const editor = mountEditor(editorBox, editorHost);

  const outline = mountOutline(
    { treeList, hint, tools, nodeCardBox },
    {
      tt,
      ev,
      lang: () => env.lang(),
      nodes,
      hasDraft: () => draft !== null,
      selected: () => selected,
      select: (id) => {
        selected = id;
      },
      editing: () => editing,
      verdictOf,
      cardOf: (id) => state?.cards.find((c) => c.node === id),
      kgiName,
      budget: () => (state?.budget ? { maxLit: state.budget.maxLit, accounts: state.budget.accounts } : null),
      addChild,
      edit,
      move,
      remove,
      useCutoff: (node, cutoff, direction) => void useCutoff(node, cutoff, direction),
    },
  );
  const renderTree = (focus: boolean) => outline.render(focus);
  const focusSelected = () => outline.focusSelected();
  const renderTools = () => outline.renderTools();

  const importExport = mountImportExport(io, {
    tt,
    message: () => message,
    exported: () => exported,
    importText: (text) => void importText(text),
    exportTree: () => void exportTree(),
  });

  // ---- a cut-off from the alert budget, into the draft ------------------------------------------

  /** Brings every threshold of a node (its own and each plan's) that would light more to the cut-off, in the draft. */
  async function useCutoff(id: string, cutoff: number, direction: Direction): Promise<void> {
    if (!state) await load(true);
    const n = byId(id);
    if (!draft || !n) return;
    applyCutoff(n, cutoff, direction);
    selected = id;
    editing = id;
    markDirty();
    renderEditor();
    say('info', [ev('budget.applied', { cutoff: num(cutoff), name: n.name })], 'tree-message');
  }

  function addChild(): void {
    const parent = byId(selected) ?? rootOf(nodes());
    if (!parent) return;
    const n = addKpi(nodes(), parent.id, tt('tree.ui.new_node'));
    selected = n.id;
    editing = n.id;
    markDirty();
    renderEditor();
    editor.focusFirst();
  }

  function move(delta: -1 | 1): void {
    if (!moveAmongSiblings(nodes(), selected, delta)) return;
    markDirty();
    focusSelected();
  }

  function remove(): void {
    const n = byId(selected);
    if (!n) return;
    const problem = deleteProblem(nodes(), n.id);
    if (problem === 'root') return say('error', [tt('tree.ui.delete_root')], 'tree-message');
    if (problem === 'has_children')
      return say('error', [tt('tree.ui.delete_has_children', { name: n.name })], 'tree-message');
    selected = deleteNode(nodes(), n.id);
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
      if (!byId(selected)) selected = rootOf(nodes())?.id ?? null;
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
        draftMissing = r.missing;
        renderProblems();
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
    if (!byId(selected)) selected = rootOf(nodes())?.id ?? null;
    if (!byId(editing)) editing = null;
    renderAll();
  }

  async function start(which: 'minimal' | 'sample'): Promise<void> {
    try {
      draft = await server.starterTree(which);
      selected = rootOf(nodes())?.id ?? null;
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
    bar.replaceChildren(
      el('span', { class: 'kl-unsaved', 'data-testid': 'tree-unsaved' }, tt('tree.ui.unsaved')),
      el('span', { class: 'kl-tree-bar-buttons' }, saveB, discardB),
    );
  }

  function renderNotice(): void {
    const parts: HTMLElement[] = [];
    if (loading && !state) parts.push(el('p', { class: 'gray' }, tt('tree.ui.loading')));
    if (message && message.testid === 'tree-message')
      parts.push(lines(message.kind, message.lines, 'tree-message-text'));
    if (leaveWarned && dirty) parts.push(lines('error', [tt('tree.ui.leave_warning')], 'tree-leave-warning'));
    notice.replaceChildren(...parts);
  }

  function renderProblems(): void {
    // What the tree binds and the workbook lacks: the judged draft's, else the stored tree's (or the last good one's).
    const banner = bindingBanner(
      env.lang(),
      tt('tree.ui.bindings'),
      dirty && draftMissing ? draftMissing : state?.missing,
    );
    if (!state || state.status !== 'invalid') return problems.replaceChildren(...(banner ? [banner] : []));
    problems.replaceChildren(
      lines(
        'error',
        [tt(state.tree ? 'tree.ui.invalid' : 'tree.ui.invalid_no_last_good'), ...state.issues],
        'tree-issues-text',
      ),
      ...(banner ? [banner] : []),
    );
  }

  function renderStarter(): void {
    if (!state || state.status !== 'none' || draft) return starter.replaceChildren();
    const buttons = state.starters.map((which) => {
      const b = el(
        'button',
        { type: 'button', class: which === 'minimal' ? 'action' : '', 'data-testid': `tree-start-${which}` },
        tt(`tree.ui.start.${which}`),
      );
      b.addEventListener('click', () => void start(which));
      return b;
    });
    starter.replaceChildren(el('p', {}, tt('tree.ui.none')), el('div', { class: 'kl-tree-buttons' }, ...buttons));
  }

  function renderEditor(): void {
    editor.show(byId(editing) ?? null);
  }

  /** The tree's settings (collapsible), into the draft. */
  function renderSettings(): void {
    if (!draft) {
      settingsBox.hidden = true;
      settingsBox.replaceChildren();
      return;
    }
    settingsBox.hidden = false;
    if (!draft.settings || typeof draft.settings !== 'object') draft.settings = {};
    settingsBox.replaceChildren(
      ...settingsForm(draft.settings, {
        tt,
        ev,
        sheets: () => state?.sheets ?? [],
        columns: () => state?.columns ?? { accounts: [], history: [], snapshots: [] },
        changed: () => markDirty(),
      }),
    );
  }

  function renderIo(): void {
    importExport.render();
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
