/**
 * Where the KPI tree lives: two sheets KPI Lamp owns (see
 * core/tree/sheet-rows.ts), so it travels with the spreadsheet, survives
 * reloads and is covered by version history. A copy of the last valid tree is
 * kept in the document store: a broken hand edit is reported with its row
 * and the last good tree is still there. Saving validates fully before it
 * writes anything.
 */
import { KeyValueStore, Workbook } from '../ports/workbook';
import { SETTINGS_HEADER, SETTINGS_SHEET, settingsToRows, TREE_HEADER, TREE_SHEET, treeFromTables, treeToRows } from '../core/tree/sheet-rows';
import { TreeData } from '../core/tree/series';
import { Tree } from '../core/tree/types';
import { TreeIssue, treeToJson, validateTree } from '../core/tree/validate';

export type LoadedTree =
  | { status: 'ok'; tree: Tree }
  | { status: 'none' }
  | { status: 'invalid'; issues: TreeIssue[]; lastGood: Tree | null };

const LAST_GOOD = 'kpi-lamp.tree.last-good';
/** Property values are limited to 9 KB: long values (the last good tree, the evidence) are stored in pieces. */
const CHUNK = 8000;

export function writeChunks(store: KeyValueStore, key: string, text: string): void {
  const n = Math.ceil(text.length / CHUNK);
  const old = Number(store.get(`${key}.n`) ?? 0);
  for (let i = 0; i < n; i++) store.set(`${key}.${i}`, text.slice(i * CHUNK, (i + 1) * CHUNK));
  for (let i = n; i < old; i++) store.delete(`${key}.${i}`);
  store.set(`${key}.n`, String(n));
}

export function readChunks(store: KeyValueStore, key: string): string | null {
  const n = Number(store.get(`${key}.n`) ?? 0);
  if (!n) return null;
  let s = '';
  for (let i = 0; i < n; i++) {
    const part = store.get(`${key}.${i}`);
    if (part === null) return null;
    s += part;
  }
  return s;
}

function lastGood(wb: Workbook): Tree | null {
  const text = readChunks(wb.documentStore(), LAST_GOOD);
  if (!text) return null;
  try {
    const r = validateTree(JSON.parse(text));
    return r.ok ? r.tree : null;
  } catch {
    return null;
  }
}

/** Reads and validates the tree stored in the workbook. */
export function loadTree(wb: Workbook): LoadedTree {
  const table = wb.readSheet(TREE_SHEET);
  if (!table) return { status: 'none' };
  const result = treeFromTables(table, wb.readSheet(SETTINGS_SHEET));
  if (!result.ok) return { status: 'invalid', issues: result.issues, lastGood: lastGood(wb) };
  return { status: 'ok', tree: result.tree };
}

/**
 * Validates a tree document (parsed JSON, or a Tree) and, only if it is
 * valid, writes both sheets and the last-good copy.
 */
export function saveTree(wb: Workbook, doc: unknown): { ok: true; tree: Tree } | { ok: false; issues: TreeIssue[] } {
  const result = validateTree(JSON.parse(JSON.stringify(doc)));
  if (!result.ok) return result;
  const tree = result.tree;
  wb.ensureSheet(SETTINGS_SHEET, SETTINGS_HEADER);
  wb.ensureSheet(TREE_SHEET, TREE_HEADER);
  wb.writeValues(TREE_SHEET, 1, 1, [TREE_HEADER]);
  wb.replaceRows(SETTINGS_SHEET, settingsToRows(tree.settings));
  wb.replaceRows(TREE_SHEET, treeToRows(tree));
  writeChunks(wb.documentStore(), LAST_GOOD, treeToJson(tree));
  return { ok: true, tree };
}

/** The sheets a tree reads, by the names in its settings. */
export function treeData(wb: Workbook, tree: Tree): TreeData {
  const s = tree.settings;
  return { accounts: wb.readSheet(s.accounts_sheet), snapshots: wb.readSheet(s.snapshots_sheet), history: wb.readSheet(s.history_sheet) };
}
