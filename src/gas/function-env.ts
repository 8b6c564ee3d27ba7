import { dateText } from '../functions/args';
import type { FunctionEnv } from '../functions/env';

/**
 * The custom functions' host services in Apps Script: dates are written in
 * the spreadsheet's time zone (looked up only when a date is met, so that a
 * call without dates costs no service call). Outside Apps Script (the vm
 * tests, the playground) the local calendar fields are used.
 */
export function gasFunctionEnv(): FunctionEnv {
  let tz: string | null = null;
  return {
    dateText(d: Date): string {
      if (typeof SpreadsheetApp === 'undefined' || typeof Utilities === 'undefined') return dateText(d);
      if (tz === null) {
        const ss = SpreadsheetApp.getActiveSpreadsheet();
        tz = ss ? ss.getSpreadsheetTimeZone() : Session.getScriptTimeZone();
      }
      return Utilities.formatDate(d, tz, 'yyyy-MM-dd');
    },
  };
}
