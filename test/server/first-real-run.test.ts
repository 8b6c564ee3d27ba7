/**
 * Defects a review against the Apps Script documentation found before the
 * first real run (issue 11), tested in memory and on GasWorkbook over the
 * Apps Script double (an Editor add-on). Each test failed before its fix.
 */
import type { Workbook } from '../../src/ports/workbook';
import { createApi } from '../../src/server/api';
import { lastRun, runLamps, RUN_SETTINGS_KEY, SCHEDULE_KEY, type RunResult } from '../../src/server/run';
import { parseState, STATE_SHEET } from '../../src/server/run-state';
import { BOOK_KINDS, DEFAULT_START, sampleBook, useBooks, type Book, type BookKind } from '../helpers/books';

useBooks();

/** The workbook, with fn run right after the first read of `sheet` (another execution slipping in). */
function afterFirstRead(wb: Workbook, sheet: string, fn: () => void): Workbook {
  let done = false;
  return new Proxy(wb, {
    get(t, p, r) {
      const v = Reflect.get(t, p, r);
      if (p !== 'readSheet') return typeof v === 'function' ? v.bind(t) : v;
      return (name: string) => {
        const table = t.readSheet(name);
        if (name === sheet && !done) {
          done = true;
          fn();
        }
        return table;
      };
    },
  });
}

describe.each(BOOK_KINDS)('%s', (kind: BookKind) => {
  let b: Book;
  const setup = () => {
    b = sampleBook(kind);
    runLamps(b.wb, b.host());
    return b.wb;
  };

  describe('marking a lamp 対応中 (in progress)', () => {
    it('waits for a run in progress and, while it lasts, refuses with the busy message, writing nothing', () => {
      const wb = setup();
      const before = JSON.stringify(wb.readSheet(STATE_SHEET));
      b.hold();
      expect(() => b.api().acknowledge('A0432', 'onboarding', 'Called', null)).toThrow(
        'Another run is in progress; try again in a minute.',
      );
      expect(JSON.stringify(wb.readSheet(STATE_SHEET))).toBe(before);
    });

    it('a run cannot slip in between reading the state and writing the mark: the mark lands on its own account', () => {
      const wb = setup();
      // A person sorts the accounts: the next run writes the state rows in another order.
      const t = wb.readSheet('Accounts')!;
      const lampCol = t.header.indexOf('KPI Lamp');
      wb.writeValues(
        'Accounts',
        2,
        1,
        [...t.rows].reverse().map((r) => r.slice(0, lampCol)),
      );
      let nested: RunResult | null = null;
      const racing = afterFirstRead(wb, STATE_SHEET, () => {
        nested = runLamps(wb, b.host(DEFAULT_START, 'other@example.com'));
      });
      expect(createApi(racing, b.host()).acknowledge('A0432', 'onboarding', 'Called the sponsor', null)).toBe(true);
      expect(nested).toMatchObject({ ok: false, error: { key: 'run.error.busy' } });
      const state = parseState(wb.readSheet(STATE_SHEET));
      expect(state.get('A0432')!.lamps.onboarding.ack).toMatchObject({ memo: 'Called the sponsor' });
      const acked = [...state.values()].filter((a) => Object.values(a.lamps).some((k) => k.ack)).map((a) => a.id);
      expect(acked).toEqual(['A0432']);
    });
  });

  describe('the digest', () => {
    it('a mail that cannot be sent is a notice of a successful run, never an error', () => {
      const wb = setup();
      wb.documentStore().set(RUN_SETTINGS_KEY, JSON.stringify({ persistence: 1, digest: true }));
      wb.documentStore().set(SCHEDULE_KEY, JSON.stringify({ owner: 'owner@example.com' }));
      const host = b.host('2026-11-23T00:30:00Z');
      const why = 'Service invoked too many times for one day: email.';
      if (b.double) b.double.mailError = why;
      else
        host.sendEmail = () => {
          throw new Error(why);
        };
      // New lamps to tell about: one account's login rate drops.
      const t = wb.readSheet('Accounts')!;
      wb.writeValues(
        'Accounts',
        t.rows.findIndex((r) => r[0] === 'A0001') + 2,
        t.header.indexOf('login_rate_30d') + 1,
        [[0.01]],
      );
      const r = runLamps(wb, host);
      expect(r).toMatchObject({ ok: true, error: null });
      expect(r.newLamps).toBeGreaterThan(0);
      expect(r.notices).toEqual([
        {
          key: 'run.notice.digest_failed',
          params: { message: why },
          text: `The digest mail could not be sent (${why}); the run itself went through.`,
        },
      ]);
      expect(lastRun(wb)).toMatchObject({ ok: true, notices: [{ key: 'run.notice.digest_failed' }] });
    });
  });

  describe("the user's properties", () => {
    it('every key KPI Lamp keeps there names the spreadsheet, and clean removal removes them all, and nothing else', () => {
      const wb = setup();
      const id = wb.id();
      const api = b.api();
      api.setLang('ja');
      api.openCorrelogram('login');
      api.markLooked();
      api.installSchedule('day', 7, false);
      // The same person's keys of another spreadsheet, and someone else's key.
      wb.userStore().set('kpi-lamp.lang.OTHER-FILE', 'en');
      wb.userStore().set('their-own.key', 'x');
      const ours = wb
        .userStore()
        .keys()
        .filter((k) => k !== 'kpi-lamp.lang.OTHER-FILE' && k !== 'their-own.key');
      expect(ours.length).toBeGreaterThanOrEqual(4);
      for (const k of ours)
        expect({ k, scoped: k.startsWith('kpi-lamp.') && k.endsWith(`.${id}`) }).toEqual({ k, scoped: true });
      api.removeEverything(false);
      expect(wb.userStore().keys().sort()).toEqual(['kpi-lamp.lang.OTHER-FILE', 'their-own.key']);
    });
  });

  describe('the schedule', () => {
    it("installing one first removes this person's own stale KPI Lamp triggers for this spreadsheet", () => {
      const wb = setup();
      const api = b.api('ann@example.com');
      api.installSchedule('day', 7, false);
      // The schedule's record is lost (say, another editor removed KPI Lamp: nobody can delete another person's trigger).
      wb.documentStore().delete(SCHEDULE_KEY);
      expect(b.as('ann@example.com', () => wb.triggers())).toHaveLength(1);
      // An Editor add-on allows one time trigger per person per spreadsheet: installing again must first remove hers.
      expect(api.installSchedule('hour', null, false)).toMatchObject({ ok: true });
      expect(b.as('ann@example.com', () => wb.triggers())).toHaveLength(1);
    });
  });
});
