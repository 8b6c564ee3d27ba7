/**
 * The menu, the sidebar and the sidebar's server API in Apps Script.
 *
 * Works as a bound script and as an Editor add-on in every auth mode:
 * onOpen builds the menu with createAddonMenu() and, in AuthMode.NONE (an
 * add-on installed but not yet enabled for this file), touches no service
 * but the menu, so its labels fall back to English there. onInstall (FULL)
 * calls onOpen.
 *
 * Each function of the server API (src/server/api.ts) is a global
 * `api_NAME` here, which the sidebar calls with google.script.run
 * (src/sidebar/api-client.ts); a test checks that the build has one for each.
 */
import { pickLang, t, type Lang } from '../i18n/messages';
import { createApi } from '../server/api';
import { GasWorkbook } from './gas-workbook';
import { gasRunHost } from './gas-run-host';

declare const global: Record<string, unknown>;

/** The built sidebar file in dist/ (dist/Sidebar.html), served as it is, never as a template. */
export const SIDEBAR_FILE = 'Sidebar';
export const SIDEBAR_TITLE = 'KPI Lamp';

function isAuthModeNone(e: unknown): boolean {
  const mode = (e as { authMode?: unknown } | null | undefined)?.authMode;
  if (mode === undefined || mode === null) return false;
  if (typeof ScriptApp !== 'undefined' && ScriptApp.AuthMode && mode === ScriptApp.AuthMode.NONE) return true;
  return String(mode) === 'NONE';
}

/** The menu's language: the user's locale where reading it is allowed, else English. */
function menuLang(e: unknown): Lang {
  if (isAuthModeNone(e)) return 'en';
  try {
    return pickLang(Session.getActiveUserLocale());
  } catch {
    return 'en';
  }
}

const api = () => createApi(GasWorkbook.active(), gasRunHost());

/**
 * Simple trigger: adds the KPI Lamp menu (Extensions → KPI Lamp in an add-on).
 * @param {Object} e The open event; e.authMode is NONE when the add-on is not enabled for this file.
 */
global.onOpen = function (e: unknown) {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(t(menuLang(e), 'menu.open_sidebar'), 'showSidebar')
    // Lamps (src/gas/lamps-entry.ts): each asks for what it needs when chosen.
    .addItem(t(menuLang(e), 'menu.run_now'), 'kpiLampRunNow')
    .addSeparator()
    .addItem(t(menuLang(e), 'menu.remove'), 'kpiLampRemove')
    .addToUi();
};

/**
 * Runs when the add-on is installed (AuthMode.FULL): builds the menu at once.
 * @param {Object} e The install event.
 */
global.onInstall = function (e: unknown) {
  (global.onOpen as (e: unknown) => void)(e);
};

/** Menu item: opens the KPI Lamp sidebar (dist/Sidebar.html). */
global.showSidebar = function () {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(SIDEBAR_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
};

/** Sidebar API (google.script.run): the language, the sheets and the active sheet's headers. */
global.api_getContext = function () {
  return api().getContext();
};

/** Sidebar API (google.script.run): the active sheet and range only. */
global.api_getSelection = function () {
  return api().getSelection();
};

/**
 * Sidebar API (google.script.run): remembers the user's language.
 * @param {string} lang "ja", "en", or null for the locale's.
 */
global.api_setLang = function (lang: unknown) {
  return api().setLang(lang as Lang | null);
};

/**
 * Sidebar API (google.script.run): activates a sheet.
 * @param {string} sheet The sheet's name.
 */
global.api_selectSheet = function (sheet: unknown) {
  return api().selectSheet(sheet as string);
};
