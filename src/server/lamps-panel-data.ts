/**
 * The Lamps panel's server side: at-risk accounts with their lamps (value,
 * threshold, reason, action, owner, since when, 対応中), counts and ARR at
 * risk per node, time to resolution per node from the log, "new since you
 * last looked", marking a lamp in progress, and selecting an account's row.
 * Pure over the Workbook port; every result survives google.script.run.
 */
import { assessLamps, lampCards, type LampCard } from '../core/lamps/assess';
import { budgetCount, type Budget } from '../core/lamps/budget';
import { type AccountLamps, compareAccounts, isLit, type LampState } from '../core/lamps/evaluate';
import type { Evidence } from '../core/lamps/evidence';
import { root } from '../core/tree/structure';
import { columnIndex, columnLetter } from '../core/table';
import { isIsoDate } from '../core/tree/validate';
import { isoInZone } from '../core/time/iso-in-zone';
import type { Tree } from '../core/tree/types';
import { lampReasonText } from '../i18n/lamp-text';
import type { Lang } from '../i18n/messages';
import type { Workbook } from '../ports/workbook';
import { LOG_SHEET, type LogEntry, parseLog, parseState, STATE_HEADER, STATE_SHEET } from './run-state';
import type { RunHost } from '../ports/run-host';
import { appendLog, lastRun, type RunResult, runSettings } from './run';
import { atRiskPerNode } from './lamps-report';
import { evidenceFor } from './evidence-store';
import { runBindings, type MissingBinding } from './bindings';
import { transaction } from './journal';
import { logMessage } from '../i18n/log-text';
import { workbookLang } from './workbook-lang';
import { recentChanges, type RecentChange } from './recent-changes';
import type { SnapshotHistory } from '../core/lamps/history';
import { valueKind, type ValueKind } from '../core/tree/value-kind';

/**
 * The user's "last looked" mark for this spreadsheet. User properties are
 * per spreadsheet for a bound script but shared by all of a user's files for
 * an Editor add-on: the key carries the spreadsheet's id.
 */
export function lastLookedKey(wb: Workbook): string {
  return `kpi-lamp.last-looked.${wb.id()}`;
}

export type PanelSort = 'severity' | 'arr' | 'renewal';

export interface PanelLamp {
  node: string;
  nodeName: string;
  state: LampState;
  value: number | null;
  warn: number | null;
  alert: number | null;
  reason: string;
  action: string | null;
  owner: string | null;
  since: string | null;
  isNew: boolean;
  ack: { by: string; at: string; memo: string; until: string | null } | null;
  /** On watch: its node is contradicted and the gate holds it back (it counts nowhere). */
  gated: boolean;
  evidence: Evidence;
  /** How its values read (a rate as a percentage): core/tree/value-kind.ts. */
  kind: ValueKind;
}

export interface PanelAccount {
  id: string;
  name: string | null;
  csm: string | null;
  plan: string | null;
  arr: number | null;
  renewal: string | null;
  daysToRenewal: number | null;
  severity: LampState;
  lamps: PanelLamp[];
}

export interface Resolution {
  node: string;
  name: string;
  /** Median days from on to off, over the lamps that went off; null when none did. */
  onToOffDays: number | null;
  resolved: number;
  /** Median days from on to 対応中. */
  onToProgressDays: number | null;
  acknowledged: number;
}

/** A lamp node on watch: how many accounts it lights, and the first few of them. */
export interface WatchNode {
  node: string;
  name: string;
  accounts: number;
  sample: { id: string; name: string | null; reason: string }[];
}

export interface LampsPanel {
  lastRun: RunResult | null;
  lastLooked: string | null;
  /** KPI Lamp has run: only then is a list of accounts at risk shown (a result, not a preview). */
  ranYet: boolean;
  /** The first `limit` accounts at risk matching the filters (none before the first run). */
  accounts: PanelAccount[];
  /** Accounts at risk matching the filters. */
  matching: number;
  perNode: { node: string; name: string; accounts: number; arr: number }[];
  csms: string[];
  plans: string[];
  resolution: Resolution[];
  total: number;
  /** The KGI's name (the report cards' sentences name it). */
  kgi: string;
  /** Each lamp node's report card, in tree order. */
  cards: LampCard[];
  budget: Budget & { maxLit: number };
  watch: WatchNode[];
  evidence: { at: string; cached: boolean };
  /**
   * Sheets and columns the tree binds and the workbook lacks, as the run
   * finds them (the run stops until they are fixed): the panel's banner.
   */
  missing: MissingBinding[];
  /** The Log's latest changes, newest first (recent-changes.ts). */
  recent: RecentChange[];
  /** How much history (Snapshots) the backtest has, and when it will have enough (as of the evidence's judging). */
  history: SnapshotHistory & { sheet: string; monthColumn: string };
}

/** Accounts listed per round trip unless the query asks for more (the sidebar shows 25 at a time). */
export const PANEL_LIMIT = 100;
const WATCH_SAMPLE = 25;

const DAY = 86400000;

function days(a: string, b: string): number {
  return (
    (Date.parse(b.length === 10 ? `${b}T00:00:00Z` : `${b}Z`) -
      Date.parse(a.length === 10 ? `${a}T00:00:00Z` : `${a}Z`)) /
    DAY
  );
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median durations per node from the log: on → off, and on → in progress. */
export function resolutionTimes(tree: Tree, log: LogEntry[]): Resolution[] {
  const open = new Map<string, { on: string; acked: boolean }>();
  const toOff = new Map<string, number[]>();
  const toAck = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, k: string, v: number) => m.set(k, [...(m.get(k) ?? []), v]);
  const sorted = [...log].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  for (const e of sorted) {
    const key = `${e.account_id}\u0000${e.node}`;
    const o = open.get(key);
    if (e.event === 'on') open.set(key, { on: e.time, acked: false });
    else if (e.event === 'in_progress' && o && !o.acked) {
      push(toAck, e.node, days(o.on, e.time));
      o.acked = true;
    } else if (e.event === 'off' && o) {
      push(toOff, e.node, days(o.on, e.time));
      open.delete(key);
    }
  }
  return tree.nodes
    .filter((n) => toOff.has(n.id) || toAck.has(n.id) || n.warn !== undefined || n.alert !== undefined)
    .filter((n) => n.type === 'kpi' || n.type === 'composite')
    .map((n) => ({
      node: n.id,
      name: n.name,
      onToOffDays: median(toOff.get(n.id) ?? []),
      resolved: (toOff.get(n.id) ?? []).length,
      onToProgressDays: median(toAck.get(n.id) ?? []),
      acknowledged: (toAck.get(n.id) ?? []).length,
    }));
}

export interface PanelQuery {
  sort?: PanelSort;
  csm?: string | null;
  plan?: string | null;
  /** How many accounts to list (default PANEL_LIMIT). */
  limit?: number;
}

/**
 * The panel's data; `markLooked` moves the user's "last looked" mark to now
 * afterwards. Lamp objects are made only for the accounts listed and a few
 * on watch: 100,000 accounts never make two million.
 */
export function lampsPanel(
  wb: Workbook,
  tree: Tree,
  lang: Lang,
  now: Date,
  query: PanelQuery = {},
  markLooked = false,
  forceEvidence = false,
): LampsPanel {
  const accountsRead = wb.readSheet(tree.settings.accounts_sheet);
  const accountsTable = accountsRead ?? { name: tree.settings.accounts_sheet, header: [], rows: [] };
  const s = tree.settings;
  // The accounts are read already: the other sheets only if the evidence must be judged again.
  const ev = evidenceFor(wb, tree, now, {
    force: forceEvidence,
    data: () => ({
      accounts: accountsTable,
      snapshots: wb.readSheet(s.snapshots_sheet),
      history: wb.readSheet(s.history_sheet),
    }),
  });
  const assessment = assessLamps(tree, accountsTable, ev.evidence);
  const all: AccountLamps[] = assessment.evaluation.accounts;
  const stateTable = wb.readSheet(STATE_SHEET);
  const state = parseState(stateTable);
  const ran = lastRun(wb);
  const ranYet = ran !== null || stateTable !== null;
  const user = wb.userStore();
  const lastLooked = user.get(lastLookedKey(wb));
  const nodes = new Map(tree.nodes.map((n) => [n.id, n]));
  const evidenceOf = new Map(ev.evidence.map((e) => [e.node, e.evidence]));
  const today = isoInZone(now, wb.timeZone()).slice(0, 10);
  const atRisk = all.filter((a) => isLit(a.severity));
  const csms = [...new Set(atRisk.map((a) => a.owner).filter((x): x is string => !!x))].sort();
  const plans = [...new Set(atRisk.map((a) => a.plan).filter((x): x is string => !!x))].sort();
  let shown = atRisk.filter((a) => (!query.csm || a.owner === query.csm) && (!query.plan || a.plan === query.plan));
  const sort = query.sort ?? 'severity';
  shown = shown.sort((a, b) => {
    if (sort === 'arr' && (a.arr ?? -1) !== (b.arr ?? -1)) return (b.arr ?? -1) - (a.arr ?? -1);
    if (sort === 'renewal' && a.renewal !== b.renewal) return (a.renewal ?? '9999') < (b.renewal ?? '9999') ? -1 : 1;
    return compareAccounts(a, b);
  });
  const listed = ranYet ? shown.slice(0, query.limit ?? PANEL_LIMIT) : [];
  const accounts: PanelAccount[] = listed.map((a) => {
    const kept = state.get(a.id)?.lamps;
    return {
      id: a.id,
      name: a.name,
      csm: a.owner,
      plan: a.plan,
      arr: a.arr,
      renewal: a.renewal,
      daysToRenewal:
        a.renewal && isIsoDate(a.renewal.slice(0, 10)) ? Math.round(days(today, a.renewal.slice(0, 10))) : null,
      severity: a.severity,
      lamps: a.lamps
        .filter((l) => l.state !== 'ok' && !(l.gated && !isLit(l.state)))
        .map((l) => {
          const k = kept?.[l.node];
          const since = k && isLit(k.s) === isLit(l.state) && (k.g === true) === l.gated ? k.since : null;
          return {
            node: l.node,
            nodeName: nodes.get(l.node)?.name ?? l.node,
            state: l.state,
            value: l.value,
            warn: l.warn,
            alert: l.alert,
            reason: lampReasonText(lang, l),
            action: l.action,
            owner: nodes.get(l.node)?.owner ?? null,
            since,
            isNew: isLit(l.state) && !l.gated && (since === null || lastLooked === null || since > lastLooked),
            ack: l.gated ? null : (k?.ack ?? null),
            gated: l.gated,
            evidence: evidenceOf.get(l.node) ?? 'unproven',
            kind: nodes.has(l.node) ? valueKind(nodes.get(l.node)!) : 'number',
          };
        }),
    };
  });
  // The lamps on watch, apart: per gated node, how many accounts and the first few.
  const watch: WatchNode[] = assessment.evaluation.compiled.lampNodes
    .map((n, k) => ({ n, k }))
    .filter(({ n }) => assessment.gated.has(n.id))
    .map(({ n, k }) => ({
      node: n.id,
      name: n.name,
      accounts: assessment.evaluation.litPerNode[k],
      sample: [] as WatchNode['sample'],
    }));
  if (watch.length) {
    const open = new Map(watch.map((w) => [w.node, w]));
    for (const a of all) {
      if (!a.watch) continue;
      for (const l of a.lamps) {
        const w = open.get(l.node);
        if (!w || !isLit(l.state)) continue;
        w.sample.push({ id: a.id, name: a.name, reason: lampReasonText(lang, l) });
        if (w.sample.length >= WATCH_SAMPLE) open.delete(l.node);
      }
      if (open.size === 0) break;
    }
  }
  if (markLooked) user.set(lastLookedKey(wb), isoInZone(now, wb.timeZone()));
  const log = parseLog(wb.readSheet(LOG_SHEET));
  return {
    lastRun: ran,
    lastLooked,
    ranYet,
    accounts,
    matching: shown.length,
    perNode: atRiskPerNode(assessment.evaluation),
    csms,
    plans,
    resolution: resolutionTimes(tree, log),
    total: all.length,
    kgi: root(tree).name,
    cards: lampCards(tree, assessment),
    budget: { ...assessment.budget, maxLit: budgetCount(assessment.budget.alert_budget, assessment.budget.accounts) },
    watch,
    evidence: { at: ev.at, cached: ev.cached },
    missing: runBindings(wb, tree, accountsRead, ev),
    recent: recentChanges(tree, log),
    history: { ...ev.history, sheet: s.snapshots_sheet, monthColumn: s.columns.month },
  };
}

export type AckProblem = 'no_state' | 'not_lit' | 'bad_date' | 'memo_too_long';

/**
 * Marks a lit lamp 対応中 (in progress) with a memo and an optional snooze
 * date. The state and the lamp itself do not change; the log records it.
 */
export function acknowledge(
  wb: Workbook,
  host: RunHost,
  tree: Tree,
  accountId: string,
  node: string,
  memo: string,
  snoozeUntil: string | null,
): AckProblem | null {
  if (memo.length > 1000) return 'memo_too_long';
  if (snoozeUntil !== null && snoozeUntil !== '' && !isIsoDate(snoozeUntil)) return 'bad_date';
  // The mark and its log line, or neither (journal.ts); the sheets read here are what a failed write is undone to.
  return transaction(wb, (tx): AckProblem | null => {
    const table = tx.readSheet(STATE_SHEET);
    const state = parseState(table);
    const st = state.get(accountId);
    const k = st?.lamps[node];
    if (!table || !st) return 'no_state';
    if (!k || !isLit(k.s) || k.g) return 'not_lit';
    const at = isoInZone(host.now(), tx.timeZone());
    const stamp = at.length === 10 ? `${at}T00:00:00` : at;
    k.ack = { by: host.user(), at: stamp, memo, until: snoozeUntil || null };
    const row = table.rows.findIndex((r) => String(r[0]).trim() === accountId);
    tx.writeValues(STATE_SHEET, row + 2, STATE_HEADER.indexOf('lamps') + 1, [[JSON.stringify(st.lamps)]]);
    const nodeName = tree.nodes.find((n) => n.id === node)?.name ?? node;
    const e: LogEntry = {
      time: stamp,
      account_id: accountId,
      account_name: st.name,
      node,
      node_name: nodeName,
      event: 'in_progress',
      state: k.s,
      value: k.v,
      threshold: null,
      action: null,
      memo,
      snooze_until: snoozeUntil || null,
      user: host.user(),
      previous_state: k.s,
      message: null,
    };
    // Written into the sheet: in the workbook's language, like the run's own entries.
    e.message = logMessage(workbookLang(tx), e, nodeName, null);
    appendLog(tx, [e], tx.rowCount(LOG_SHEET) ?? 0, runSettings(tx).logMaxRows);
    return null;
  });
}

/** Selects an account's row on the accounts sheet; false when the id is not there. */
export function selectAccount(wb: Workbook, tree: Tree, accountId: string): boolean {
  const t = wb.readSheet(tree.settings.accounts_sheet);
  if (!t) return false;
  const idCol = columnIndex(t, tree.settings.columns.id);
  const i = idCol < 0 ? -1 : t.rows.findIndex((r) => r[idCol] !== null && String(r[idCol]).trim() === accountId);
  if (i < 0) return false;
  wb.select(tree.settings.accounts_sheet, `A${i + 2}:${columnLetter(Math.max(1, t.header.length))}${i + 2}`);
  return true;
}
