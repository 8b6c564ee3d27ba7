/** The local RunHost for tests, with a clock that can be set and a lock that can be held by "another run". */
import { localHost, type LocalHost } from '../../src/local/local-run-host';

export function testHost(start = '2026-11-22T00:30:00Z', user = 'lead@example.com') {
  let now = new Date(start);
  const host: LocalHost & { setNow(iso: string): void; hold(): void } = Object.assign(
    localHost(user, () => now),
    {
      setNow: (iso: string) => {
        now = new Date(iso);
      },
      hold() {
        // Another run holds the lock: take it now and never give it back.
        host.tryLock(0);
      },
    },
  );
  return host;
}
