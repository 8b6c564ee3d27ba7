/** The Lamps panel's server API (src/server/lamps-api.ts) over the sample, as the sidebar calls it: in memory and in Apps Script (the double, as an add-on). */
import { columnLetter } from '../../src/core/table';
import { MemoryWorkbook } from '../../src/local/memory-workbook';
import { langKey } from '../../src/server/api';
import { MIRRORED_KEYS } from '../../src/server/lamps-api';
import { isCurrentTrigger } from '../../src/server/schedule';
import { lastLookedKey } from '../../src/server/lamps-panel-data';
import { LAST_RUN_KEY, RULES_KEY, RUN_SETTINGS_KEY, SCHEDULE_KEY } from '../../src/server/run';
import { LOG_SHEET, parseLog, parseState, STATE_SHEET } from '../../src/server/run-state';
import { BOOK_KINDS, bookFrom, sampleBook, useBooks, type Book, type BookKind } from '../helpers/books';

useBooks();

/** google.script.run drops a result holding a Date and turns undefined into null. */
function overTheWire(v: unknown): unknown {
  const json = JSON.stringify(v, (_k, x) => {
    if (x instanceof Date) throw new Error('a Date in a result');
    if (x === undefined) throw new Error('undefined in a result');
    return x;
  });
  return JSON.parse(json);
}

describe.each(BOOK_KINDS)('Lamps API (%s)', (kind: BookKind) => {
  let b: Book;
  function setup(user = 'lead@example.com') {
    b = sampleBook(kind);
    return { wb: b.wb, api: b.api(user) };
  }
  const createApi = (_wb: unknown, host: { user: string }) => b.api(host.user);
  const testHost = (_start?: string, user?: string) => ({ user: user ?? 'lead@example.com' });

  describe('getLampsPanel / runNow / markLooked', () => {
    it('runs, then lists at-risk accounts with their lamps; every result survives google.script.run', () => {
      const { api } = setup();
      const before = api.getLampsPanel();
      expect(before.panel!.lastRun).toBeNull();
      expect(before.schedule).toMatchObject({
        schedule: null,
        me: 'lead@example.com',
        mine: false,
        timeZone: 'Asia/Tokyo',
      });
      const run = api.runNow();
      expect(run).toMatchObject({ ok: true, accounts: 292, lit: 56, error: null });
      const view = api.getLampsPanel({ sort: 'arr' });
      expect(overTheWire(view)).toEqual(view);
      expect(view.panel!.accounts).toHaveLength(56);
      expect(view.panel!.matching).toBe(56);
      expect(api.getLampsPanel({ limit: 20 }).panel!.accounts).toHaveLength(20);
      expect(() => api.getLampsPanel({ limit: 0 })).toThrow('a whole number from 1 to 5000');
      const arr = view.panel!.accounts.map((a) => a.arr ?? 0);
      expect(arr).toEqual([...arr].sort((a, b) => b - a));
      expect(view.panel!.lastRun).toMatchObject({ ok: true });
      expect(view.settings).toMatchObject({ persistence: 1, digest: false, logMaxRows: 5000 });
      const csm = view.panel!.csms[0];
      const filtered = api.getLampsPanel({ csm, plan: null });
      expect(filtered.panel!.accounts.every((a) => a.csm === csm)).toBe(true);
    });

    it('markLooked moves the user mark: lamps seen before are no longer new', () => {
      const { wb, api } = setup();
      api.runNow();
      expect(api.getLampsPanel().panel!.accounts[0].lamps[0].isNew).toBe(true);
      expect(api.markLooked()).toBe('2026-11-22T09:30:00');
      expect(wb.userStore().get(lastLookedKey(wb))).toBe('2026-11-22T09:30:00');
      expect(api.getLampsPanel().panel!.accounts.some((a) => a.lamps.some((l) => l.isNew))).toBe(false);
    });

    it('without a KPI tree: no panel, and why, in the user language', () => {
      b = bookFrom(kind, new MemoryWorkbook({ locale: 'ja' }));
      const api = b.api();
      const view = api.getLampsPanel();
      expect(view.panel).toBeNull();
      expect(view.treeProblem).toContain('KPI ツリーがまだありません');
      expect(() => api.selectAccount('A0001')).toThrow('KPI ツリーがまだありません');
      expect(api.runNow()).toMatchObject({ ok: false, error: { key: 'run.error.no_tree' } });
    });

    it('checks the query', () => {
      const { api } = setup();
      expect(() => api.getLampsPanel({ sort: 'name' as never })).toThrow(
        'Sort by "severity", "arr" or "renewal", not name',
      );
      expect(() => api.getLampsPanel('x' as never)).toThrow('The panel query must be an object');
      expect(() => api.getLampsPanel({ csm: 3 as never })).toThrow('A filter must be text');
    });
  });

  describe('acknowledge', () => {
    it('marks a lit lamp 対応中 with a memo and a snooze date: the panel and the log show it', () => {
      const { wb, api } = setup();
      api.runNow();
      const a = api.getLampsPanel().panel!.accounts[0];
      const lamp = a.lamps.find((l) => l.state === 'alert' || l.state === 'warn')!;
      expect(api.acknowledge(a.id, lamp.node, '  Called the champion  ', '2026-12-01')).toBe(true);
      const again = api.getLampsPanel().panel!.accounts.find((x) => x.id === a.id)!;
      expect(again.lamps.find((l) => l.node === lamp.node)!.ack).toEqual({
        by: 'lead@example.com',
        at: '2026-11-22T09:30:00',
        memo: 'Called the champion',
        until: '2026-12-01',
      });
      const log = parseLog(wb.readSheet(LOG_SHEET));
      expect(log[log.length - 1]).toMatchObject({
        event: 'in_progress',
        account_id: a.id,
        node: lamp.node,
        memo: 'Called the champion',
        snooze_until: '2026-12-01',
      });
      expect(parseState(wb.readSheet(STATE_SHEET)).get(a.id)!.lamps[lamp.node].ack!.memo).toBe('Called the champion');
    });

    it('checks every argument, and says when the lamp is not on', () => {
      const { api } = setup();
      expect(() => api.acknowledge('A0432', 'onboarding', 'x', null)).toThrow('KPI Lamp has not run for A0432 yet');
      api.runNow();
      expect(() => api.acknowledge(7 as never, 'onboarding', 'x', null)).toThrow('The account must be non-empty text');
      expect(() => api.acknowledge('A0432', '', 'x', null)).toThrow('The node must be non-empty text');
      expect(() => api.acknowledge('A0432', 'onboarding', 'x'.repeat(1001), null)).toThrow('at most 1000 characters');
      expect(() => api.acknowledge('A0432', 'onboarding', { a: 1 } as never, null)).toThrow('The memo must be text');
      expect(() => api.acknowledge('A0432', 'onboarding', 'x', '2026-13-01')).toThrow('yyyy-mm-dd');
      expect(() => api.acknowledge('A0432', 'onboarding', 'x', 20261201 as never)).toThrow('yyyy-mm-dd');
      expect(() => api.acknowledge('A0432', 'community', 'x', null)).toThrow('is not on');
      expect(api.acknowledge('A0432', 'onboarding', '', '')).toBe(true);
    });
  });

  describe('selectAccount', () => {
    it("selects the account's row on the accounts sheet", () => {
      const { wb, api } = setup();
      const t = wb.readSheet('Accounts')!;
      const row = t.rows.findIndex((r) => r[0] === 'A0432') + 2;
      const last = columnLetter(t.header.length); // the row across the sheet's columns
      expect(api.selectAccount('A0432')).toEqual({ sheet: 'Accounts', a1: `A${row}:${last}${row}` });
      expect(api.getSelection()).toEqual({ activeSheet: 'Accounts', activeRange: `A${row}:${last}${row}` });
      expect(() => api.selectAccount('NOPE')).toThrow('There is no account NOPE');
      expect(() => api.selectAccount(null as never)).toThrow('The account must be non-empty text');
    });
  });

  describe('schedule', () => {
    it('installs daily at an hour, tells a second user who owns it, replaces only when asked, removes', () => {
      const { wb, api } = setup('lead@example.com');
      const out = api.installSchedule('day', 7, false);
      expect(out).toMatchObject({
        ok: true,
        schedule: {
          mine: true,
          schedule: { owner: 'lead@example.com', schedule: { every: 'day', hour: 7 }, timeZone: 'Asia/Tokyo' },
        },
      });
      expect(wb.triggers()).toHaveLength(1);
      const other = createApi(wb, testHost('2026-11-22T00:30:00Z', 'csm@example.com'));
      expect(other.getSchedule()).toMatchObject({ mine: false, schedule: { owner: 'lead@example.com' } });
      expect(other.installSchedule('hour', null, false)).toEqual({
        ok: false,
        reason: 'taken',
        owner: 'lead@example.com',
      });
      expect(other.installSchedule('hour', null, true)).toMatchObject({
        ok: true,
        schedule: { mine: true, schedule: { owner: 'csm@example.com', schedule: { every: 'hour' } } },
      });
      expect(other.removeSchedule()).toMatchObject({ schedule: null });
      expect(wb.documentStore().get(SCHEDULE_KEY)).toBeNull();
    });

    it('checks its arguments', () => {
      const { api } = setup();
      expect(() => api.installSchedule('week' as never, 7, false)).toThrow('A schedule runs "day" or "hour", not week');
      expect(() => api.installSchedule('day', 24, false)).toThrow(
        'The hour must be a whole number from 0 to 23, not 24',
      );
      expect(() => api.installSchedule('day', 6.5, false)).toThrow('not 6.5');
      expect(() => api.installSchedule('day', '7' as never, false)).toThrow('not 7');
      expect(() => api.installSchedule('day', 7, 'yes' as never)).toThrow('Expected true or false');
    });

    it("copies what the trigger reads into the file's own store (an add-on's trigger reads it there)", () => {
      const { wb, api } = setup();
      api.runNow();
      api.installSchedule('day', 7, false);
      api.setRunSettings({ persistence: 2, digest: true, logMaxRows: 1000 });
      const file = wb.fileStore();
      for (const key of MIRRORED_KEYS) expect(file.get(key)).toBe(wb.documentStore().get(key));
      expect(JSON.parse(file.get(RUN_SETTINGS_KEY)!)).toMatchObject({ persistence: 2, digest: true });
      expect(file.get(RULES_KEY)).not.toBeNull();
      // A run the add-on trigger recorded in the file's store, newer than the document's, is the one shown.
      file.set(
        LAST_RUN_KEY,
        JSON.stringify({
          ok: false,
          at: '2026-11-23T07:00:00',
          by: 'lead@example.com',
          error: { key: 'run.error.busy', params: {}, text: 'busy' },
        }),
      );
      expect(api.getSchedule().lastRun).toMatchObject({ ok: false, at: '2026-11-23T07:00:00' });
      api.removeSchedule();
      expect(file.get(SCHEDULE_KEY)).toBeNull();
    });

    it('a schedule replaced by someone else reaches the file store, so the old trigger stops itself', () => {
      const { wb } = setup();
      const ann = createApi(wb, testHost('2026-11-22T00:30:00Z', 'ann@example.com'));
      ann.installSchedule('day', 7, false);
      const annTrigger = JSON.parse(wb.fileStore().get(SCHEDULE_KEY)!).triggerId;
      const bob = createApi(wb, testHost('2026-11-22T00:30:00Z', 'bob@example.com'));
      expect(bob.installSchedule('hour', null, true)).toMatchObject({ ok: true });
      // Ann's add-on trigger sees only the file's store (no document properties there).
      const asAddonTrigger = new Proxy(wb, {
        get: (t, p) => (p === 'documentStore' ? () => t.fileStore() : Reflect.get(t, p).bind(t)),
      });
      expect(isCurrentTrigger(asAddonTrigger, annTrigger)).toBe(false);
    });

    it('someone who does not own the schedule changes settings without touching their own user store', () => {
      const { wb } = setup();
      createApi(wb, testHost('2026-11-22T00:30:00Z', 'lead@example.com')).installSchedule('day', 7, false);
      const other = createApi(wb, testHost('2026-11-22T00:30:00Z', 'csm@example.com'));
      const before = wb.userStore().keys().length;
      other.setRunSettings({ persistence: 3, digest: false, logMaxRows: 5000 });
      expect(wb.userStore().keys().length).toBe(before);
      expect(other.getRunSettings().persistence).toBe(3);
      expect(JSON.parse(wb.fileStore().get(RUN_SETTINGS_KEY)!).persistence).toBe(3);
    });
  });

  describe('run settings', () => {
    it('saves persistence, the digest and the log size; keeps the lamp column name', () => {
      const { api } = setup();
      expect(api.setRunSettings({ persistence: 3, digest: true, logMaxRows: 200 })).toEqual({
        persistence: 3,
        digest: true,
        logMaxRows: 200,
        lampColumn: 'KPI Lamp',
      });
      expect(api.getRunSettings()).toMatchObject({ persistence: 3 });
    });

    it('checks every field', () => {
      const { api } = setup();
      expect(() => api.setRunSettings(null as never)).toThrow('The run settings must be an object');
      expect(() => api.setRunSettings({ persistence: 0, digest: false, logMaxRows: 5000 })).toThrow(
        'Persistence must be a whole number of runs from 1 to 30, not 0',
      );
      expect(() => api.setRunSettings({ persistence: 1, digest: 'yes' as never, logMaxRows: 5000 })).toThrow(
        'Expected true or false',
      );
      expect(() => api.setRunSettings({ persistence: 1, digest: false, logMaxRows: 99 })).toThrow(
        'The log size must be a whole number from 100 to 100000, not 99',
      );
    });
  });

  describe('removeEverything', () => {
    it('removes the column, rules, schedule and properties; the sheets only when asked', () => {
      const { wb, api } = setup();
      api.runNow();
      api.installSchedule('day', 7, false);
      expect(() => api.removeEverything('true' as never)).toThrow('Expected true or false');
      const report = api.removeEverything(false);
      expect(report).toMatchObject({ column: true, rules: true, schedule: true, sheets: [] });
      expect(wb.sheetNames()).toContain(STATE_SHEET);
      expect(wb.readSheet('Accounts')!.header).not.toContain('KPI Lamp');
      expect(api.removeEverything(true).sheets).toEqual(expect.arrayContaining([STATE_SHEET, LOG_SHEET]));
    });

    it('errors come in the language the user chose', () => {
      const { wb, api } = setup();
      wb.userStore().set(langKey(wb), 'ja');
      expect(() => api.removeEverything(1 as never)).toThrow('true か false で指定してください');
    });
  });
});
