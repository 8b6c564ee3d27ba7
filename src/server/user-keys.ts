/**
 * Keys KPI Lamp keeps in a person's user properties. A bound script's user
 * store serves one spreadsheet, but an Editor add-on's is shared by all of
 * that person's files: every key names the spreadsheet
 * ("kpi-lamp.<name>.<spreadsheet id>"), so that one file's keys never serve
 * another and clean removal removes exactly this spreadsheet's.
 */
import type { Workbook } from '../ports/workbook';

export function userKey(spreadsheet: Workbook | string, name: string): string {
  return `kpi-lamp.${name}.${typeof spreadsheet === 'string' ? spreadsheet : spreadsheet.id()}`;
}

/** Whether a user-store key is one of this spreadsheet's. */
export function isUserKeyOf(key: string, spreadsheet: Workbook): boolean {
  return key.startsWith('kpi-lamp.') && key.endsWith(`.${spreadsheet.id()}`);
}

/** The spreadsheet ids of a name's keys in a store: "kpi-lamp.<name>.<id>" → id. */
export function spreadsheetsWith(keys: string[], name: string): string[] {
  const prefix = `kpi-lamp.${name}.`;
  return keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
}
