/**
 * The run when the tree's settings name BigQuery tables (`accounts_table`,
 * `snapshots_table`, billed to `bigquery_project`): the compiled queries
 * (src/sql, driven by warehouse-lamps.ts) go through the host's warehouse
 * (RunHost.warehouse: the BigQuery advanced service in Apps Script, under
 * the user's own credentials), and only what a person reads comes back to
 * the spreadsheet: the sheet "KPI Lamp BigQuery" (the accounts at risk with
 * their lamps, the backtest, the alert budget) and, where the accounts sheet
 * lists the accounts by id (a Connected Sheets extract, or a sheet of ids),
 * the same lamp column and row colours as the sheet run (run.ts
 * paintAccounts: one piece of code, one pair of rules).
 *
 * Everything is read and computed before anything is written; a table it
 * cannot read, a column the tree reads and the table lacks, a query BigQuery
 * refuses or a tree the compiler refuses stops the run, named, with nothing
 * written: never a report that looks like good news.
 *
 * Not imported by run.ts: a bundle that reaches a warehouse plugs it in
 * (plugWarehouseRun), so that the default bundle carries no SQL compiler.
 */
import type { Evidence } from '../core/lamps/evidence';
import type { NodeEvidence } from '../core/lamps/assess';
import { fingerprint } from '../core/text/hash';
import { isoInZone } from '../core/time/iso-in-zone';
import { billingProject } from '../core/tree/bigquery-names';
import type { Tree } from '../core/tree/types';
import { treeToJson } from '../core/tree/validate';
import { bindingParams } from '../i18n/binding-text';
import { bigQueryText, type BigQueryKey } from '../i18n/bigquery-messages';
import { percent, times } from '../i18n/evidence-text';
import { warehouseReasonText } from '../i18n/lamp-text';
import { KeyedError } from '../i18n/keyed-error';
import { t, type Lang, type MessageKey } from '../i18n/messages';
import { isWarehouseRefusal, type SourceTable, type WarehouseAccess } from '../ports/warehouse';
import type { CellValue, SheetTable, Workbook } from '../ports/workbook';
import { knownSheets, RUN_READS, workbookBindings } from './bindings';
import { keepRecord, readKept } from './evidence-store';
import { BIGQUERY_SHEET } from './run-state';
import type { LampsComputation } from './lamps-report';
import { lampCellText, paintAccounts, type WarehouseRunInput, type WarehouseRunOutcome } from './run';
import { runQueries, warehouseLamps } from './warehouse-lamps';

/**
 * Where a BigQuery run keeps the evidence it judged: its own key (the sheets'
 * evidence rests on other data), outside EVIDENCE_KEY's parts
 * (`kpi-lamp.evidence.<n>`), so that the store counts each apart.
 */
export const WAREHOUSE_EVIDENCE_KEY = 'kpi-lamp.bigquery-evidence';

/**
 * What evidence judged over BigQuery rests on, as evidence-store.ts keeps
 * the sheets' (the tree, Snapshots, History): the tree's fingerprint, the
 * Snapshots table's version (lastModifiedTime and numRows) and History's row
 * count. Null when the Snapshots table does not say when it changed: then
 * nothing is kept.
 */
export function warehouseEvidenceSignature(
  wb: Workbook,
  tree: Tree,
  snapshots: Pick<SourceTable, 'version'> | null,
): string | null {
  if (snapshots && !snapshots.version) return null;
  const history = wb.rowCount(tree.settings.history_sheet);
  return `${fingerprint(treeToJson(tree))}:${snapshots ? snapshots.version : '-'}:${history === null ? '-' : history}`;
}

/** The evidence kept by an earlier BigQuery run, while it still holds (same signature, under a week old). */
export function keptWarehouseEvidence(
  wb: Workbook,
  tree: Tree,
  snapshots: Pick<SourceTable, 'version'> | null,
  now: Date,
): { evidence: NodeEvidence[]; at: string } | null {
  const sig = warehouseEvidenceSignature(wb, tree, snapshots);
  if (sig === null) return null;
  const k = readKept(wb, WAREHOUSE_EVIDENCE_KEY, sig, now);
  return k ? { evidence: k.evidence, at: k.at } : null;
}

export function warehouseRun(input: WarehouseRunInput): WarehouseRunOutcome {
  const { wb, host, lang, settings, tree, fail } = input;
  const s = tree.settings;
  const accountsPath = (s.accounts_table ?? '').trim();
  // The settings' project, else the Accounts table's (a domain-scoped `example.com:proj` whole): bigquery-names.ts.
  const project =
    billingProject({ bigquery_project: (s.bigquery_project ?? '').trim(), accounts_table: accountsPath }) ?? '';
  const access: WarehouseAccess | null = host.warehouse ? host.warehouse(project) : null;
  if (!access) throw fail('run.error.bigquery_unavailable', { table: accountsPath });

  // A refusal of the warehouse (a table, a query) or of the compiler, said as the run's.
  // The access's own reason is keyed (said again in any language by runErrorText); BigQuery's message is its own.
  const refused = (e: unknown): Error => {
    if (isWarehouseRefusal(e)) {
      const why = e.reason
        ? { ...e.reasonParams, reason: e.reason, message: warehouseReasonText(lang, e.reason, e.reasonParams ?? {}) }
        : { message: e.message };
      return e.warehouse === 'table'
        ? fail('run.error.bigquery_table', { ...why, table: e.subject })
        : fail('run.error.bigquery_query', { ...why, step: e.subject });
    }
    if (e instanceof KeyedError) return fail(e.key, e.params);
    return e as Error;
  };
  const tableOf = (path: string): SourceTable => {
    try {
      return access.table(path);
    } catch (e) {
      throw refused(e);
    }
  };
  const accounts = tableOf(accountsPath);
  const snapshotsPath = (s.snapshots_table ?? '').trim();
  const snapshots = snapshotsPath ? tableOf(snapshotsPath) : null;

  // Evidence kept from an earlier run over the same tree and Snapshots: the queries that scan Snapshots
  // (backtest, curve, monthly series) are then not sent, nor billed, and History's rows are not read (only the
  // verdicts' monthly series read them: warehouse-lamps.ts verdictData); its header is, for the check below.
  const now = host.now();
  const kept = keptWarehouseEvidence(wb, tree, snapshots, now);
  const history = kept ? null : wb.readSheet(s.history_sheet);

  // What the tree reads and the tables lack would read as good news (every lamp "no column"): refused, named.
  // The sheet run's check (bindings.ts): the tables' columns stand for the sheets they replace, History is read
  // (its header alone when its rows are not needed), and a misspelt sheet is hinted from the workbook's sheets,
  // but not from the sheets the tables replace (a Snapshots sheet is not read when Accounts is a table).
  const asHeader = (t: SourceTable) => ({ header: t.columns.map((c) => c.name.trim()) });
  const known = knownSheets([
    [s.accounts_sheet, asHeader(accounts)],
    [s.snapshots_sheet, snapshots ? asHeader(snapshots) : null],
    ...(kept ? [] : [[s.history_sheet, history] as [string, SheetTable | null]]),
  ]);
  const sheets = {
    sheetNames: () => wb.sheetNames().filter((n) => n !== s.accounts_sheet && n !== s.snapshots_sheet),
    headerRow: (sheet: string) => wb.headerRow(sheet),
  };
  const missing = workbookBindings(sheets, tree, RUN_READS, known);
  if (missing.length) {
    const m = missing[0];
    const table = m.sheet === s.accounts_sheet ? accounts : m.sheet === s.snapshots_sheet ? snapshots : null;
    if (table && m.what === 'column')
      throw fail('run.error.bigquery_column', { table: table.label, column: m.column ?? '' });
    throw fail('run.error.bindings', { ...bindingParams(m), count: missing.length });
  }

  let c: LampsComputation;
  try {
    c = runQueries(
      warehouseLamps(tree, { accounts, snapshots }, history, {
        dialect: 'bigquery',
        timeZone: wb.timeZone(),
        listing: 'at_risk',
        ...(kept ? { evidence: kept.evidence } : {}),
      }),
      access,
    );
  } catch (e) {
    throw refused(e);
  }
  const evidenceAt = kept ? kept.at : isoInZone(now, wb.timeZone());
  const sig = kept ? null : warehouseEvidenceSignature(wb, tree, snapshots);
  // Kept only to save queries: a store that refuses it (too large) costs the next run its queries, nothing more.
  if (sig !== null)
    keepRecord(wb, WAREHOUSE_EVIDENCE_KEY, { sig, at: evidenceAt, ms: now.getTime(), evidence: c.assessment.evidence });

  // Written: the report sheet, then the accounts sheet's lamp column and colours where it lists the ids.
  const rows = reportRows(lang, input, c, accounts.label);
  wb.ensureSheet(BIGQUERY_SHEET, [rows[0][0] as string]);
  wb.writeValues(BIGQUERY_SHEET, 1, 1, [[rows[0][0]]], true);
  wb.replaceRows(BIGQUERY_SHEET, rows.slice(1));
  // The accounts sheet, where there is one to colour: a Connected Sheets extract or a sheet of ids is read like
  // any sheet; one Sheets cannot read as a grid (a data source sheet) is left as it is, like a missing one.
  let sheet: ReturnType<typeof wb.readSheet> = null;
  try {
    sheet = wb.readSheet(s.accounts_sheet);
  } catch {
    sheet = null;
  }
  const texts = new Map(c.listed.map((a) => [a.id, lampCellText(lang, tree, a)]));
  const coloured = sheet ? paintAccounts(wb, settings, sheet, s.columns.id, (id) => texts.get(id) ?? null) : false;

  // Lamps on now, as the sheet run counts them: every lit lamp of a node the gate holds back is on watch, every
  // other lit lamp counts (the engine's count per lamp node covers every account, listed or not).
  let lamps = 0;
  let watch = 0;
  for (const n of c.perNode) {
    if (c.assessment.gated.has(n.node)) watch += n.accounts;
    else lamps += n.accounts;
  }
  return {
    accounts: c.accounts,
    lit: c.assessment.budget.lit,
    lamps,
    on: lamps,
    watch,
    newLamps: 0,
    evidenceAt,
    warehouse: { table: accounts.label, sheet: BIGQUERY_SHEET, coloured: coloured ? s.accounts_sheet : null },
  };
}

/** The report as rows a person reads: the title, the accounts at risk, the backtest, the budget (blank rows between). */
function reportRows(lang: Lang, input: WarehouseRunInput, c: LampsComputation, table: string): CellValue[][] {
  const { tree, stamp } = input;
  const say = (k: BigQueryKey | MessageKey) => bigQueryText(lang, k);
  const rows: CellValue[][] = [[bigQueryText(lang, 'bq.sheet.title', { table, at: stamp })], []];
  rows.push([bigQueryText(lang, 'bq.sheet.accounts', { lit: c.assessment.budget.lit, accounts: c.accounts })]);
  rows.push(
    (
      [
        'bq.col.id',
        'bq.col.name',
        'term.owner',
        'bq.col.plan',
        'bq.col.arr',
        'bq.col.severity',
        'bq.col.lamps',
      ] as const
    ).map(say),
  );
  for (const a of c.listed)
    rows.push([
      a.id,
      a.name,
      a.owner,
      a.plan,
      a.arr,
      t(lang, `lamp.state.${a.severity}` as 'lamp.state.ok'),
      lampCellText(lang, tree, a),
    ]);
  rows.push([]);
  const evidence = new Map<string, Evidence>(c.assessment.evidence.map((e) => [e.node, e.evidence]));
  rows.push([bigQueryText(lang, 'bq.sheet.backtest', { horizon: c.horizon })]);
  rows.push(
    (
      [
        'term.kpi',
        'bq.col.considered',
        'bq.col.lit',
        'bq.col.churned',
        'bq.col.lit_churned',
        'term.precision',
        'term.lift',
        'term.evidence',
      ] as const
    ).map(say),
  );
  for (const b of c.backtest) {
    const e = evidence.get(b.node);
    rows.push([
      b.name,
      b.considered,
      b.lit,
      b.churned,
      b.lit_churned,
      percent(b.precision),
      times(b.lift),
      e ? t(lang, `term.${e}` as MessageKey) : null,
    ]);
  }
  rows.push([]);
  const bu = c.assessment.budget;
  rows.push([
    bigQueryText(lang, 'bq.sheet.budget', {
      budget: percent(bu.alert_budget),
      lit: bu.lit,
      share: percent(bu.lit_share),
      over: bu.over ? bigQueryText(lang, 'bq.sheet.over') : '',
    }),
  ]);
  rows.push((['term.kpi', 'bq.col.lit', 'term.lit_share', 'term.budget_cutoff'] as const).map(say));
  const names = new Map(tree.nodes.map((n) => [n.id, n.name]));
  for (const n of bu.nodes) rows.push([names.get(n.node) ?? n.node, n.lit, percent(n.lit_share), n.budget_cutoff]);
  // One rectangular block: the sheet is written in one call.
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  return rows.map((r) => (r.length < width ? [...r, ...Array<CellValue>(width - r.length).fill(null)] : r));
}
