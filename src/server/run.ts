/**
 * The run (scheduled or "Run now"): evaluates every account with the lamp
 * core, remembers the result in the state sheet, logs every lamp that goes
 * on or off, shows a lamp column on the accounts sheet and colours at-risk
 * rows with conditional-format rules keyed on that column.
 *
 * Everything is checked and computed before anything is written; a run that
 * cannot proceed writes nothing to the spreadsheet and records a clear error
 * (shown by the sidebar). The run is one transaction (journal.ts): a write
 * that fails undoes the ones before it, and the digest mail, which cannot be
 * undone, goes only after everything is written. Writes go by account id, re-reading the ids just
 * before writing. Two runs of a spreadsheet never overlap (lease.ts). Running twice is
 * safe: only changes are logged. Pure over the Workbook port and a RunHost.
 */
import { assessLamps } from '../core/lamps/assess';
import { type AccountLamps, isLit, type Lamp, type LampState, severityRank } from '../core/lamps/evaluate';
import { columnIndex, columnLetter, monthKey, type Table } from '../core/table';
import { isoInZone } from '../core/time/iso-in-zone';
import type { Tree } from '../core/tree/types';
import { bindingParams } from '../i18n/binding-text';
import { lampReasonText, runErrorText } from '../i18n/lamp-text';
import { logMessage } from '../i18n/log-text';
import { KeyedError } from '../i18n/keyed-error';
import { t, type Lang, type MessageKey, type MessageParams } from '../i18n/messages';
import { treeIssueText } from '../i18n/tree-issue-text';
import type { RunHost } from '../ports/run-host';
import type { CellValue, FormatRule, Workbook, WriteValue } from '../ports/workbook';
import {
  type AccountState,
  type KeptLamp,
  LOG_HEADER,
  LOG_SHEET,
  type LogEntry,
  logRow,
  parseState,
  STATE_HEADER,
  STATE_SHEET,
  stateRow,
} from './run-state';
import { releaseLease, takeLease } from './lease';
import { snapshotRows, snapshotsHeader } from './snapshots';
import { evidenceFor } from './evidence-store';
import { loadTree } from './tree-store';
import { runBindings, type MissingBinding } from './bindings';
import { IncompleteRollback, outsideTransaction, transaction } from './journal';
import { workbookLang } from './workbook-lang';

export interface RunSettings {
  /** A lamp is reported as new only after this many consecutive runs lit (1 = at once). */
  persistence: number;
  /** Send the schedule's owner a daily email of new lamps. */
  digest: boolean;
  /** Header of the lamp column on the accounts sheet. */
  lampColumn: string;
  /** The log keeps at most this many rows (the oldest go first). */
  logMaxRows: number;
}

export const DEFAULT_RUN_SETTINGS: RunSettings = {
  persistence: 1,
  digest: false,
  lampColumn: 'KPI Lamp',
  logMaxRows: 5000,
};
export const RUN_SETTINGS_KEY = 'kpi-lamp.run-settings';
export const LAST_RUN_KEY = 'kpi-lamp.last-run';
export const SCHEDULE_KEY = 'kpi-lamp.schedule';
/** The conditional-format rules last set, so that a daily run need not read and rewrite them. */
export const RULES_KEY = 'kpi-lamp.rules';
/** The last month appended to Snapshots, so that a daily run need not read Snapshots. */
export const SNAPSHOT_MONTH_KEY = 'kpi-lamp.snapshot-month';

/** Okabe–Ito colours (safe for colour-blind readers), as light row tints. */
export const ROW_COLOURS: Record<'alert' | 'warn', string> = { alert: '#f6cbb7', warn: '#fbe3a8' };

export interface RunResult {
  ok: boolean;
  at: string;
  by: string;
  /** The error in the runner's language, with its key for other languages. */
  error: { key: MessageKey; params: MessageParams; text: string } | null;
  accounts: number;
  /** Accounts at risk (severity warn or alert; lamps on watch do not count). */
  lit: number;
  /** Lamps on now that count (the same on a second run when nothing changed). */
  lamps: number;
  /** Of those, lamps that came on since the last run (every lamp, on the first run). */
  on: number;
  /** Lamps that went off since the last run. */
  off: number;
  /** Lamps on now whose node is on watch (the gate holds them back). */
  watch: number;
  /** No run before this one (no state to compare with). */
  firstRun: boolean;
  newLamps: number;
  snapshotMonth: string | null;
  /** What this run added to Snapshots: the sheet, the month, how many rows, and whether it started the sheet (there was none). Absent in results stored before. */
  snapshot?: { sheet: string; month: string; rows: number; created: boolean } | null;
  /** What went wrong around a run that itself went through (a digest mail that could not be sent). */
  notices: { key: MessageKey; params: MessageParams; text: string }[];
  /** When the evidence this run gated with was judged. */
  evidenceAt: string | null;
  /** A run over a warehouse (the tree's accounts_table): the table read and the sheet written. */
  warehouse?: { table: string; sheet: string; coloured: string | null };
}

export function runSettings(wb: Workbook): RunSettings {
  try {
    const raw = JSON.parse(wb.documentStore().get(RUN_SETTINGS_KEY) ?? '{}');
    const s = { ...DEFAULT_RUN_SETTINGS, ...raw } as RunSettings;
    s.persistence = Math.max(1, Math.min(30, Math.floor(Number(s.persistence)) || 1));
    s.logMaxRows = Math.max(100, Math.min(100000, Math.floor(Number(s.logMaxRows)) || DEFAULT_RUN_SETTINGS.logMaxRows));
    s.digest = s.digest === true;
    s.lampColumn =
      typeof s.lampColumn === 'string' && s.lampColumn.trim() ? s.lampColumn.trim() : DEFAULT_RUN_SETTINGS.lampColumn;
    return s;
  } catch {
    return { ...DEFAULT_RUN_SETTINGS };
  }
}

export function lastRun(wb: Workbook): RunResult | null {
  try {
    return JSON.parse(wb.documentStore().get(LAST_RUN_KEY) ?? 'null');
  } catch {
    return null;
  }
}

/**
 * The lamp column's text: a fixed code the colour rules key on (the
 * severity, where lamps on watch do not count), then the lamps that count in
 * words, then those on watch, named as such: shown, never counted.
 */
export function lampCellText(lang: Lang, tree: Tree, a: AccountLamps): string {
  const names = new Map(tree.nodes.map((n) => [n.id, n.name]));
  const word = (s: LampState) => t(lang, `lamp.state.${s}` as 'lamp.state.ok');
  // Every lamp of an OK account is OK or on watch: nothing else to list (and no lamp to make).
  if (a.severity === 'ok' && !a.watch) return `[ok] ${word('ok')}`;
  const item = (l: Lamp) => `${names.get(l.node) ?? l.node}: ${lampReasonText(lang, l)}`;
  const shown = a.lamps
    .filter((l) => l.state !== 'ok' && !l.gated)
    .sort((x, y) => severityRank(y.state) - severityRank(x.state))
    .map(item);
  const watched = a.lamps.filter((l) => l.gated && isLit(l.state)).map(item);
  const parts = [
    ...(shown.length ? [shown.join('; ')] : []),
    ...(watched.length ? [`${t(lang, 'term.gated')}: ${watched.join('; ')}`] : []),
  ];
  return `[${a.severity}] ${word(a.severity)}${parts.length ? ' — ' + parts.join(' · ') : ''}`;
}

/** A lamp's family between runs: on and counted, on but on watch, or without data (ok lamps are not kept). */
function family(s: LampState, gated: boolean): 'lit' | 'watch' | 'unknown' | 'ok' {
  if (s === 'ok') return 'ok';
  if (!isLit(s)) return 'unknown';
  return gated ? 'watch' : 'lit';
}

/** What stops a run before it writes anything: recorded as the run's error, in the runner's language. */
class RunFailure extends KeyedError {
  constructor(key: MessageKey, params: MessageParams = {}) {
    super(key, params);
    this.name = 'RunFailure';
  }
}

interface Plan {
  tree: Tree;
  accounts: Table;
  lampCol: number;
  /** The lamp column is added by this run. */
  newColumn: boolean;
  month: string;
  evaluated: AccountLamps[];
  lampsOn: number;
  watchOn: number;
  firstRun: boolean;
  evidenceAt: string;
  next: Map<string, AccountState>;
  summaries: Map<string, string>;
  events: LogEntry[];
  newLamps: { account: AccountLamps; lamp: Lamp }[];
  logRows: number;
  /** The month's rows for Snapshots; `create`: the header of the sheet to start first (there was none). */
  snapshot: { sheet: string; month: string; rows: WriteValue[][]; at: number; create: string[] | null } | null;
}

/** The tree the run follows; RunFailure when there is none or it is invalid. */
function runTree(wb: Workbook, lang: Lang): Tree {
  const loaded = loadTree(wb);
  if (loaded.status === 'none') throw new RunFailure('run.error.no_tree');
  if (loaded.status === 'invalid')
    throw new RunFailure('run.error.tree_invalid', {
      problem: treeIssueText(lang, loaded.issues[0]),
      count: loaded.issues.length,
    });
  return loaded.tree;
}

/** Reads and computes everything; throws RunFailure before anything is written. */
function prepare(wb: Workbook, host: RunHost, lang: Lang, settings: RunSettings, tree: Tree): Plan {
  const s = tree.settings;
  // A sheet or column the tree binds and the workbook lacks (misspelt, renamed) would read as good news:
  // "0 at risk", every lamp "too little history". It stops the run, named, with the closest name there.
  // Checked on the sheets the run reads anyway: the lamps' on Accounts, the evidence's when it is judged
  // (kept evidence was judged over everything it reads).
  const accounts = wb.readSheet(s.accounts_sheet);
  const stop = (missing: MissingBinding[]) => {
    if (missing.length > 0)
      throw new RunFailure('run.error.bindings', { ...bindingParams(missing[0]), count: missing.length });
  };
  stop(runBindings(wb, tree, accounts));
  if (!accounts) throw new RunFailure('run.error.no_accounts_sheet', { sheet: s.accounts_sheet });
  const existing = columnIndex(accounts, settings.lampColumn);
  const lampCol = existing >= 0 ? existing + 1 : accounts.header.length + 1;
  // Evidence (kept between runs, judged again when what it rests on changed) decides what the gate holds back.
  const evidence = evidenceFor(wb, tree, host.now(), {
    data: () => ({ accounts, snapshots: wb.readSheet(s.snapshots_sheet), history: wb.readSheet(s.history_sheet) }),
  });
  stop(runBindings(wb, tree, accounts, evidence));
  const evaluated = assessLamps(tree, accounts, evidence.evidence).evaluation.accounts;

  const now = isoInZone(host.now(), wb.timeZone());
  const stamp = now.length === 10 ? `${now}T00:00:00` : now;
  const user = host.user();
  const stateTable = wb.readSheet(STATE_SHEET);
  const previous = parseState(stateTable);
  let lampsOn = 0;
  let watchOn = 0;
  const nodes = new Map(tree.nodes.map((n) => [n.id, n]));
  const next = new Map<string, AccountState>();
  const summaries = new Map<string, string>();
  const events: LogEntry[] = [];
  const newLamps: Plan['newLamps'] = [];
  const entry = (
    a: { id: string; name: string | null },
    node: string,
    event: LogEntry['event'],
    state: string,
    l: Lamp | null,
    previous: string | null,
  ): LogEntry => {
    const name = nodes.get(node)?.name ?? node;
    const e: LogEntry = {
      time: stamp,
      account_id: a.id,
      account_name: a.name,
      node,
      node_name: name,
      event,
      state,
      value: l?.value ?? null,
      threshold: l ? (l.state === 'alert' ? (l.alert ?? null) : (l.warn ?? l.alert ?? null)) : null,
      action: l?.action ?? nodes.get(node)?.action ?? null,
      memo: null,
      snooze_until: null,
      user,
      previous_state: previous,
      message: null,
    };
    e.message = logMessage(lang, e, name, l ? lampReasonText(lang, l) : null);
    return e;
  };

  for (const a of evaluated) {
    const before = previous.get(a.id);
    // Keyed by node ids (the tree's texts): no prototype, see parseState.
    const kept: Record<string, KeptLamp> = Object.create(null);
    // An OK account (nothing on watch either) that had no lamp on or without data last time: nothing changes.
    if (a.severity === 'ok' && !a.watch && (!before || Object.keys(before.lamps).length === 0)) {
      next.set(a.id, { id: a.id, name: a.name, severity: a.severity, lamps: kept });
      summaries.set(a.id, '');
      continue;
    }
    for (const l of a.lamps) {
      const prev = before?.lamps[l.node];
      const was = prev?.s ?? 'ok';
      const wasFamily = family(was, prev?.g === true);
      // What the log names as the state before: a lamp on watch as such.
      const previous = wasFamily === 'watch' ? 'watch' : was;
      if (l.state === 'ok') {
        if (isLit(was)) events.push(entry(a, l.node, 'off', 'ok', l, previous));
        continue;
      }
      // A lamp's family: on and counted, on but on watch, or without data.
      const now = family(l.state, l.gated);
      const same = !!prev && wasFamily === now;
      const k: KeptLamp = {
        s: l.state,
        since: same ? prev.since : stamp,
        streak: same ? prev.streak + 1 : 1,
        v: l.value,
      };
      if (now === 'watch') k.g = true;
      if (same && prev.ack && now === 'lit') k.ack = prev.ack;
      kept[l.node] = k;
      if (now === 'lit') {
        lampsOn++;
        if (wasFamily !== 'lit') events.push(entry(a, l.node, 'on', l.state, l, previous));
        else if (was !== l.state) events.push(entry(a, l.node, 'changed', l.state, l, previous));
        if (k.streak === settings.persistence) newLamps.push({ account: a, lamp: l });
      } else if (now === 'watch') {
        watchOn++;
        if (wasFamily !== 'watch') events.push(entry(a, l.node, 'watch', l.state, l, previous));
      } else if (isLit(was)) events.push(entry(a, l.node, 'off', l.state, l, previous));
    }
    next.set(a.id, { id: a.id, name: a.name, severity: a.severity, lamps: kept });
    const summary = Object.entries(kept)
      .filter(([, k]) => k.s !== 'ok')
      .map(([node, k]) => {
        const name = nodes.get(node)?.name ?? node;
        const since = k.since.slice(0, 10);
        return k.g
          ? t(lang, 'run.summary.watch', { node: name, since })
          : t(lang, 'run.summary.item', { node: name, state: t(lang, `lamp.state.${k.s}` as 'lamp.state.ok'), since });
      })
      .join('; ');
    summaries.set(a.id, summary);
  }
  // Accounts that left the sheet: their lit lamps go off.
  for (const [id, st] of previous) {
    if (next.has(id)) continue;
    for (const [node, k] of Object.entries(st.lamps))
      if (isLit(k.s)) events.push(entry(st, node, 'off', 'removed', null, k.g ? 'watch' : k.s));
  }

  // On the first run of a month, the month's Accounts values join Snapshots. Where there is no Snapshots
  // sheet, the run starts one (its history is what the backtest, and so the evidence, needs).
  let snapshot: Plan['snapshot'] = null;
  const month = now.slice(0, 7);
  // Our lamp column is not account data: never copied.
  const skip = lampCol - 1;
  if (wb.rowCount(s.snapshots_sheet) === null) {
    const header = snapshotsHeader(tree, accounts, skip);
    const rows = snapshotRows(accounts, { name: s.snapshots_sheet, header, rows: [] }, s.columns, month, skip);
    snapshot = { sheet: s.snapshots_sheet, month, rows, at: 2, create: header };
  } else {
    const snaps = wb.documentStore().get(SNAPSHOT_MONTH_KEY) === month ? null : wb.readSheet(s.snapshots_sheet);
    const mi = snaps ? columnIndex(snaps, s.columns.month) : -1;
    if (snaps && mi >= 0 && !snaps.rows.some((r) => monthKey(r[mi]) === month)) {
      const rows = snapshotRows(accounts, snaps, s.columns, month, skip);
      snapshot = { sheet: s.snapshots_sheet, month, rows, at: snaps.rows.length + 2, create: null };
    }
  }
  return {
    tree,
    accounts,
    lampCol,
    newColumn: existing < 0,
    evaluated,
    lampsOn,
    watchOn,
    firstRun: stateTable === null,
    evidenceAt: evidence.at,
    next,
    summaries,
    events,
    newLamps,
    logRows: wb.rowCount(LOG_SHEET) ?? 0,
    snapshot,
    month,
  };
}

/** Where the Log's header, as last read or written, is kept: a daily run need not read it (one call less per run). */
export const LOG_HEADER_KEY = 'kpi-lamp.log-header';

/**
 * The Log sheet's header, with every column of LOG_HEADER: a Log written
 * before a column existed gets it added at its end (its old rows stay as
 * they are, blank there). Read from the sheet only when it may have changed.
 */
function logHeader(wb: Workbook, created: boolean): string[] {
  const store = wb.documentStore();
  if (created) {
    store.set(LOG_HEADER_KEY, JSON.stringify(LOG_HEADER));
    return LOG_HEADER;
  }
  let kept: unknown = null;
  try {
    kept = JSON.parse(store.get(LOG_HEADER_KEY) ?? 'null');
  } catch {
    kept = null;
  }
  if (Array.isArray(kept) && LOG_HEADER.every((h) => kept.includes(h))) return kept as string[];
  const header = wb.headerRow(LOG_SHEET) ?? [];
  const missing = LOG_HEADER.filter((h) => !header.includes(h));
  if (missing.length) wb.writeValues(LOG_SHEET, 1, header.length + 1, [missing], true);
  const full = [...header, ...missing];
  store.set(LOG_HEADER_KEY, JSON.stringify(full));
  return full;
}

/** Appends log entries, keeping at most maxRows (the oldest go first). Each row follows the sheet's own header. */
export function appendLog(wb: Workbook, entries: LogEntry[], existingRows: number, maxRows: number): void {
  const created = wb.ensureSheet(LOG_SHEET, LOG_HEADER);
  if (entries.length === 0) return;
  const header = logHeader(wb, created);
  const rows = entries.map((e) => logRow(e, header));
  if (existingRows + rows.length <= maxRows) {
    wb.writeValues(LOG_SHEET, existingRows + 2, 1, rows, true);
    return;
  }
  // Rotate: keep the newest rows, up to 80% of the size, so that the next
  // runs append again for a while before the next rotation.
  const old = wb.readSheet(LOG_SHEET)?.rows ?? [];
  wb.replaceRows(LOG_SHEET, [...old, ...rows].slice(-Math.floor(maxRows * 0.8)));
}

/**
 * The lamp column and the rows' colours on an accounts sheet, by account id
 * (the ids read again just before writing): one piece of code, and one pair
 * of rules, whichever engine judged the accounts (the sheet itself, or a
 * warehouse whose accounts the sheet lists: a Connected Sheets extract or a
 * sheet of ids). `text` gives an account's lamp cell (null: blank). False
 * when the sheet has no id column (nothing written).
 */
export function paintAccounts(
  wb: Workbook,
  settings: RunSettings,
  fresh: Table,
  idHeader: string,
  text: (id: string) => string | null,
): boolean {
  const sheet = fresh.name;
  const idCol = columnIndex(fresh, idHeader);
  if (idCol < 0) return false;
  const existing = columnIndex(fresh, settings.lampColumn);
  const newColumn = existing < 0;
  const lampCol = newColumn ? fresh.header.length + 1 : existing + 1;
  const column: CellValue[][] = [[settings.lampColumn]];
  for (const row of fresh.rows) column.push([text(row[idCol] === null ? '' : String(row[idCol]).trim())]);
  // The lamp column's texts start with "[": never a formula. Plain-text format once, when added;
  // the header only then (an existing one is left as the person wrote it).
  if (newColumn) wb.setTextColumn(sheet, lampCol);
  wb.writeValues(sheet, newColumn ? 1 : 2, lampCol, newColumn ? column : column.slice(1), true);
  const L = columnLetter(lampCol);
  const last = columnLetter(Math.max(lampCol, fresh.header.length));
  const rules: FormatRule[] = (['alert', 'warn'] as const).map((sev) => ({
    ranges: [`A2:${last}`],
    formula: `=LEFT($${L}2,${sev.length + 2})="[${sev}]"`,
    background: ROW_COLOURS[sev],
    owner: 'kpi-lamp',
  }));
  // Set once, and again only when they change (the user's rules are kept either way).
  const signature = JSON.stringify({ sheet, rules });
  if (wb.documentStore().get(RULES_KEY) !== signature) {
    wb.setOwnFormatRules(sheet, rules);
    wb.documentStore().set(RULES_KEY, signature);
  }
  return true;
}

function write(wb: Workbook, lang: Lang, settings: RunSettings, p: Plan, stamp: string): void {
  const s = p.tree.settings;
  wb.ensureSheet(STATE_SHEET, STATE_HEADER);
  // The lamp column, by account id, from ids read again just before writing.
  const fresh = wb.readSheet(s.accounts_sheet);
  if (!fresh) throw new RunFailure('run.error.no_accounts_sheet', { sheet: s.accounts_sheet });
  const byId = new Map(p.evaluated.map((a) => [a.id, a]));
  const painted = paintAccounts(wb, settings, fresh, s.columns.id, (id) => {
    const a = byId.get(id);
    return a ? lampCellText(lang, p.tree, a) : null;
  });
  if (!painted) throw new RunFailure('run.error.no_id_column', { sheet: s.accounts_sheet, column: s.columns.id });
  wb.replaceRows(
    STATE_SHEET,
    [...p.next.values()].map((a) => stateRow(a, p.summaries.get(a.id) ?? '', stamp)),
  );
  appendLog(wb, p.events, p.logRows, settings.logMaxRows);
  if (p.snapshot?.create) {
    wb.createDataSheet(p.snapshot.sheet, p.snapshot.create);
    // Months as yyyy-mm text in a plain-text column: read the same in every locale and number format, never
    // turned into a date by Sheets (a date a person types there still counts as its month).
    wb.setTextColumn(p.snapshot.sheet, p.snapshot.create.indexOf(p.tree.settings.columns.month) + 1);
  }
  if (p.snapshot && p.snapshot.rows.length) wb.writeValues(p.snapshot.sheet, p.snapshot.at, 1, p.snapshot.rows);
  if (p.snapshot || wb.documentStore().get(SNAPSHOT_MONTH_KEY) !== p.month)
    wb.documentStore().set(SNAPSHOT_MONTH_KEY, p.month);
}

/** What a warehouse run is given: the workbook (inside the run's transaction), the host, the tree it follows. */
export interface WarehouseRunInput {
  wb: Workbook;
  host: RunHost;
  lang: Lang;
  settings: RunSettings;
  tree: Tree;
  stamp: string;
  /** The run's refusal: thrown, it stops the run before anything is written (or undoes what was). */
  fail(key: MessageKey, params?: MessageParams): Error;
}

/** What a warehouse run reports: the RunResult's counts, and where it wrote. */
export type WarehouseRunOutcome = Pick<
  RunResult,
  'accounts' | 'lit' | 'lamps' | 'on' | 'watch' | 'newLamps' | 'evidenceAt'
> & {
  warehouse: NonNullable<RunResult['warehouse']>;
};

export type WarehouseRun = (input: WarehouseRunInput) => WarehouseRunOutcome;

/**
 * The warehouse run (src/server/warehouse-run.ts), plugged in by the bundle
 * that can reach a warehouse (src/gas/bigquery-plug.ts in dist-bigquery/;
 * the tests): run.ts does not import it, so the default bundle (dist/),
 * which every custom-function call loads, carries no SQL compiler. Without
 * it, a tree that names a table is refused, named.
 */
let warehouseRun: WarehouseRun | null = null;

export function plugWarehouseRun(run: WarehouseRun | null): void {
  warehouseRun = run;
}

/** How long a run waits for another run of the same spreadsheet to finish. */
export const RUN_LEASE_WAIT_MS = 30000;

/** One run. Never throws for a problem in the spreadsheet: the result (also stored) says what happened. */
export function runLamps(wb: Workbook, host: RunHost): RunResult {
  // What the run writes for people (lamp column, log messages, digest, this result) is in the workbook's language.
  const lang = workbookLang(wb);
  const at = isoInZone(host.now(), wb.timeZone());
  const stamp = at.length === 10 ? `${at}T00:00:00` : at;
  const by = host.user();
  const base: RunResult = {
    ok: false,
    at: stamp,
    by,
    error: null,
    accounts: 0,
    lit: 0,
    lamps: 0,
    on: 0,
    off: 0,
    watch: 0,
    firstRun: false,
    newLamps: 0,
    snapshotMonth: null,
    evidenceAt: null,
    notices: [],
  };
  const fail = (key: MessageKey, params: MessageParams = {}): RunResult => ({
    ...base,
    error: { key, params, text: runErrorText(lang, { key, params }) },
  });
  // The run's record is written outside its transaction: a failed run is recorded as failed.
  const record = (r: RunResult): RunResult => {
    try {
      outsideTransaction(wb).documentStore().set(LAST_RUN_KEY, JSON.stringify(r));
    } catch {
      // The run's outcome is returned all the same; only its record is missing.
    }
    return r;
  };
  // One run per spreadsheet, whichever path started it (see lease.ts).
  let lease: ReturnType<typeof takeLease>;
  try {
    lease = takeLease(wb, host, RUN_LEASE_WAIT_MS);
  } catch (e) {
    return record(fail('run.error.write_failed', { message: (e as Error).message }));
  }
  if (!lease) return fail('run.error.busy');
  let result: RunResult;
  try {
    const settings = runSettings(wb);
    let plan: Plan | WarehouseRunOutcome;
    try {
      // All or nothing (journal.ts): every write of the run is undone when any part of it fails.
      plan = transaction(wb, (tx) => {
        const tree = runTree(tx, lang);
        if (tree.settings.accounts_table) {
          // Accounts in a warehouse: its own run (warehouse-run.ts), plugged in by the bundle that reaches one.
          if (!warehouseRun)
            throw new RunFailure('run.error.bigquery_unavailable', { table: tree.settings.accounts_table });
          return warehouseRun({
            wb: tx,
            host,
            lang,
            settings,
            tree,
            stamp,
            fail: (key, params) => new RunFailure(key, params),
          });
        }
        const p = prepare(tx, host, lang, settings, tree);
        try {
          write(tx, lang, settings, p, stamp);
        } catch (e) {
          throw e instanceof RunFailure
            ? e
            : new RunFailure('run.error.write_failed', { message: (e as Error).message });
        }
        return p;
      });
    } catch (e) {
      if (e instanceof RunFailure) return record(fail(e.key, e.params));
      if (e instanceof IncompleteRollback) return record(fail('run.error.write_failed', { message: e.message }));
      throw e;
    }
    if ('warehouse' in plan) return record({ ...base, ok: true, ...plan });
    result = {
      ...base,
      ok: true,
      accounts: plan.evaluated.length,
      lit: plan.evaluated.filter((a) => isLit(a.severity)).length,
      lamps: plan.lampsOn,
      on: plan.events.filter((e) => e.event === 'on').length,
      off: plan.events.filter((e) => e.event === 'off').length,
      watch: plan.watchOn,
      firstRun: plan.firstRun,
      newLamps: plan.newLamps.length,
      snapshotMonth: plan.snapshot ? plan.snapshot.month : null,
      snapshot: plan.snapshot
        ? {
            sheet: plan.snapshot.sheet,
            month: plan.snapshot.month,
            rows: plan.snapshot.rows.length,
            created: plan.snapshot.create !== null,
          }
        : null,
      evidenceAt: plan.evidenceAt,
      notices: digestNotices(wb, host, lang, settings, plan),
    };
    return record(result);
  } finally {
    releaseLease(wb, host, lease);
  }
}

/**
 * Sends the digest; a mail that cannot go (the daily quota, a scope not
 * granted) is a notice of the run, which itself went through.
 */
function digestNotices(
  wb: Workbook,
  host: RunHost,
  lang: Lang,
  settings: RunSettings,
  plan: Plan,
): RunResult['notices'] {
  try {
    sendDigest(wb, host, lang, settings, plan);
    return [];
  } catch (e) {
    const params = { message: (e as Error)?.message ?? String(e) };
    return [{ key: 'run.notice.digest_failed', params, text: t(lang, 'run.notice.digest_failed', params) }];
  }
}

function sendDigest(wb: Workbook, host: RunHost, lang: Lang, settings: RunSettings, plan: Plan): void {
  if (!settings.digest || plan.newLamps.length === 0 || !host.sendEmail) return;
  let owner: string | null = null;
  try {
    owner = JSON.parse(wb.documentStore().get(SCHEDULE_KEY) ?? 'null')?.owner ?? null;
  } catch {
    owner = null;
  }
  if (!owner) return;
  const names = new Map(plan.tree.nodes.map((n) => [n.id, n.name]));
  const lines = plan.newLamps.map(
    ({ account, lamp }) =>
      `- ${account.id} ${account.name ?? ''}: ${names.get(lamp.node) ?? lamp.node} — ${lampReasonText(lang, lamp)} → ${lamp.action ?? t(lang, 'lamps.no_action')}`,
  );
  host.sendEmail(
    owner,
    t(lang, 'run.digest.subject', { count: plan.newLamps.length }),
    [t(lang, 'run.digest.intro'), '', ...lines].join('\n'),
  );
}
