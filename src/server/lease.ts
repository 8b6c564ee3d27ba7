/**
 * The run lease: at most one run (or 対応中 mark) at a time per spreadsheet,
 * whichever path starts it — "Run now" from the menu or the sidebar, the
 * time trigger of a bound script or of an Editor add-on.
 *
 * Why not a LockService lock held for the whole run: the document lock does
 * not exist in an add-on's time trigger (getDocumentLock() is null outside a
 * containing document), and the script lock is shared by every user and
 * every document of a published add-on, so holding it for a run would make
 * two customers' runs wait for each other.
 *
 * So the lease is a record in the spreadsheet's own store (developer
 * metadata in Sheets: readable wherever the file is open, by id too), and the
 * host's lock (the script lock in Apps Script) is held only for the few
 * milliseconds it takes to read and write that record, which makes taking
 * the lease atomic. A lease carries an expiry longer than any Apps Script
 * execution (6 minutes): a run that dies without releasing it (the time
 * limit, a crash) blocks the spreadsheet for at most LEASE_MS; then the
 * next run takes it over. Releasing deletes the record only if it is still
 * ours.
 *
 * The lease is the lock around transactions (journal.ts), never part of
 * one: it is read and written outside them.
 *
 * Pure over the Workbook port and the RunHost (src/ports/run-host.ts).
 */
import { isoInZone } from '../core/time/iso-in-zone';
import type { LeaseHost } from '../ports/run-host';
import type { Workbook } from '../ports/workbook';
import { outsideTransaction } from './journal';

export const LEASE_KEY = 'kpi-lamp.run-lease';
/** Apps Script stops any execution at 6 minutes (https://developers.google.com/apps-script/guides/services/quotas), plus a minute's margin. */
export const LEASE_MS = 7 * 60 * 1000;
/** How long the host lock may be waited for: it is only ever held for a read and a write. */
const MUTEX_WAIT_MS = 10000;
/** Between two attempts when the lease is held. */
const POLL_MS = 2000;

export interface Lease {
  id: string;
  /** Who holds it (an email address in Apps Script). */
  by: string;
  /** When it was taken, ISO text in the spreadsheet's time zone. */
  at: string;
  /** Epoch milliseconds after which it counts as abandoned. */
  until: number;
}

function current(wb: Workbook): Lease | null {
  const store = outsideTransaction(wb).fileStore();
  store.refresh?.();
  try {
    const v = JSON.parse(store.get(LEASE_KEY) ?? 'null');
    return v && typeof v.id === 'string' && typeof v.until === 'number' ? (v as Lease) : null;
  } catch {
    return null;
  }
}

/** Runs fn holding the host's lock (briefly); undefined when the lock could not be had. */
function underHostLock<T>(host: LeaseHost, fn: () => T): T | undefined {
  if (!host.tryLock(MUTEX_WAIT_MS)) return undefined;
  try {
    return fn();
  } finally {
    host.releaseLock();
  }
}

/** The lease now held by someone (maybe a dead run not yet expired), or null. */
export function leaseHolder(wb: Workbook, host: LeaseHost): Lease | null {
  const l = current(wb);
  return l && l.until > host.now().getTime() ? l : null;
}

/**
 * Takes this spreadsheet's lease, trying for up to waitMs (polling while
 * another run holds it); null when it stays taken.
 */
export function takeLease(wb: Workbook, host: LeaseHost, waitMs: number): Lease | null {
  const attempts = 1 + Math.max(0, Math.ceil(waitMs / POLL_MS));
  for (let i = 0; i < attempts; i++) {
    if (i > 0) host.sleep?.(POLL_MS);
    const got = underHostLock(host, () => {
      const now = host.now();
      if (leaseHolder(wb, host)) return null;
      const lease: Lease = {
        id: `${now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
        by: host.user(),
        at: isoInZone(now, wb.timeZone()),
        until: now.getTime() + LEASE_MS,
      };
      outsideTransaction(wb).fileStore().set(LEASE_KEY, JSON.stringify(lease));
      return lease;
    });
    if (got) return got;
  }
  return null;
}

/**
 * Gives the lease back, if it is still ours (an expired one may have been
 * taken over). A lease the store cannot take back expires on its own
 * (LEASE_MS): what ran under it is done, so that is no failure of its.
 */
export function releaseLease(wb: Workbook, host: LeaseHost, lease: Lease): void {
  try {
    underHostLock(host, () => {
      if (current(wb)?.id === lease.id) outsideTransaction(wb).fileStore().delete(LEASE_KEY);
    });
  } catch {
    // expires on its own
  }
}

/** fn under this spreadsheet's lease; `busy()` when another run keeps it for waitMs. */
export function withLease<T>(wb: Workbook, host: LeaseHost, waitMs: number, fn: () => T, busy: () => T): T {
  const lease = takeLease(wb, host, waitMs);
  if (!lease) return busy();
  try {
    return fn();
  } finally {
    releaseLease(wb, host, lease);
  }
}
