/**
 * The Lamps panel's server API in Apps Script: each function of
 * src/server/lamps-api.ts as a global `api_NAME` (google.script.run), and
 * the menu's "Run now" and "Remove KPI Lamp…" (with confirmations; KPI
 * Lamp's own sheets are deleted only on a second, separate "Yes").
 */
import { pickLang, t, type Lang } from '../i18n/messages';
import { runDoneText } from '../i18n/lamp-text';
import { createApi } from '../server/api';
import { OWN_SHEETS, removeEverything, type RemovalReport } from '../server/removal';
import { runLamps } from '../server/run';
import { GasWorkbook } from './gas-workbook';
import { gasRunHost } from './gas-run-host';

declare const global: Record<string, unknown>;

const api = () => createApi(GasWorkbook.active(), gasRunHost());

/**
 * Sidebar API (google.script.run): the Lamps panel's data.
 * @param {Object} query {sort, csm, plan, limit}
 */
global.api_getLampsPanel = function (query: unknown) {
  return api().getLampsPanel(query as never);
};

/**
 * Sidebar API (google.script.run): the Lamps panel's data, the evidence judged again from the sheets.
 * @param {Object} query {sort, csm, plan, limit}
 */
global.api_judgeEvidenceAgain = function (query: unknown) {
  return api().judgeEvidenceAgain(query as never);
};

/** Sidebar API (google.script.run): moves the user's "last looked" mark to now. */
global.api_markLooked = function () {
  return api().markLooked();
};

/** Sidebar API (google.script.run): runs KPI Lamp now. */
global.api_runNow = function () {
  return api().runNow();
};

/**
 * Sidebar API (google.script.run): marks a lit lamp in progress (対応中).
 * @param {string} accountId The account's id.
 * @param {string} node The lamp's node id.
 * @param {string} memo A memo.
 * @param {string} snoozeUntil yyyy-mm-dd, or null.
 */
global.api_acknowledge = function (accountId: unknown, node: unknown, memo: unknown, snoozeUntil: unknown) {
  return api().acknowledge(accountId as string, node as string, memo as string, snoozeUntil as string | null);
};

/**
 * Sidebar API (google.script.run): selects an account's row.
 * @param {string} accountId The account's id.
 */
global.api_selectAccount = function (accountId: unknown) {
  return api().selectAccount(accountId as string);
};

/** Sidebar API (google.script.run): the schedule, its owner and the last run. */
global.api_getSchedule = function () {
  return api().getSchedule();
};

/**
 * Sidebar API (google.script.run): installs the schedule.
 * @param {string} every "day" or "hour".
 * @param {number} hour 0–23 for a daily run.
 * @param {boolean} replace Replace someone else's schedule.
 */
global.api_installSchedule = function (every: unknown, hour: unknown, replace: unknown) {
  return api().installSchedule(every as 'day', hour as number, replace as boolean);
};

/** Sidebar API (google.script.run): removes the schedule. */
global.api_removeSchedule = function () {
  return api().removeSchedule();
};

/** Sidebar API (google.script.run): the run settings. */
global.api_getRunSettings = function () {
  return api().getRunSettings();
};

/**
 * Sidebar API (google.script.run): changes the run settings.
 * @param {Object} settings {persistence, digest, logMaxRows}
 */
global.api_setRunSettings = function (settings: unknown) {
  return api().setRunSettings(settings as never);
};

/**
 * Sidebar API (google.script.run): clean removal.
 * @param {boolean} deleteSheets Also delete KPI Lamp's own sheets.
 */
global.api_removeEverything = function (deleteSheets: unknown) {
  return api().removeEverything(deleteSheets as boolean);
};

function userLang(): Lang {
  try {
    return pickLang(Session.getActiveUserLocale());
  } catch {
    return 'en';
  }
}

export function removalText(lang: Lang, r: RemovalReport): string {
  const what: string[] = [];
  if (r.column) what.push(t(lang, 'lamps.remove.what.column'));
  if (r.rules) what.push(t(lang, 'lamps.remove.what.rules'));
  if (r.schedule) what.push(t(lang, 'lamps.remove.what.schedule'));
  if (r.sheets.length) what.push(t(lang, 'lamps.remove.what.sheets', { sheets: r.sheets.join(', ') }));
  if (r.properties) what.push(t(lang, 'lamps.remove.what.properties', { count: r.properties }));
  return t(lang, 'lamps.remove.done', { what: what.length ? what.join(', ') : t(lang, 'lamps.remove.what.nothing') });
}

/** Menu item: runs KPI Lamp now and says what happened. */
global.kpiLampRunNow = function () {
  const lang = userLang();
  const r = runLamps(GasWorkbook.active(), gasRunHost());
  const text = r.ok
    ? runDoneText(lang, r)
    : t(lang, 'lamps.run.failed', { error: r.error ? t(lang, r.error.key, r.error.params) : '' });
  const ui = SpreadsheetApp.getUi();
  ui.alert(t(lang, 'dialog.run.title'), text, ui.ButtonSet.OK);
};

/** Menu item: removes KPI Lamp after a confirmation; its sheets only after a second one. */
global.kpiLampRemove = function () {
  const lang = userLang();
  const ui = SpreadsheetApp.getUi();
  const title = t(lang, 'dialog.remove.title');
  if (ui.alert(title, t(lang, 'dialog.remove.confirm'), ui.ButtonSet.YES_NO) !== ui.Button.YES) {
    ui.alert(title, t(lang, 'dialog.remove.cancelled'), ui.ButtonSet.OK);
    return;
  }
  const sheetsAnswer = ui.alert(
    title,
    t(lang, 'dialog.remove.sheets', { sheets: OWN_SHEETS.join(', ') }),
    ui.ButtonSet.YES_NO_CANCEL,
  );
  if (sheetsAnswer !== ui.Button.YES && sheetsAnswer !== ui.Button.NO) {
    ui.alert(title, t(lang, 'dialog.remove.cancelled'), ui.ButtonSet.OK);
    return;
  }
  const report = removeEverything(GasWorkbook.active(), gasRunHost().user(), sheetsAnswer === ui.Button.YES);
  ui.alert(title, removalText(lang, report), ui.ButtonSet.OK);
};
