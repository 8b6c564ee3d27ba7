/**
 * The scheduled run's entry point (a time-driven trigger installed from the
 * sidebar), for a bound script and for an Editor add-on alike.
 *
 * A bound script's trigger has the spreadsheet as its active one; an add-on's
 * has none, so the spreadsheet is opened by the id kept for this trigger in
 * the installing user's properties. A trigger that is no longer the
 * spreadsheet's schedule (someone replaced it) removes itself. A trigger
 * that fires while re-authorization is needed records that and stops (add-on
 * triggers send no failure emails).
 */
import { isoInZone } from '../core/time/iso-in-zone';
import { pickLang, t } from '../i18n/messages';
import { LAST_RUN_KEY, runLamps } from '../server/run';
import { isCurrentTrigger, spreadsheetOfTrigger } from '../server/schedule';
import { GasWorkbook, gasUserStore } from './gas-workbook';
import { gasRunHost } from './run-host';

declare const global: Record<string, unknown>;

function workbookFor(triggerId: string): GasWorkbook | null {
  const active = SpreadsheetApp.getActiveSpreadsheet();
  if (active) return new GasWorkbook(active);
  const id = spreadsheetOfTrigger(gasUserStore, triggerId);
  return id ? GasWorkbook.byId(id) : null;
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
    const text = t(pickLang(wb.locale()), 'run.error.reauthorize');
    wb.documentStore().set(LAST_RUN_KEY, JSON.stringify({ ok: false, at, by: '', error: { key: 'run.error.reauthorize', params: {}, text } }));
    return;
  }
  if (triggerId && !isCurrentTrigger(wb, triggerId)) return;
  runLamps(wb, gasRunHost());
};
