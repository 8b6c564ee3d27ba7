/**
 * The Lamps panel's server API (sidebar): run now, the panel's data,
 * 対応中, selecting an account's row, the schedule, run settings and clean
 * removal. Pure over the Workbook port and the RunHost.
 * Every result must survive google.script.run (no Date, no undefined).
 *
 * Every argument comes from a browser: each function checks it and fails
 * with a message in the user's language (ApiContext.fail).
 *
 * An Editor add-on's time trigger has no document properties: there the
 * document store is the file's own store (developer metadata, readable when
 * the file is opened by id; GasWorkbook.documentStore). So whenever anyone
 * changes what the trigger reads (the schedule, run settings, the colour
 * rules' signature), those keys are copied there (`mirrorForTrigger`), and a
 * schedule replaced by another person is seen by the old trigger, which then
 * removes itself. In a bound script the copy is simply never read.
 */
import { isIsoDate } from '../core/tree/validate';
import type { Tree } from '../core/tree/types';
import { t, type MessageKey } from '../i18n/messages';
import type { ApiContext } from './api-context';
import {
  acknowledge,
  lampsPanel,
  selectAccount,
  lastLookedKey,
  type LampsPanel,
  type PanelQuery,
  type PanelSort,
} from './lamps-panel-data';
import { isoInZone } from '../core/time/iso-in-zone';
import { removeEverything, type RemovalReport } from './removal';
import {
  DEFAULT_RUN_SETTINGS,
  LAST_RUN_KEY,
  lastRun,
  RULES_KEY,
  runLamps,
  RUN_SETTINGS_KEY,
  runSettings,
  SCHEDULE_KEY,
  type RunResult,
  type RunSettings,
} from './run';
import { getSchedule, installSchedule, removeSchedule, type ScheduleInfo } from './schedule';
import { loadTree } from './tree-store';
import { withLease } from './lease';
import { transaction } from './journal';
import type { Workbook } from '../ports/workbook';
import { WORKBOOK_LANG_KEY } from './workbook-lang';
import { BIGQUERY_SHEET } from './run-state';

/** The document-store keys the scheduled run reads, mirrored for an add-on's trigger. */
export const MIRRORED_KEYS = [RUN_SETTINGS_KEY, SCHEDULE_KEY, RULES_KEY, WORKBOOK_LANG_KEY];

const SORTS: PanelSort[] = ['severity', 'arr', 'renewal'];
export const MAX_TEXT = 200;
export const MAX_MEMO = 1000;
/** How long marking 対応中 waits for a run in progress (a sidebar call should not hang). */
const ACK_LEASE_WAIT_MS = 10000;
/** The most accounts one round trip lists. */
export const MAX_LIMIT = 5000;

/** The schedule as the panel shows it: who owns it, whether that is me, and the last run. */
export interface ScheduleView {
  schedule: ScheduleInfo | null;
  me: string;
  mine: boolean;
  timeZone: string;
  lastRun: RunResult | null;
}

/** Everything the Lamps panel shows, in one round trip. */
export interface LampsView {
  /** null when there is no usable KPI tree (treeProblem says why). */
  panel: LampsPanel | null;
  treeProblem: string | null;
  schedule: ScheduleView;
  settings: RunSettings;
}

export type InstallResult = { ok: true; schedule: ScheduleView } | { ok: false; reason: 'taken'; owner: string };

/** The settings a person may change from the panel (the lamp column's name is not one: it would orphan the old column). */
export interface EditableRunSettings {
  persistence: number;
  digest: boolean;
  logMaxRows: number;
}

export function createLampsApi(ctx: ApiContext) {
  const { wb, host, lang, fail } = ctx;

  const text = (v: unknown, what: string, max = MAX_TEXT): string => {
    if (typeof v !== 'string' || v.trim() === '' || v.length > max) fail('lamps.api.error.bad_text', { what });
    return (v as string).trim();
  };

  function treeOrNull(): { tree: Tree | null; problem: MessageKey | null } {
    const loaded = loadTree(wb);
    if (loaded.status === 'ok') return { tree: loaded.tree, problem: null };
    if (loaded.status === 'invalid') {
      if (loaded.lastGood) return { tree: loaded.lastGood, problem: null };
      return { tree: null, problem: 'lamps.api.error.tree_invalid' };
    }
    return { tree: null, problem: 'lamps.api.error.no_tree' };
  }

  function tree(): Tree {
    const { tree: current, problem } = treeOrNull();
    if (!current) fail(problem as MessageKey);
    return current as Tree;
  }

  /** The trigger's copy of the document store (an add-on's time trigger reads it). */
  const triggerStore = () => wb.fileStore();

  /** Copies what the scheduled run reads to where an add-on's trigger reads it. */
  function mirrorForTrigger(w: Workbook = wb): void {
    const doc = w.documentStore();
    const copy = w.fileStore();
    for (const key of MIRRORED_KEYS) {
      const v = doc.get(key);
      if (v === null) copy.delete(key);
      else if (copy.get(key) !== v) copy.set(key, v);
    }
  }

  /** The newer of the document's last run and the one an add-on's trigger kept in the file's store. */
  function newestRun(): RunResult | null {
    const doc = lastRun(wb);
    let mine: RunResult | null = null;
    try {
      mine = JSON.parse(triggerStore().get(LAST_RUN_KEY) ?? 'null');
    } catch {
      mine = null;
    }
    if (!mine || typeof mine.at !== 'string') return doc;
    if (!doc) return mine;
    return mine.at > doc.at ? mine : doc;
  }

  function scheduleView(): ScheduleView {
    const s = getSchedule(wb);
    const me = host.user();
    return { schedule: s, me, mine: !!s && s.owner === me, timeZone: wb.timeZone(), lastRun: newestRun() };
  }

  function query(q: unknown): PanelQuery {
    if (q === null || q === undefined) return {};
    if (typeof q !== 'object' || Array.isArray(q)) fail('lamps.api.error.bad_query');
    const { sort, csm, plan, limit } = q as Record<string, unknown>;
    const out: PanelQuery = {};
    if (limit !== undefined && limit !== null) {
      if (!(typeof limit === 'number' && Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT))
        fail('lamps.api.error.bad_limit', { max: MAX_LIMIT });
      out.limit = limit as number;
    }
    if (sort !== undefined && sort !== null) {
      if (!SORTS.includes(sort as PanelSort)) fail('lamps.api.error.bad_sort', { value: String(sort) });
      out.sort = sort as PanelSort;
    }
    for (const [k, v] of [
      ['csm', csm],
      ['plan', plan],
    ] as const) {
      if (v === undefined || v === null || v === '') continue;
      if (typeof v !== 'string' || v.length > MAX_TEXT) fail('lamps.api.error.bad_filter');
      out[k] = v as string;
    }
    return out;
  }

  function view(q: unknown, force: boolean): LampsView {
    const pq = query(q);
    const { tree: current, problem } = treeOrNull();
    // A tree over BigQuery tables is judged by the run, where the data lives: the panel, which judges sheets,
    // would judge whatever the accounts sheet holds (an extract, a list of ids) and could read as good news.
    const table = current?.settings.accounts_table;
    const panel = current && !table ? lampsPanel(wb, current, lang(), host.now(), pq, false, force) : null;
    if (panel) panel.lastRun = newestRun();
    return {
      panel,
      treeProblem: table
        ? t(lang(), 'lamps.api.bigquery', { table, sheet: BIGQUERY_SHEET })
        : problem === null
          ? null
          : t(lang(), problem),
      schedule: scheduleView(),
      settings: runSettings(wb),
    };
  }

  return {
    /**
     * The Lamps panel: report cards, the alert budget, lamps on watch, and
     * (once KPI Lamp has run) at-risk accounts sorted and filtered; per-node
     * counts, resolution times, schedule, settings. The evidence is the one
     * kept between runs while it is good (see evidence-store.ts).
     */
    getLampsPanel(
      q?: { sort?: PanelSort; csm?: string | null; plan?: string | null; limit?: number } | null,
    ): LampsView {
      return view(q, false);
    },

    /** The same, judging the evidence again from the sheets now (History and Snapshots read afresh). */
    judgeEvidenceAgain(
      q?: { sort?: PanelSort; csm?: string | null; plan?: string | null; limit?: number } | null,
    ): LampsView {
      return view(q, true);
    },

    /** Moves my "last looked" mark to now: lamps lit before it are no longer new to me. */
    markLooked(): string {
      const at = isoInZone(host.now(), wb.timeZone());
      wb.userStore().set(lastLookedKey(wb), at);
      return at;
    },

    /** Runs KPI Lamp now (the same run as the schedule's, under the same lock). */
    runNow(): RunResult {
      const result = runLamps(wb, host);
      transaction(wb, (tx) => mirrorForTrigger(tx));
      return result;
    },

    /** Marks a lit lamp 対応中 (in progress), with a memo and an optional snooze date (yyyy-mm-dd). */
    acknowledge(accountId: string, node: string, memo: string, snoozeUntil: string | null): true {
      const id = text(accountId, 'account');
      const n = text(node, 'node');
      if (typeof memo !== 'string' || memo.length > MAX_MEMO) fail('lamps.api.error.bad_memo', { max: MAX_MEMO });
      if (
        snoozeUntil !== null &&
        snoozeUntil !== undefined &&
        snoozeUntil !== '' &&
        (typeof snoozeUntil !== 'string' || !isIsoDate(snoozeUntil))
      ) {
        fail('lamps.api.error.bad_date', { value: String(snoozeUntil) });
      }
      const until = typeof snoozeUntil === 'string' && snoozeUntil !== '' ? snoozeUntil : null;
      // Under the run lease: a run cannot rewrite the state between the mark's read and its write.
      const problem = withLease(
        wb,
        host,
        ACK_LEASE_WAIT_MS,
        () => acknowledge(wb, host, tree(), id, n, memo.trim(), until),
        () => fail('run.error.busy'),
      );
      if (problem) fail(`lamps.api.error.ack.${problem}` as 'lamps.api.error.ack.no_state', { account: id, node: n });
      return true;
    },

    /** Selects an account's row on the accounts sheet (as clicking it would). */
    selectAccount(accountId: string): { sheet: string; a1: string } {
      const id = text(accountId, 'account');
      if (!selectAccount(wb, tree(), id)) fail('lamps.api.error.no_account', { account: id });
      const r = wb.activeRange();
      return r ?? { sheet: '', a1: '' };
    },

    getSchedule(): ScheduleView {
      return scheduleView();
    },

    /**
     * Installs the schedule: daily at an hour (0–23, the spreadsheet's time
     * zone) or hourly. Someone else's schedule is replaced only with `replace`.
     */
    installSchedule(every: 'day' | 'hour', hour: number | null, replace: boolean): InstallResult {
      if (every !== 'day' && every !== 'hour') fail('lamps.api.error.bad_every', { value: String(every) });
      if (every === 'day' && !(typeof hour === 'number' && Number.isInteger(hour) && hour >= 0 && hour <= 23))
        fail('lamps.api.error.bad_hour', { value: String(hour) });
      if (typeof replace !== 'boolean') fail('lamps.api.error.bad_flag');
      const me = host.user();
      // The schedule and the trigger's copy of it, or neither (journal.ts).
      const out = transaction(wb, (tx) => {
        const o = installSchedule(
          tx,
          me,
          every === 'day' ? { every, hour: hour as number } : { every: 'hour' },
          replace,
          isoInZone(host.now(), wb.timeZone()),
        );
        if (o.ok) mirrorForTrigger(tx);
        return o;
      });
      if (!out.ok) {
        if (out.reason === 'taken') return { ok: false, reason: 'taken', owner: out.owner };
        fail('lamps.api.error.bad_hour', { value: String(hour) });
      }
      return { ok: true, schedule: scheduleView() };
    },

    /** Removes the schedule (its trigger when it is mine; the record in any case). */
    removeSchedule(): ScheduleView {
      transaction(wb, (tx) => {
        removeSchedule(tx, host.user());
        mirrorForTrigger(tx);
      });
      return scheduleView();
    },

    getRunSettings(): RunSettings {
      return runSettings(wb);
    },

    /** Changes the run settings: persistence (1–30 runs), the opt-in daily digest, the log's size (100–100000 rows). */
    setRunSettings(settings: EditableRunSettings): RunSettings {
      if (typeof settings !== 'object' || settings === null || Array.isArray(settings))
        fail('lamps.api.error.bad_settings');
      const { persistence, digest, logMaxRows } = settings;
      if (!(typeof persistence === 'number' && Number.isInteger(persistence) && persistence >= 1 && persistence <= 30))
        fail('lamps.api.error.bad_persistence', { value: String(persistence) });
      if (typeof digest !== 'boolean') fail('lamps.api.error.bad_flag');
      if (
        !(typeof logMaxRows === 'number' && Number.isInteger(logMaxRows) && logMaxRows >= 100 && logMaxRows <= 100000)
      )
        fail('lamps.api.error.bad_log_rows', { value: String(logMaxRows) });
      const current = runSettings(wb);
      const next: RunSettings = {
        ...DEFAULT_RUN_SETTINGS,
        lampColumn: current.lampColumn,
        persistence,
        digest,
        logMaxRows,
      };
      transaction(wb, (tx) => {
        tx.documentStore().set(RUN_SETTINGS_KEY, JSON.stringify(next));
        mirrorForTrigger(tx);
      });
      return runSettings(wb);
    },

    /** Clean removal; KPI Lamp's own sheets go only when `deleteSheets` is true (a second confirmation). */
    removeEverything(deleteSheets: boolean): RemovalReport {
      if (typeof deleteSheets !== 'boolean') fail('lamps.api.error.bad_flag');
      return removeEverything(wb, host.user(), deleteSheets);
    },
  };
}
