/**
 * The tree as rows of two sheets KPI Lamp owns, readable by a person and
 * covered by the spreadsheet's version history:
 *   "KPI Lamp Tree"     one row per node, fixed English headers (NODE_KEYS)
 *   "KPI Lamp Settings" key | value, one row per setting
 * Reading builds the same document as the JSON format and validates it with
 * the same rules, naming the row of every problem.
 */
import { type CellValue, parseNumberText, type Table } from '../table';
import { fromPlainText } from '../text/plain-text';
import { jsonCeiling, type TreeIssue, type TreeResult, validateTree } from './validate';
import { DEFAULT_COLUMNS, NODE_KEYS, type Settings, type Tree, TREE_FORMAT } from './types';

export const TREE_SHEET = 'KPI Lamp Tree';
export const SETTINGS_SHEET = 'KPI Lamp Settings';
export const TREE_HEADER: string[] = [...NODE_KEYS];
export const SETTINGS_HEADER = ['key', 'value'];

/** Node keys whose cells hold numbers; every other cell of the sheets is text. */
const NUMERIC = new Set(['target', 'warn', 'alert', 'floor', 'weight']);
/** Settings whose values are numbers; every other setting is text. */
const NUMERIC_SETTINGS = new Set(['significance', 'max_lag', 'horizon_months', 'alert_budget']);

function isBlankRow(row: CellValue[]): boolean {
  return row.every((v) => v === null || (typeof v === 'string' && v.trim() === ''));
}

/**
 * A text of the tree as the sheets store it: the adapters neutralise a
 * leading = + - @ with an apostrophe (plainText) and reading takes one off
 * (fromPlainText), so a text that already starts with apostrophes before
 * one of those gets one more here, and "'=x" reads back as "'=x".
 */
function storedText(s: string): string {
  return /^'+[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/**
 * A cell as the value it stands for under a key: numbers for numeric keys
 * ("80%" and "0.8" alike), text for every other key. A text column never
 * becomes a number or a boolean, whatever a sheet or a CSV reader made of
 * it: a sheet named 2025 or TRUE stays "2025" or "TRUE".
 */
function cellValue(numeric: boolean, v: CellValue): unknown {
  if (v === null || (typeof v === 'string' && v.trim() === '')) return undefined;
  if (typeof v === 'string') {
    const text = fromPlainText(v.trim());
    return numeric ? (parseNumberText(text) ?? text) : text;
  }
  if (numeric) return v;
  return typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
}

/** A cell of the tree sheet as the JSON value it stands for. */
function cellToJson(key: string, v: CellValue): unknown {
  const value = cellValue(NUMERIC.has(key), v);
  if (key === 'by_plan' && typeof value === 'string') {
    if (jsonCeiling(value)) return value; // reported by validation as a text, not parsed
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

/** Reads the settings sheet into the JSON `settings` object (keys from the sheet never reach a prototype). */
export function settingsFromTable(table: Table | null, issues: TreeIssue[]): Record<string, unknown> | undefined {
  if (!table) return undefined;
  const out: Record<string, unknown> = Object.create(null);
  const columns: Record<string, unknown> = Object.create(null);
  table.rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const key = String(row[0] ?? '').trim();
    if (!key) {
      issues.push({
        code: 'missing',
        row: i + 2,
        field: 'key',
        expected: `a setting name (sheet "${SETTINGS_SHEET}")`,
      });
      return;
    }
    const value = cellValue(NUMERIC_SETTINGS.has(key), row[1] ?? null);
    if (key.startsWith('columns.')) columns[key.slice(8)] = value;
    else out[key] = value;
  });
  if (Object.keys(columns).length) out.columns = columns;
  return out;
}

/** Reads both sheets and validates; every issue names its row in the tree sheet. */
export function treeFromTables(tree: Table, settings: Table | null): TreeResult {
  const issues: TreeIssue[] = [];
  const keys = tree.header.map((h) => String(h).trim());
  keys.forEach((k, c) => {
    if (k && !(NODE_KEYS as readonly string[]).includes(k))
      issues.push({ code: 'unknown_key', row: 1, field: k, found: `column ${c + 1}` });
  });
  const rowNumbers: number[] = [];
  const nodes: Record<string, unknown>[] = [];
  tree.rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const o: Record<string, unknown> = {};
    keys.forEach((k, c) => {
      if (!(NODE_KEYS as readonly string[]).includes(k)) return;
      const v = cellToJson(k, row[c] ?? null);
      if (v !== undefined) o[k] = v;
    });
    if (!('parent' in o)) o.parent = null;
    nodes.push(o);
    rowNumbers.push(i + 2);
  });
  const s = settingsFromTable(settings, issues);
  const result = validateTree({ format: TREE_FORMAT, ...(s ? { settings: s } : {}), nodes }, (i) => rowNumbers[i]);
  if (issues.length) return { ok: false, issues: [...issues, ...(result.ok ? [] : result.issues)] };
  return result;
}

/** The tree sheet's rows (below the header). */
export function treeToRows(tree: Tree): CellValue[][] {
  return tree.nodes.map((n) =>
    NODE_KEYS.map((k) => {
      const v = n[k];
      if (v === undefined || v === null) return null;
      if (k === 'by_plan') return JSON.stringify(v);
      return typeof v === 'string' ? storedText(v) : (v as CellValue);
    }),
  );
}

/** The settings sheet's rows (below the header), every setting spelled out. */
export function settingsToRows(settings: Settings): CellValue[][] {
  const rows: CellValue[][] = [
    ['accounts_sheet', storedText(settings.accounts_sheet)],
    ['snapshots_sheet', storedText(settings.snapshots_sheet)],
    ['history_sheet', storedText(settings.history_sheet)],
  ];
  for (const k of Object.keys(DEFAULT_COLUMNS) as (keyof typeof DEFAULT_COLUMNS)[])
    rows.push([`columns.${k}`, storedText(settings.columns[k])]);
  rows.push(
    ['significance', settings.significance],
    ['max_lag', settings.max_lag],
    ['horizon_months', settings.horizon_months],
  );
  rows.push(['evidence', settings.evidence], ['alert_budget', settings.alert_budget]);
  // Where Accounts and Snapshots live in BigQuery (issue 15): rows only when set.
  for (const k of ['bigquery_project', 'accounts_table', 'snapshots_table'] as const) {
    const v = settings[k];
    if (v !== undefined) rows.push([k, storedText(v)]);
  }
  return rows;
}
