/**
 * One schedule per spreadsheet. The schedule (who installed it, which
 * trigger, when it runs) is kept in the document store, so everyone with the
 * sidebar sees it. A second person who tries to install one is told who
 * already did and may replace it; Apps Script does not let one user delete
 * another's trigger, so a replaced trigger stops itself the next time it
 * fires (see `isCurrentTrigger`).
 */
import type { KeyValueStore, TriggerSchedule, Workbook } from '../ports/workbook';
import { SCHEDULE_KEY } from './run';
import { spreadsheetsWith, userKey } from './user-keys';
import { type Journal, transaction } from './journal';

/** The Apps Script function the time trigger calls. */
export const RUN_HANDLER = 'kpiLampScheduledRun';
/** User store, per spreadsheet: the ids of this person's triggers serving it (an add-on's trigger has no active spreadsheet). */
const TRIGGERS = 'triggers';
/** User store, per spreadsheet: consecutive firings that could not open it. */
const OPEN_FAILURES = 'open-failures';
/** A trigger whose spreadsheet cannot be opened this many firings in a row (deleted, unshared) removes itself. */
export const OPEN_FAILURES_BEFORE_REMOVAL = 3;

export interface ScheduleInfo {
  owner: string;
  triggerId: string;
  schedule: TriggerSchedule;
  timeZone: string;
  installedAt: string;
}

export function getSchedule(wb: Workbook): ScheduleInfo | null {
  try {
    const s = JSON.parse(wb.documentStore().get(SCHEDULE_KEY) ?? 'null');
    return s && typeof s.triggerId === 'string' ? (s as ScheduleInfo) : null;
  } catch {
    return null;
  }
}

function idsIn(store: KeyValueStore, key: string): string[] {
  try {
    const v = JSON.parse(store.get(key) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** My triggers serving this spreadsheet, as recorded. */
function myTriggers(wb: Workbook): string[] {
  return idsIn(wb.userStore(), userKey(wb, TRIGGERS));
}

function setMyTriggers(wb: Workbook, ids: string[]): void {
  if (ids.length) wb.userStore().set(userKey(wb, TRIGGERS), JSON.stringify(ids));
  else wb.userStore().delete(userKey(wb, TRIGGERS));
}

/** Every trigger id my user store says serves some spreadsheet. */
function servingAny(store: KeyValueStore): Set<string> {
  const keys = store.keys();
  return new Set(spreadsheetsWith(keys, TRIGGERS).flatMap((id) => idsIn(store, userKey(id, TRIGGERS))));
}

/**
 * Removes my KPI Lamp triggers left over for this spreadsheet: those
 * recorded as serving it, and those serving no spreadsheet at all (their
 * record was lost; in a bound script every trigger is this spreadsheet's).
 * An Editor add-on allows one time trigger per person per document, so
 * installing a schedule must first remove them (`now`); elsewhere they go
 * when everything else is written (journal.ts: a removed trigger cannot
 * come back). `current`: the schedule being replaced — if the installation
 * fails after its trigger went, it is installed again.
 */
export function removeStaleTriggers(tx: Journal, now = false, current: ScheduleInfo | null = null): number {
  const mine = new Set(myTriggers(tx));
  const served = servingAny(tx.userStore());
  let removed = 0;
  for (const t of tx.triggers()) {
    if (t.handler !== RUN_HANDLER || (!mine.has(t.id) && served.has(t.id))) continue;
    if (!now) tx.removeTrigger(t.id);
    else
      tx.removeTriggerNow(t.id, current && current.triggerId === t.id ? (raw) => reinstall(raw, current) : undefined);
    removed++;
  }
  setMyTriggers(tx, []);
  return removed;
}

/**
 * The schedule's trigger again, after a failed replacement removed it:
 * the same handler and schedule under a new id, which the records (put
 * back as they were just before this) are made to name.
 */
function reinstall(raw: Workbook, s: ScheduleInfo): void {
  const t = raw.installTrigger(RUN_HANDLER, s.schedule);
  const rename = (store: KeyValueStore) => {
    const v = store.get(SCHEDULE_KEY);
    if (v === null) return;
    try {
      const info = JSON.parse(v) as ScheduleInfo;
      if (info.triggerId === s.triggerId) store.set(SCHEDULE_KEY, JSON.stringify({ ...info, triggerId: t.id }));
    } catch {
      // not a schedule: left as it is
    }
  };
  rename(raw.documentStore());
  rename(raw.fileStore());
  const ids = myTriggers(raw);
  if (ids.includes(s.triggerId))
    setMyTriggers(
      raw,
      ids.map((id) => (id === s.triggerId ? t.id : id)),
    );
}

export type InstallOutcome =
  | { ok: true; schedule: ScheduleInfo }
  | { ok: false; reason: 'taken'; owner: string }
  | { ok: false; reason: 'bad_hour' };

/** Installs the schedule: all of it (trigger and records) or, should any write fail, none of it (journal.ts). */
export function installSchedule(
  wb: Workbook,
  me: string,
  schedule: TriggerSchedule,
  replace: boolean,
  now: string,
): InstallOutcome {
  if (schedule.every === 'day' && !(Number.isInteger(schedule.hour) && schedule.hour >= 0 && schedule.hour <= 23))
    return { ok: false, reason: 'bad_hour' };
  const existing = getSchedule(wb);
  if (existing && existing.owner !== me && !replace) return { ok: false, reason: 'taken', owner: existing.owner };
  return transaction(wb, (tx) => {
    // The schedule's trigger, if it is one this person can remove (theirs), is put back should the rest fail.
    removeStaleTriggers(tx, true, existing);
    const trigger = tx.installTrigger(RUN_HANDLER, schedule);
    const info: ScheduleInfo = {
      owner: me,
      triggerId: trigger.id,
      schedule,
      timeZone: tx.timeZone(),
      installedAt: now,
    };
    tx.documentStore().set(SCHEDULE_KEY, JSON.stringify(info));
    setMyTriggers(tx, [trigger.id]);
    return { ok: true, schedule: info };
  });
}

function removeOwnTrigger(tx: Journal, id: string): void {
  if (tx.triggers().some((t) => t.id === id)) tx.removeTrigger(id);
  const mine = myTriggers(tx);
  if (mine.includes(id))
    setMyTriggers(
      tx,
      mine.filter((x) => x !== id),
    );
}

/** Removes the schedule: the trigger when it is mine (and my leftovers here), the record in any case; triggers last. */
export function removeSchedule(wb: Workbook, me: string): void {
  transaction(wb, (tx) => {
    const existing = getSchedule(tx);
    if (existing && existing.owner === me) removeOwnTrigger(tx, existing.triggerId);
    removeStaleTriggers(tx);
    tx.documentStore().delete(SCHEDULE_KEY);
  });
}

/** Whether a firing trigger is still this spreadsheet's schedule (a replaced one removes itself). */
export function isCurrentTrigger(wb: Workbook, triggerId: string): boolean {
  const s = getSchedule(wb);
  if (s && s.triggerId === triggerId) return true;
  transaction(wb, (tx) => removeOwnTrigger(tx, triggerId));
  return false;
}

/** The spreadsheet a trigger of this user serves (for the add-on's time trigger), or null. */
export function spreadsheetOfTrigger(store: KeyValueStore, triggerId: string): string | null {
  return (
    spreadsheetsWith(store.keys(), TRIGGERS).find((id) => idsIn(store, userKey(id, TRIGGERS)).includes(triggerId)) ??
    null
  );
}

/**
 * A firing trigger could not open its spreadsheet (deleted, trashed, no
 * longer shared with its owner). True when it should remove itself: after
 * OPEN_FAILURES_BEFORE_REMOVAL firings in a row, so that a passing outage
 * does not end a schedule; its records are then forgotten.
 */
export function noteOpenFailure(store: KeyValueStore, spreadsheet: string, triggerId: string): boolean {
  const key = userKey(spreadsheet, OPEN_FAILURES);
  const n = (Number(store.get(key)) || 0) + 1;
  if (n < OPEN_FAILURES_BEFORE_REMOVAL) {
    store.set(key, String(n));
    return false;
  }
  store.delete(key);
  const left = idsIn(store, userKey(spreadsheet, TRIGGERS)).filter((x) => x !== triggerId);
  if (left.length) store.set(userKey(spreadsheet, TRIGGERS), JSON.stringify(left));
  else store.delete(userKey(spreadsheet, TRIGGERS));
  return true;
}

/** The spreadsheet opened again: the count of failures starts over. */
export function noteOpened(store: KeyValueStore, spreadsheet: string): void {
  if (store.get(userKey(spreadsheet, OPEN_FAILURES)) !== null) store.delete(userKey(spreadsheet, OPEN_FAILURES));
}
