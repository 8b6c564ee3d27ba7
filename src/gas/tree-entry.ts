/**
 * The KPI tree builder's server API in Apps Script: each function of
 * src/server/tree-api.ts as a global `api_NAME` (google.script.run), over
 * the active spreadsheet. openCorrelogram also opens the correlogram, the
 * built dist/Correlogram.html, in a modal dialog about 720 px wide (a
 * sidebar is 300 px and cannot be widened); the dialog asks
 * api_getCorrelogram for what to draw.
 */
import { createApi } from '../server/api';
import { GasWorkbook } from './gas-workbook';
import { gasRunHost } from './gas-run-host';

declare const global: Record<string, unknown>;

const api = () => createApi(GasWorkbook.active(), gasRunHost());

/** Sidebar API (google.script.run): the tree, its problems, verdicts with correlograms, column headers. */
global.api_getTreeState = function () {
  return api().getTreeState();
};

/**
 * Sidebar API (google.script.run): validates a whole kpi-lamp/tree@1 document and saves it only when valid.
 * @param {Object} doc The tree document.
 */
global.api_saveTree = function (doc: unknown) {
  return api().saveTree(doc);
};

/**
 * Sidebar API (google.script.run): verdicts of an unsaved draft; writes nothing.
 * @param {Object} doc The draft tree document.
 */
global.api_checkDraft = function (doc: unknown) {
  return api().checkDraft(doc);
};

/**
 * Sidebar API (google.script.run): what a threshold being edited would do for one node of an unsaved draft; writes nothing.
 * @param {Object} doc The draft tree document.
 * @param {string} nodeId The node whose threshold is being edited.
 */
global.api_previewThreshold = function (doc: unknown, nodeId: unknown) {
  return api().previewThreshold(doc, nodeId);
};

/**
 * Sidebar API (google.script.run): validates tree JSON text and saves it only when valid.
 * @param {string} text The JSON text.
 */
global.api_importTree = function (text: unknown) {
  return api().importTree(text);
};

/** Sidebar API (google.script.run): the tree as kpi-lamp/tree@1 JSON text. */
global.api_exportTree = function () {
  return api().exportTree();
};

/**
 * Sidebar API (google.script.run): a starter document for the editor (not saved).
 * @param {string} which "minimal" or "sample".
 */
global.api_starterTree = function (which: unknown) {
  return api().starterTree(which);
};

/**
 * Sidebar API (google.script.run): a number typed as 0.8, 80% or ８０％, or null.
 * @param {string} text The typed text.
 */
global.api_normalizeNumber = function (text: unknown) {
  return api().normalizeNumber(text);
};

/**
 * Sidebar API (google.script.run): opens the correlogram of a KPI in a modal dialog.
 * @param {string} nodeId The node's id.
 */
global.api_openCorrelogram = function (nodeId: unknown) {
  const result = api().openCorrelogram(nodeId);
  const d = result.modalDialog;
  const html = HtmlService.createHtmlOutputFromFile(d.file).setWidth(d.width).setHeight(d.height);
  SpreadsheetApp.getUi().showModalDialog(html, d.title);
  return result;
};

/** Correlogram dialog API (google.script.run): the chosen KPI's verdict and correlogram rows. */
global.api_getCorrelogram = function () {
  return api().getCorrelogram();
};
