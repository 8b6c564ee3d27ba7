/**
 * The RunHost the API runs with outside Apps Script (the playground, tests):
 * the machine's clock, a fixed user, an in-process lock, and mail kept in a
 * list instead of sent. Apps Script's host is src/gas/gas-run-host.ts.
 */
import type { RunHost } from '../ports/run-host';

export interface LocalHost extends RunHost {
  mails: { to: string; subject: string; body: string }[];
}

export function localHost(user = 'playground@localhost', clock: () => Date = () => new Date()): LocalHost {
  let locked = false;
  const mails: LocalHost['mails'] = [];
  return {
    now: clock,
    user: () => user,
    tryLock: () => {
      if (locked) return false;
      locked = true;
      return true;
    },
    releaseLock: () => {
      locked = false;
    },
    sendEmail: (to, subject, body) => {
      mails.push({ to, subject, body });
    },
    mails,
  };
}
