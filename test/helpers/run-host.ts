/** A RunHost for tests: a settable clock, a user, a lock that can be held, and a mailbox. */
import type { RunHost } from '../../src/server/run';

export function testHost(start = '2026-11-22T00:30:00Z', user = 'lead@example.com') {
  let now = new Date(start);
  let locked = false;
  const mails: { to: string; subject: string; body: string }[] = [];
  const host: RunHost & { mails: typeof mails; setNow(iso: string): void; hold(): void } = {
    now: () => now,
    user: () => user,
    tryLock: () => {
      if (locked) return false;
      locked = true;
      return true;
    },
    releaseLock: () => {
      locked = false;
    },
    sendEmail: (to, subject, body) => mails.push({ to, subject, body }),
    mails,
    setNow: (iso) => (now = new Date(iso)),
    hold: () => (locked = true),
  };
  return host;
}
