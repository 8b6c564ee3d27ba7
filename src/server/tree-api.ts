/**
 * The KPI tree builder's server API (sidebar): read, validate and save the
 * tree, verdicts with their correlograms, import and export of
 * kpi-lamp/tree@1 JSON, column pickers. Pure over the Workbook port.
 * Every result must survive google.script.run (no Date, no undefined):
 * each is built from plain values only (a test sends them through JSON).
 *
 * Nothing is written unless the whole tree is valid (tree-store.saveTree).
 */
import starterEn from '../../sample/starter-tree.json';
import starterJa from '../../sample/starter-tree.ja.json';
import { t } from '../i18n/messages';
import { treeIssueText } from '../i18n/tree-issue-text';
import { parseNumberText } from '../core/table';
import type { LagRow } from '../core/metrics/leadlag';
import { root } from '../core/tree/structure';
import { DEFAULT_SETTINGS, type Tree, TREE_FORMAT } from '../core/tree/types';
import { parseTreeJson, treeToJson, validateTree, type TreeIssue } from '../core/tree/validate';
import { checkNode, verdicts, type ScanResult, type Verdict, type WarningCode } from '../core/tree/verdicts';
import type { ApiContext } from './api-context';
import { loadTree, saveTree, treeData } from './tree-store';
import { userKey } from './user-keys';
import type { Workbook } from '../ports/workbook';
import { evidenceFor } from './evidence-store';
import { dataSheets, TREE_READS, workbookBindings, type MissingBinding } from './bindings';
import { assessEvidence, assessLamps, lampCards, type LampCard, type NodeEvidence } from '../core/lamps/assess';
import { budgetCount } from '../core/lamps/budget';
import type { TreeData } from '../core/tree/series';
import { isLampNode } from '../core/tree/structure';

/** A node as JSON (kpi-lamp/tree@1 keys only). */
export type TreeDoc = {
  format: typeof TREE_FORMAT;
  settings: Record<string, unknown>;
  nodes: Record<string, unknown>[];
};

/** One lag of a correlogram: the changes scan and the levels scan. */
export interface CorrelogramPoint {
  r: number | null;
  pairs: number;
  p: number | null;
  /** Considered (≥ 8 pairs) and p × (lags considered) < significance. */
  significant: boolean;
}
export interface CorrelogramRow {
  lag: number;
  changes: CorrelogramPoint;
  levels: CorrelogramPoint;
}

/** The lamp-style badge of a verdict: green as declared and no warning, amber warnings, grey no history. */
export type Badge = 'green' | 'amber' | 'grey';

/** A verdict as the sidebar shows it: the check@1 fields plus the correlogram. */
export interface VerdictView {
  id: string;
  name: string;
  type: string;
  declared_kind: string | null;
  inferred_kind: string;
  best_lag: number | null;
  r: number | null;
  pairs: number | null;
  p_value: number | null;
  levels_significant: boolean | null;
  smart: { specific: boolean; measurable: boolean; achievable: boolean | null; related: boolean; time_bound: boolean };
  warnings: WarningCode[];
  badge: Badge;
  /** Months with both values. */
  months: number;
  /** Where the series came from: "history:col", "snapshots:col", "composite" or null. */
  source: string | null;
  significance: number;
  /** Lags considered by each scan (the Bonferroni factor). */
  considered: { changes: number; levels: number };
  correlogram: CorrelogramRow[];
}

export interface TreeColumns {
  accounts: string[];
  history: string[];
  snapshots: string[];
}

export interface TreeState {
  status: 'ok' | 'none' | 'invalid';
  /** The stored tree; when invalid, the last good one (null when there is none). */
  tree: TreeDoc | null;
  /** Problems of the stored tree, in the user's language, naming node and row. */
  issues: string[];
  verdicts: VerdictView[];
  columns: TreeColumns;
  /** The starters offered when there is no tree: always the minimal one; the sample's when its columns are there. */
  starters: ('minimal' | 'sample')[];
  /** The workbook's sheet names (the settings' sheet pickers). */
  sheets: string[];
  /** The plans in the Accounts plan column, trimmed, distinct, sorted (the by_plan picker). */
  plans: string[];
  /** The KGI's name (verdict chips and report cards name it); null without a tree. */
  kgi: string | null;
  /** Each lamp node's report card (the saved tree's), in tree order. */
  cards: LampCard[];
  /** When the evidence behind the cards was judged; null without a tree. */
  evidenceAt: string | null;
  /** The alert budget: at most this many accounts lit by one node's cut-off (and of how many). */
  budget: { alert_budget: number; accounts: number; maxLit: number } | null;
  /** Sheets and columns the (stored or last good) tree binds and the workbook lacks: the panel's banner. */
  missing: MissingBinding[];
}

/** What a threshold being edited would do, before anything is saved. */
export interface ThresholdPreview {
  ok: boolean;
  issues: string[];
  /** The node's report card under the draft (null when the node is not a lamp node of the draft). */
  card: LampCard | null;
  budget: { alert_budget: number; accounts: number; maxLit: number } | null;
}

export interface SaveResult {
  ok: boolean;
  issues: string[];
  /** The state after the save (null when nothing was written). */
  state: TreeState | null;
}

/** What Apps Script opens with showModalDialog (the playground: an overlay). */
export interface DialogRequest {
  /** The HTML file Apps Script serves (createHtmlOutputFromFile): a constant, so the build's paste bundle can be checked against it. */
  file: typeof CORRELOGRAM_FILE;
  title: string;
  width: number;
  height: number;
}

export interface CorrelogramData {
  lang: string;
  kgi: string;
  verdict: VerdictView;
  /** The sheets a series' source ("history:col", "snapshots:col") names, as the tree's settings name them. */
  sheets: { history: string; snapshots: string };
}

/** The user-store key of the node whose correlogram the dialog shows. */
export const correlogramKey = (wb: Workbook): string => userKey(wb, 'correlogram-node');
export const CORRELOGRAM_FILE = 'Correlogram';
export const CORRELOGRAM_SIZE = { width: 720, height: 560 };

const finite = (v: number | null | undefined): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

function point(row: LagRow | undefined, scan: ScanResult | null): CorrelogramPoint {
  if (!row || !scan) return { r: null, pairs: 0, p: null, significant: false };
  return {
    r: finite(row.r),
    pairs: row.pairs,
    p: finite(row.pValue),
    significant: scan.significantLags.includes(row.lag),
  };
}

export function badgeOf(v: Pick<Verdict, 'warnings' | 'declared_kind' | 'inferred_kind'>): Badge {
  if (v.warnings.includes('no_history') || v.warnings.includes('short_history')) return 'grey';
  if (v.warnings.length > 0) return 'amber';
  if (v.declared_kind !== null && v.declared_kind !== v.inferred_kind) return 'amber';
  return 'green';
}

export function verdictView(v: Verdict, significance: number): VerdictView {
  const { changes, levels } = v.detail;
  const lags = [...new Set([...(changes?.rows ?? []), ...(levels?.rows ?? [])].map((r) => r.lag))].sort(
    (a, b) => a - b,
  );
  const src = v.detail.source;
  return {
    ...checkNode(v),
    r: finite(v.r),
    p_value: finite(v.p_value),
    smart: { ...v.smart },
    warnings: [...v.warnings],
    badge: badgeOf(v),
    months: v.detail.months,
    source: src === null ? null : src.from === 'composite' ? 'composite' : `${src.from}:${src.column}`,
    significance,
    considered: { changes: changes?.considered ?? 0, levels: levels?.considered ?? 0 },
    correlogram: lags.map((lag) => ({
      lag,
      changes: point(
        changes?.rows.find((r) => r.lag === lag),
        changes,
      ),
      levels: point(
        levels?.rows.find((r) => r.lag === lag),
        levels,
      ),
    })),
  };
}

const toDoc = (tree: Tree): TreeDoc => JSON.parse(treeToJson(tree));

/** The minimal starter: a KGI only, written with the gate (trees KPI Lamp creates are). */
export function minimalStarter(name: string): TreeDoc {
  return {
    format: TREE_FORMAT,
    settings: { evidence: 'gate' },
    nodes: [{ id: 'kgi', parent: null, type: 'kgi', name, direction: 'lower_is_better' }],
  };
}

export function createTreeApi(ctx: ApiContext) {
  const { wb } = ctx;
  const issuesText = (issues: TreeIssue[]) => issues.map((i) => treeIssueText(ctx.lang(), i));
  const headers = (sheet: string): string[] => {
    const table = wb.readSheet(sheet);
    return table ? table.header.filter((h) => h !== '') : [];
  };

  function columnsFor(tree: Tree | null): TreeColumns {
    const s = tree ? tree.settings : DEFAULT_SETTINGS;
    return {
      accounts: headers(s.accounts_sheet),
      history: headers(s.history_sheet),
      snapshots: headers(s.snapshots_sheet),
    };
  }

  /** The distinct plans of the Accounts sheet's plan column (plain text, trimmed). */
  function plansFor(tree: Tree | null): string[] {
    const s = tree ? tree.settings : DEFAULT_SETTINGS;
    const table = wb.readSheet(s.accounts_sheet);
    if (!table) return [];
    const col = table.header.findIndex((h) => String(h).trim() === s.columns.plan.trim());
    if (col < 0) return [];
    const seen = new Set<string>();
    for (const row of table.rows) {
      const v = row[col];
      const text = v === null || v === undefined ? '' : String(v).trim();
      if (text !== '') seen.add(text);
    }
    return [...seen].sort();
  }

  /** The sample's starter fits when every column it binds is in this workbook. */
  function sampleFits(columns: TreeColumns): boolean {
    const doc = starterEn as unknown as TreeDoc;
    return doc.nodes.every((n) => {
      const acc = n.accounts_column as string | undefined;
      const hist = n.history_column as string | undefined;
      return (
        (!acc || columns.accounts.includes(acc)) &&
        (!hist || columns.history.includes(hist) || columns.snapshots.includes(hist))
      );
    });
  }

  /** Today's accounts judged with the evidence, and every lamp node's card. */
  function cardsOf(tree: Tree, data: TreeData, evidence: NodeEvidence[]) {
    const accounts = data.accounts ?? { name: tree.settings.accounts_sheet, header: [], rows: [] };
    const a = assessLamps(tree, accounts, evidence);
    const b = a.budget;
    return {
      cards: lampCards(tree, a),
      budget: { alert_budget: b.alert_budget, accounts: b.accounts, maxLit: budgetCount(b.alert_budget, b.accounts) },
    };
  }

  function state(): TreeState {
    const loaded = loadTree(wb);
    const tree = loaded.status === 'ok' ? loaded.tree : loaded.status === 'invalid' ? loaded.lastGood : null;
    const columns = columnsFor(tree);
    const data = tree ? treeData(wb, tree) : null;
    const judged = tree && data ? verdicts(tree, data) : [];
    const list = tree ? judged.map((v) => verdictView(v, tree.settings.significance)) : [];
    const ev = tree && data ? evidenceFor(wb, tree, ctx.host.now(), { data, verdicts: judged }) : null;
    const cards = tree && data && ev ? cardsOf(tree, data, ev.evidence) : null;
    return {
      status: loaded.status,
      tree: tree ? toDoc(tree) : null,
      issues: loaded.status === 'invalid' ? issuesText(loaded.issues) : [],
      verdicts: list,
      columns,
      starters: loaded.status === 'none' ? (sampleFits(columns) ? ['minimal', 'sample'] : ['minimal']) : [],
      sheets: wb.sheetNames().map(String),
      plans: plansFor(tree),
      kgi: tree ? root(tree).name : null,
      cards: cards ? cards.cards : [],
      evidenceAt: ev ? ev.at : null,
      budget: cards ? cards.budget : null,
      missing: tree && data ? workbookBindings(wb, tree, TREE_READS, dataSheets(tree, data)) : [],
    };
  }

  function save(doc: unknown): SaveResult {
    const r = saveTree(wb, doc === undefined ? null : doc);
    if (!r.ok) return { ok: false, issues: issuesText(r.issues), state: null };
    return { ok: true, issues: [], state: state() };
  }

  function currentTree(): Tree | null {
    const loaded = loadTree(wb);
    return loaded.status === 'ok' ? loaded.tree : loaded.status === 'invalid' ? loaded.lastGood : null;
  }

  return {
    /** The stored tree (or the last good one), its problems, verdicts with correlograms, and the column pickers' headers. */
    getTreeState(): TreeState {
      return state();
    },

    /** Validates a whole tree document and writes it only when valid; nothing is written on error. */
    saveTree(doc: unknown): SaveResult {
      return save(doc);
    },

    /**
     * Verdicts of an unsaved draft, against the workbook's data, writing
     * nothing: a CS lead sees how an edited KPI would be judged before saving.
     */
    checkDraft(doc: unknown): { ok: boolean; issues: string[]; verdicts: VerdictView[]; missing: MissingBinding[] } {
      const r = validateTree(JSON.parse(JSON.stringify(doc ?? null)));
      if (!r.ok) return { ok: false, issues: issuesText(r.issues), verdicts: [], missing: [] };
      const tree = r.tree;
      const data = treeData(wb, tree);
      // What the draft binds and the workbook lacks: its verdicts would say "too little history" without it.
      const missing = workbookBindings(wb, tree, TREE_READS, dataSheets(tree, data));
      return {
        ok: true,
        issues: [],
        verdicts: verdicts(tree, data).map((v) => verdictView(v, tree.settings.significance)),
        missing,
      };
    },

    /**
     * While a threshold is edited: what the unsaved draft would do for one
     * lamp node, writing nothing — how many of today's accounts it would
     * light, and its backtest, evidence and report card at that cut-off.
     * Reads the sheets each time (the sidebar waits until typing pauses).
     */
    previewThreshold(doc: unknown, nodeId: unknown): ThresholdPreview {
      if (typeof nodeId !== 'string') ctx.fail('tree.ui.error.no_node', { node: String(nodeId) });
      const r = validateTree(JSON.parse(JSON.stringify(doc ?? null)));
      if (!r.ok) return { ok: false, issues: issuesText(r.issues), card: null, budget: null };
      const tree = r.tree;
      const node = tree.nodes.find((n) => n.id === nodeId);
      if (!node || !isLampNode(node)) return { ok: true, issues: [], card: null, budget: null };
      const data = treeData(wb, tree);
      const evidence = assessEvidence(tree, data, undefined, new Set([node.id]));
      const { cards, budget } = cardsOf(tree, data, evidence);
      return { ok: true, issues: [], card: cards[0] ?? null, budget };
    },

    /** Validates tree JSON text (kpi-lamp/tree@1) and, when valid, stores it; invalid text changes nothing. */
    importTree(text: unknown): SaveResult {
      if (typeof text !== 'string')
        return { ok: false, issues: [t(ctx.lang(), 'tree.ui.import.not_text')], state: null };
      const parsed = parseTreeJson(text);
      if (!parsed.ok) return { ok: false, issues: issuesText(parsed.issues), state: null };
      return save(parsed.tree);
    },

    /** The stored tree (or the last good one) as kpi-lamp/tree@1 JSON text; null when there is none. */
    exportTree(): { json: string | null; filename: string } {
      const tree = currentTree();
      return { json: tree ? treeToJson(tree) : null, filename: 'kpi-tree.json' };
    },

    /** A starter document for the editor (not saved): the KGI only, or the sample's starter tree. */
    starterTree(which: unknown): TreeDoc {
      if (which === 'sample') {
        // In the user's language: the Japanese tree is the English one with its words translated (one structure).
        const r = validateTree(JSON.parse(JSON.stringify(ctx.lang() === 'ja' ? starterJa : starterEn)));
        if (r.ok) return toDoc(r.tree);
      }
      return minimalStarter(t(ctx.lang(), 'tree.ui.starter.kgi_name'));
    },

    /** A threshold typed by a person ("0.8", "80%", "８０％") as a number, or null. */
    normalizeNumber(text: unknown): number | null {
      if (typeof text === 'number') return Number.isFinite(text) ? text : null;
      return typeof text === 'string' ? parseNumberText(text) : null;
    },

    /**
     * Chooses the node whose correlogram the dialog shows and returns the dialog to open
     * (Apps Script's src/gas/tree-entry.ts opens it with showModalDialog; the playground, as an overlay).
     */
    openCorrelogram(nodeId: unknown): { modalDialog: DialogRequest } {
      const tree = currentTree();
      if (
        typeof nodeId !== 'string' ||
        !tree ||
        !tree.nodes.some((n) => n.id === nodeId && (n.type === 'kpi' || n.type === 'composite'))
      ) {
        ctx.fail('tree.ui.error.no_node', { node: String(nodeId) });
      }
      wb.userStore().set(correlogramKey(wb), nodeId as string);
      const name = tree!.nodes.find((n) => n.id === nodeId)!.name;
      return {
        modalDialog: {
          file: CORRELOGRAM_FILE,
          title: t(ctx.lang(), 'tree.ui.correlogram.title', { name }),
          ...CORRELOGRAM_SIZE,
        },
      };
    },

    /** What the correlogram dialog draws: the chosen node's verdict, with its rows. */
    getCorrelogram(): CorrelogramData {
      const id = wb.userStore().get(correlogramKey(wb));
      const tree = currentTree();
      const v = tree && id !== null ? verdicts(tree, treeData(wb, tree)).find((x) => x.id === id) : undefined;
      if (!tree || !v) return ctx.fail('tree.ui.error.no_node', { node: String(id) });
      return {
        lang: ctx.lang(),
        kgi: root(tree).name,
        verdict: verdictView(v, tree.settings.significance),
        sheets: { history: tree.settings.history_sheet, snapshots: tree.settings.snapshots_sheet },
      };
    },
  };
}
