/**
 * Where the KPI tree lives: two sheets KPI Lamp owns (see
 * core/tree/sheet-rows.ts), so it travels with the spreadsheet, survives
 * reloads and is covered by version history. A copy of the last valid tree is
 * kept in the document store, in parts that each fit a property value: a
 * broken hand edit is reported with its row and the last good tree is still
 * there. Saving validates fully before it writes anything, then writes both
 * sheets and the copy as one transaction (journal.ts: a failed write undoes
 * the others); a copy that would not fit the store is not written at all
 * (the tree's sheets still are).
 */
import type { KeyValueStore, Workbook } from '../ports/workbook';
import {
  SETTINGS_HEADER,
  SETTINGS_SHEET,
  settingsToRows,
  TREE_HEADER,
  TREE_SHEET,
  treeFromTables,
  treeToRows,
} from '../core/tree/sheet-rows';
import type { TreeData } from '../core/tree/series';
import type { Tree } from '../core/tree/types';
import { type TreeIssue, treeToJson, validateTree } from '../core/tree/validate';
import { splitUtf8, utf8Bytes } from '../core/text/utf8';
import { transaction } from './journal';

export type LoadedTree =
  | { status: 'ok'; tree: Tree }
  | { status: 'none' }
  | { status: 'invalid'; issues: TreeIssue[]; lastGood: Tree | null };

const LAST_GOOD = 'kpi-lamp.tree.last-good';
/**
 * "Properties value size 9 KB / val", "Properties total storage 500 KB /
 * property store" (https://developers.google.com/apps-script/guides/services/quotas):
 * counted in UTF-8 bytes, key and value together. A part stays under 8,000
 * bytes (a value of about 8 KB was the largest stored in a measurement), and
 * the copy may bring the store to at most 490 KB, leaving room for the
 * run's own keys.
 */
const PART_BYTES = 8000;
const STORE_BYTES = 490000;

function storeBytes(store: KeyValueStore, except: (key: string) => boolean): number {
  let n = 0;
  for (const k of store.keys()) if (!except(k)) n += utf8Bytes(k) + utf8Bytes(store.get(k) ?? '');
  return n;
}

/**
 * Stores text in parts of at most PART_BYTES UTF-8 bytes (key included), all
 * or nothing: every part is known to fit before the first is written; when
 * they would not, the old copy is removed (a stale copy must not pass for
 * the last good one) and false is returned.
 */
export function writeChunks(store: KeyValueStore, key: string, text: string): boolean {
  // Its own parts only (`key.n`, `key.0`…): another key that merely starts with `key.` counts as the store's.
  const ours = (k: string) => k.startsWith(`${key}.`) && /^(?:n|\d+)$/.test(k.slice(key.length + 1));
  const old = Number(store.get(`${key}.n`) ?? 0);
  const keyBytes = utf8Bytes(`${key}.${9999}`);
  const parts = splitUtf8(text, PART_BYTES - keyBytes);
  const needed = parts.reduce(
    (n, p, i) => n + utf8Bytes(`${key}.${i}`) + utf8Bytes(p),
    utf8Bytes(`${key}.n`) + String(parts.length).length,
  );
  if (parts.length > 9999 || storeBytes(store, ours) + needed > STORE_BYTES) {
    for (let i = 0; i < old; i++) store.delete(`${key}.${i}`);
    store.delete(`${key}.n`);
    return false;
  }
  // Fewer parts than before: the old count goes first, so that no reader joins new and old parts.
  if (old > parts.length) store.delete(`${key}.n`);
  parts.forEach((p, i) => store.set(`${key}.${i}`, p));
  for (let i = parts.length; i < old; i++) store.delete(`${key}.${i}`);
  store.set(`${key}.n`, String(parts.length));
  return true;
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
  const settingsRows = settingsToRows(tree.settings);
  const treeRows = treeToRows(tree);
  const json = treeToJson(tree);
  // Both sheets and the copy, or nothing (journal.ts): a write that fails undoes the others.
  transaction(wb, (tx) => {
    tx.ensureSheet(SETTINGS_SHEET, SETTINGS_HEADER);
    tx.ensureSheet(TREE_SHEET, TREE_HEADER);
    tx.writeValues(TREE_SHEET, 1, 1, [TREE_HEADER]);
    tx.replaceRows(SETTINGS_SHEET, settingsRows);
    tx.replaceRows(TREE_SHEET, treeRows);
    writeChunks(tx.documentStore(), LAST_GOOD, json);
  });
  return { ok: true, tree };
}

/** The sheets a tree reads, by the names in its settings. */
export function treeData(wb: Workbook, tree: Tree): TreeData {
  const s = tree.settings;
  return {
    accounts: wb.readSheet(s.accounts_sheet),
    snapshots: wb.readSheet(s.snapshots_sheet),
    history: wb.readSheet(s.history_sheet),
  };
}
