/**
 * The scheduled run's entry point (a time-driven trigger installed from the
 * sidebar), for a bound script and for an Editor add-on alike.
 *
 * A bound script's trigger has the spreadsheet as its active one; an add-on's
 * has none, so the spreadsheet is opened by the id kept for this trigger in
 * the installing user's properties. A trigger that serves no spreadsheet, or
 * whose spreadsheet cannot be opened several firings in a row (deleted,
 * trashed, no longer shared), removes itself rather than failing every hour;
 * so does one that is no longer the spreadsheet's schedule (someone replaced
 * it). A trigger that fires while re-authorization is needed records that
 * and stops (add-on triggers send no failure emails).
 */
import { isoInZone } from '../core/time/iso-in-zone';
import { t } from '../i18n/messages';
import { LAST_RUN_KEY, runLamps } from '../server/run';
import { workbookLang } from '../server/workbook-lang';
import { isCurrentTrigger, noteOpened, noteOpenFailure, spreadsheetOfTrigger } from '../server/schedule';
import { GasWorkbook, gasUserStore, removeProjectTrigger } from './gas-workbook';
import { gasRunHost } from './gas-run-host';

declare const global: Record<string, unknown>;

/** The trigger's spreadsheet, or null when there is none to run on (the trigger has removed itself if it should). */
function workbookFor(triggerId: string): GasWorkbook | null {
  const active = SpreadsheetApp.getActiveSpreadsheet();
  if (active) return new GasWorkbook(active);
  const store = gasUserStore();
  const id = spreadsheetOfTrigger(store, triggerId);
  if (!id) {
    // Serves no spreadsheet (its record is gone): it never will again.
    if (triggerId) removeProjectTrigger(triggerId);
    return null;
  }
  try {
    const wb = GasWorkbook.byId(id);
    noteOpened(store, id);
    return wb;
  } catch {
    if (noteOpenFailure(store, id, triggerId)) removeProjectTrigger(triggerId);
    return null;
  }
}

/**
 * Time-driven trigger: runs KPI Lamp on its spreadsheet. Its name is
 * RUN_HANDLER's (the build fails when they differ: Apps Script finds a
 * trigger's handler only among the top-level functions of dist/Code.js, and
 * `global[RUN_HANDLER] = …` makes none).
 * @param {Object} e The trigger event (e.triggerUid names the trigger).
 */
global.kpiLampScheduledRun = function (e: { triggerUid?: string } | undefined) {
  const triggerId = String(e?.triggerUid ?? '');
  const wb = workbookFor(triggerId);
  if (!wb) return;
  const auth = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
  if (auth.getAuthorizationStatus() === ScriptApp.AuthorizationStatus.REQUIRED) {
    const at = isoInZone(new Date(), wb.timeZone());
    const text = t(workbookLang(wb), 'run.error.reauthorize');
    wb.documentStore().set(
      LAST_RUN_KEY,
      JSON.stringify({ ok: false, at, by: '', error: { key: 'run.error.reauthorize', params: {}, text }, notices: [] }),
    );
    return;
  }
  if (triggerId && !isCurrentTrigger(wb, triggerId)) return;
  runLamps(wb, gasRunHost());
};
