/**
 * What the scheduled run keeps between runs, in sheets KPI Lamp owns:
 *   "KPI Lamp State"  one row per account id: severity, a readable summary,
 *                     and (as JSON) each lamp that is not OK with the time
 *                     it was first seen, its streak of runs and 対応中 notes
 *   "KPI Lamp Log"    one row per lamp going on or off, changing, or being
 *                     marked in progress; plain text, rotated; appended in
 *                     time order (oldest first: scripts and formulas read
 *                     it as a growing list); the sidebar shows it newest
 *                     first. Its fixed codes (event, state, previous_state)
 *                     are for machines; `message` says the same for people,
 *                     in the workbook's language.
 * Pure: parsing and building rows; the run does the reading and writing.
 */
import type { CellValue, Table } from '../core/table';
import type { LampState } from '../core/lamps/evaluate';

export const STATE_SHEET = 'KPI Lamp State';
export const LOG_SHEET = 'KPI Lamp Log';
/** What a run over BigQuery writes (warehouse-run.ts): KPI Lamp's own sheet, replaced on every such run. */
export const BIGQUERY_SHEET = 'KPI Lamp BigQuery';
export const STATE_HEADER = ['account_id', 'account_name', 'severity', 'summary', 'lamps', 'updated_at'];
/**
 * The Log's columns. The last two came later: a Log sheet written before
 * gets them added at its end on the next write, and every row is written by
 * the sheet's own header (logRow), so its older rows and any reader of them
 * keep working.
 */
export const LOG_HEADER = [
  'time',
  'account_id',
  'account_name',
  'node',
  'node_name',
  'event',
  'state',
  'value',
  'threshold',
  'action',
  'memo',
  'snooze_until',
  'user',
  'previous_state',
  'message',
];

export interface Acknowledgement {
  by: string;
  at: string;
  memo: string;
  /** yyyy-mm-dd, or null. */
  until: string | null;
}

/** A lamp that is not OK, as remembered between runs. */
export interface KeptLamp {
  s: LampState;
  /** When the lamp was first seen lit (or without data), ISO text. */
  since: string;
  /** Consecutive runs in this state family (lit, or unknown). */
  streak: number;
  v: number | null;
  /** On watch: a lamp of a node the gate holds back (counted nowhere, shown apart). */
  g?: true;
  ack?: Acknowledgement;
}

export interface AccountState {
  id: string;
  name: string | null;
  severity: LampState;
  lamps: Record<string, KeptLamp>;
}

/** `watch`: a lamp came on, or stayed on, but its node is on watch (the gate holds it back). */
export type LogEvent = 'on' | 'off' | 'changed' | 'in_progress' | 'watch';

export interface LogEntry {
  time: string;
  account_id: string;
  account_name: string | null;
  node: string;
  node_name: string;
  event: LogEvent;
  state: string;
  value: number | null;
  threshold: number | null;
  action: string | null;
  memo: string | null;
  snooze_until: string | null;
  user: string | null;
  /** The lamp's state before this event: ok, warn, alert, unknown, or watch (on, but on watch); null when not known (rows written before this column). */
  previous_state: string | null;
  /** The event in a sentence, in the workbook's language. */
  message: string | null;
}

const isState = (s: unknown): s is LampState => s === 'ok' || s === 'warn' || s === 'alert' || s === 'unknown';

/** Reads the state sheet; rows it cannot read are skipped (the next run rewrites them). */
export function parseState(table: Table | null): Map<string, AccountState> {
  const out = new Map<string, AccountState>();
  if (!table) return out;
  const col = (h: string) => table.header.indexOf(h);
  const [ci, cn, cs, cl] = [col('account_id'), col('account_name'), col('severity'), col('lamps')];
  if (ci < 0 || cl < 0) return out;
  for (const row of table.rows) {
    const id = row[ci] === null ? '' : String(row[ci]).trim();
    if (!id) continue;
    // Keyed by node ids, which are the tree's texts: no prototype, so a node named "__proto__" is kept like any other.
    let lamps: Record<string, KeptLamp> = Object.create(null);
    try {
      const parsed = JSON.parse(String(row[cl] ?? '{}'));
      if (parsed && typeof parsed === 'object') {
        for (const [node, k] of Object.entries(parsed as Record<string, KeptLamp>)) {
          if (k && isState(k.s) && typeof k.since === 'string') {
            lamps[node] = { ...k, streak: Number(k.streak) || 1, v: typeof k.v === 'number' ? k.v : null };
            if (k.g !== true) delete lamps[node].g;
          }
        }
      }
    } catch {
      lamps = Object.create(null);
    }
    const severity = cs >= 0 && isState(row[cs]) ? (row[cs] as LampState) : 'ok';
    out.set(id, { id, name: cn >= 0 && row[cn] !== null ? String(row[cn]) : null, severity, lamps });
  }
  return out;
}

export function stateRow(a: AccountState, summary: string, updatedAt: string): CellValue[] {
  return [a.id, a.name, a.severity, summary, JSON.stringify(a.lamps), updatedAt];
}

/** A log entry as a row of a Log sheet with this header (its columns by name; a column it does not know stays blank). */
export function logRow(e: LogEntry, header: readonly string[] = LOG_HEADER): CellValue[] {
  const o = e as unknown as Record<string, CellValue>;
  return header.map((h) => (Object.prototype.hasOwnProperty.call(o, h) ? (o[h] ?? null) : null));
}

/** Reads the log sheet back into entries (for time to resolution and the panel). */
export function parseLog(table: Table | null): LogEntry[] {
  if (!table) return [];
  const idx = LOG_HEADER.map((h) => table.header.indexOf(h));
  return table.rows
    .map((row) => {
      const o: Record<string, unknown> = {};
      LOG_HEADER.forEach((h, i) => (o[h] = idx[i] >= 0 ? (row[idx[i]] ?? null) : null));
      // A value of 0 is a value (an onboarding not completed), not a blank.
      for (const k of ['value', 'threshold'])
        if (typeof o[k] !== 'number')
          o[k] = o[k] === null || String(o[k]).trim() === '' || !Number.isFinite(Number(o[k])) ? null : Number(o[k]);
      for (const k of ['time', 'account_id', 'node', 'event']) o[k] = o[k] === null ? '' : String(o[k]);
      for (const k of ['previous_state', 'message']) o[k] = o[k] === null ? null : String(o[k]);
      return o as unknown as LogEntry;
    })
    .filter((e) => e.account_id && e.node && e.event);
}
