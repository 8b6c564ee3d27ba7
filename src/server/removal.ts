/**
 * Clean removal: everything KPI Lamp added to the spreadsheet, and nothing
 * else — its lamp column's cells, its conditional-format rules, its own
 * sheets (only when the person confirmed), its schedule and its stored
 * properties. The user's values, formatting and rules are never touched.
 */
import { columnIndex } from '../core/table';
import { SETTINGS_SHEET, TREE_SHEET } from '../core/tree/sheet-rows';
import type { Workbook } from '../ports/workbook';
import { runSettings } from './run';
import { BIGQUERY_SHEET, LOG_SHEET, STATE_SHEET } from './run-state';
import { removeSchedule } from './schedule';
import { loadTree } from './tree-store';
import { isUserKeyOf } from './user-keys';
import { DEFAULT_SETTINGS } from '../core/tree/types';
import { transaction } from './journal';

export const OWN_SHEETS = [TREE_SHEET, SETTINGS_SHEET, STATE_SHEET, LOG_SHEET, BIGQUERY_SHEET];

export interface RemovalReport {
  column: boolean;
  rules: boolean;
  sheets: string[];
  schedule: boolean;
  properties: number;
}

/**
 * Everything at once or nothing (journal.ts): a write that fails puts back
 * what went before it; triggers, which cannot come back, go last.
 */
export function removeEverything(wb: Workbook, me: string, deleteSheets: boolean): RemovalReport {
  return transaction(wb, (tx) => removeAll(tx, me, deleteSheets));
}

function removeAll(wb: Workbook, me: string, deleteSheets: boolean): RemovalReport {
  const report: RemovalReport = { column: false, rules: false, sheets: [], schedule: false, properties: 0 };
  const loaded = loadTree(wb);
  const accountsSheet =
    loaded.status === 'ok'
      ? loaded.tree.settings.accounts_sheet
      : loaded.status === 'invalid' && loaded.lastGood
        ? loaded.lastGood.settings.accounts_sheet
        : DEFAULT_SETTINGS.accounts_sheet;
  const accounts = wb.readSheet(accountsSheet);
  if (accounts) {
    const col = columnIndex(accounts, runSettings(wb).lampColumn);
    if (col >= 0) {
      wb.deleteColumn(accountsSheet, col + 1);
      report.column = true;
    }
    if (wb.formatRules(accountsSheet).some((r) => r.owner === 'kpi-lamp')) {
      wb.setOwnFormatRules(accountsSheet, []);
      report.rules = true;
    }
  }
  report.schedule = wb.documentStore().get('kpi-lamp.schedule') !== null;
  removeSchedule(wb, me);
  if (deleteSheets) {
    for (const name of OWN_SHEETS) {
      if (wb.sheetNames().includes(name)) {
        wb.deleteSheet(name);
        report.sheets.push(name);
      }
    }
  }
  // The document's store is this spreadsheet's alone.
  const doc = wb.documentStore();
  for (const key of doc.keys()) {
    if (key.startsWith('kpi-lamp.')) {
      doc.delete(key);
      report.properties++;
    }
  }
  const file = wb.fileStore();
  for (const key of file.keys()) {
    if (key.startsWith('kpi-lamp.')) {
      file.delete(key);
      report.properties++;
    }
  }
  // The user's store may serve all of the user's files (an Editor add-on):
  // every key of this spreadsheet goes (each names it), the others stay.
  const user = wb.userStore();
  for (const key of user.keys()) {
    if (isUserKeyOf(key, wb)) {
      user.delete(key);
      report.properties++;
    }
  }
  return report;
}
