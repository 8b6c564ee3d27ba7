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

/** The Apps Script function the time trigger calls. */
export const RUN_HANDLER = 'kpiLampScheduledRun';
/** User store: trigger id → spreadsheet id (an add-on's trigger has no active spreadsheet). */
export const TRIGGER_DOCS_KEY = 'kpi-lamp.trigger-docs';

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

function triggerDocs(wb: Workbook): Record<string, string> {
  try {
    return JSON.parse(wb.userStore().get(TRIGGER_DOCS_KEY) ?? '{}') ?? {};
  } catch {
    return {};
  }
}

export type InstallOutcome = { ok: true; schedule: ScheduleInfo } | { ok: false; reason: 'taken'; owner: string } | { ok: false; reason: 'bad_hour' };

export function installSchedule(wb: Workbook, me: string, schedule: TriggerSchedule, replace: boolean, now: string): InstallOutcome {
  if (schedule.every === 'day' && !(Number.isInteger(schedule.hour) && schedule.hour >= 0 && schedule.hour <= 23)) return { ok: false, reason: 'bad_hour' };
  const existing = getSchedule(wb);
  if (existing && existing.owner !== me && !replace) return { ok: false, reason: 'taken', owner: existing.owner };
  if (existing && existing.owner === me) removeOwnTrigger(wb, existing.triggerId);
  const trigger = wb.installTrigger(RUN_HANDLER, schedule);
  const info: ScheduleInfo = { owner: me, triggerId: trigger.id, schedule, timeZone: wb.timeZone(), installedAt: now };
  wb.documentStore().set(SCHEDULE_KEY, JSON.stringify(info));
  const docs = triggerDocs(wb);
  docs[trigger.id] = wb.id();
  wb.userStore().set(TRIGGER_DOCS_KEY, JSON.stringify(docs));
  return { ok: true, schedule: info };
}

function removeOwnTrigger(wb: Workbook, id: string): void {
  if (wb.triggers().some((t) => t.id === id)) wb.removeTrigger(id);
  const docs = triggerDocs(wb);
  if (id in docs) {
    delete docs[id];
    wb.userStore().set(TRIGGER_DOCS_KEY, JSON.stringify(docs));
  }
}

/** Removes the schedule: the trigger when it is mine, the record in any case. */
export function removeSchedule(wb: Workbook, me: string): void {
  const existing = getSchedule(wb);
  if (existing && existing.owner === me) removeOwnTrigger(wb, existing.triggerId);
  wb.documentStore().delete(SCHEDULE_KEY);
}

/** Whether a firing trigger is still this spreadsheet's schedule (a replaced one removes itself). */
export function isCurrentTrigger(wb: Workbook, triggerId: string): boolean {
  const s = getSchedule(wb);
  if (s && s.triggerId === triggerId) return true;
  removeOwnTrigger(wb, triggerId);
  return false;
}

/** The spreadsheet a trigger of this user serves (for the add-on's time trigger). */
export function spreadsheetOfTrigger(userStore: () => KeyValueStore, triggerId: string): string | null {
  try {
    return JSON.parse(userStore().get(TRIGGER_DOCS_KEY) ?? '{}')[triggerId] ?? null;
  } catch {
    return null;
  }
}
