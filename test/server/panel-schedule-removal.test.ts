/** The Lamps panel's server side, the schedule and clean removal, over the sample: in memory and in Apps Script (the double, as an add-on). */
import { columnLetter, numberFromCell } from '../../src/core/table';
import {
  acknowledge,
  lampsPanel,
  lastLookedKey,
  resolutionTimes,
  selectAccount,
} from '../../src/server/lamps-panel-data';
import { langKey } from '../../src/server/api';
import { removeEverything } from '../../src/server/removal';
import { runLamps } from '../../src/server/run';
import { LOG_SHEET, parseLog, parseState, STATE_SHEET } from '../../src/server/run-state';
import { getSchedule, installSchedule, isCurrentTrigger, removeSchedule, RUN_HANDLER } from '../../src/server/schedule';
import { loadTree } from '../../src/server/tree-store';
import type { Tree } from '../../src/core/tree/types';
import { BOOK_KINDS, sampleBook, useBooks, type Book, type BookKind } from '../helpers/books';

useBooks();

describe.each(BOOK_KINDS)('%s', (kind: BookKind) => {
  let b: Book;
  function setup() {
    b = sampleBook(kind);
    const loaded = loadTree(b.wb);
    if (loaded.status !== 'ok') throw new Error('sample tree');
    return { wb: b.wb, tree: loaded.tree as Tree };
  }
  const testHost = (start?: string, user?: string) => b.host(start, user);

  describe('Lamps panel', () => {
    it('lists at-risk accounts by severity, ARR or renewal, with filters and counts per node', () => {
      const { wb, tree } = setup();
      const host = testHost();
      runLamps(wb, host);
      const p = lampsPanel(wb, tree, 'en', host.now(), { limit: 1000 });
      expect(p.accounts).toHaveLength(56);
      expect(p.matching).toBe(56);
      expect(lampsPanel(wb, tree, 'en', host.now(), { limit: 10 }).accounts).toHaveLength(10);
      expect(p.total).toBe(292);
      expect(p.lastRun!.ok).toBe(true);
      expect(p.accounts[0].severity).toBe('alert');
      const a = p.accounts.find((x) => x.id === 'A0432')!;
      const onboarding = a.lamps.find((l) => l.node === 'onboarding')!;
      expect(onboarding).toMatchObject({
        state: 'alert',
        value: 0,
        alert: 0,
        owner: 'Onboarding team',
        since: '2026-11-22T09:30:00',
        isNew: true,
      });
      expect(onboarding.reason).toBe('0, at or below the alert threshold 0');
      expect(onboarding.action).toBe('Schedule the missing onboarding sessions this week');
      const byArr = lampsPanel(wb, tree, 'en', host.now(), { sort: 'arr' }).accounts.map((x) => x.arr ?? 0);
      expect(byArr).toEqual([...byArr].sort((x, y) => y - x));
      const byRenewal = lampsPanel(wb, tree, 'en', host.now(), { sort: 'renewal' }).accounts.map(
        (x) => x.renewal ?? '',
      );
      expect(byRenewal).toEqual([...byRenewal].sort());
      const csm = p.csms[0];
      const filtered = lampsPanel(wb, tree, 'en', host.now(), { csm, plan: 'Enterprise' }).accounts;
      expect(filtered.length).toBeGreaterThan(0);
      expect(filtered.every((x) => x.csm === csm && x.plan === 'Enterprise')).toBe(true);
      const login = p.perNode.find((n) => n.node === 'login')!;
      // Counted straight from the sheet: login rate at or below its warning threshold 0.5.
      const t = wb.readSheet('Accounts')!;
      // Read as the contract reads a KPI cell of a CSV (core/table.ts numberFromCell: "0.50" is 0.5).
      const low = t.rows.filter((r) => (numberFromCell(r[t.header.indexOf('login_rate_30d')]) ?? Infinity) <= 0.5);
      expect(login.accounts).toBe(low.length);
      expect(login.accounts).toBe(18);
      expect(login.arr).toBe(low.reduce((sum, r) => sum + (r[t.header.indexOf('arr')] as number), 0));
    });

    it('"new since you last looked" moves with the user mark', () => {
      const { wb, tree } = setup();
      const host = testHost();
      runLamps(wb, host);
      lampsPanel(wb, tree, 'en', host.now(), {}, true);
      expect(wb.userStore().get(lastLookedKey(wb))).toBe('2026-11-22T09:30:00');
      host.setNow('2026-11-23T00:30:00Z');
      const t = wb.readSheet('Accounts')!;
      const row = t.rows.findIndex((r) => r[0] === 'A0001');
      wb.writeValues('Accounts', row + 2, t.header.indexOf('login_rate_30d') + 1, [[0.1]]);
      runLamps(wb, host);
      const p = lampsPanel(wb, tree, 'en', host.now());
      const fresh = p.accounts.flatMap((a) => a.lamps.filter((l) => l.isNew).map((l) => `${a.id}/${l.node}`));
      expect(fresh).toContain('A0001/login');
      expect(fresh.every((x) => !x.startsWith('A0432/'))).toBe(true);
    });

    it('marks a lit lamp in progress with a memo and a snooze date: logged, state unchanged', () => {
      const { wb, tree } = setup();
      const host = testHost();
      runLamps(wb, host);
      const lampColumnBefore = JSON.stringify(wb.readSheet('Accounts'));
      expect(acknowledge(wb, host, tree, 'A0432', 'onboarding', 'Called the sponsor', '2026-12-01')).toBeNull();
      const k = parseState(wb.readSheet(STATE_SHEET)).get('A0432')!.lamps.onboarding;
      expect(k.ack).toEqual({
        by: 'lead@example.com',
        at: '2026-11-22T09:30:00',
        memo: 'Called the sponsor',
        until: '2026-12-01',
      });
      expect(k.s).toBe('alert');
      const log = parseLog(wb.readSheet(LOG_SHEET)).filter((e) => e.event === 'in_progress');
      expect(log).toEqual([
        expect.objectContaining({
          account_id: 'A0432',
          node: 'onboarding',
          node_name: 'Onboarding completed',
          memo: 'Called the sponsor',
          snooze_until: '2026-12-01',
        }),
      ]);
      expect(JSON.stringify(wb.readSheet('Accounts'))).toBe(lampColumnBefore);
      expect(
        lampsPanel(wb, tree, 'en', host.now())
          .accounts.find((a) => a.id === 'A0432')!
          .lamps.find((l) => l.node === 'onboarding')!.ack!.memo,
      ).toBe('Called the sponsor');
      // The acknowledgement survives the next run while the lamp stays lit.
      runLamps(wb, host);
      expect(parseState(wb.readSheet(STATE_SHEET)).get('A0432')!.lamps.onboarding.ack!.memo).toBe('Called the sponsor');
      expect(acknowledge(wb, host, tree, 'A0432', 'login', '', null)).toBe('not_lit');
      expect(acknowledge(wb, host, tree, 'A0432', 'onboarding', '', '2026-02-30')).toBe('bad_date');
      expect(acknowledge(wb, host, tree, 'NOPE', 'onboarding', '', null)).toBe('no_state');
    });

    it('time to resolution per node: on to off, and on to in progress', () => {
      const { tree } = setup();
      const e = (time: string, account: string, event: string) =>
        ({ time, account_id: account, node: 'login', event }) as never;
      const r = resolutionTimes(tree, [
        e('2026-11-01T09:00:00', 'A', 'on'),
        e('2026-11-03T09:00:00', 'A', 'in_progress'),
        e('2026-11-05T09:00:00', 'A', 'off'),
        e('2026-11-02T09:00:00', 'B', 'on'),
        e('2026-11-10T09:00:00', 'B', 'off'),
        e('2026-11-11T09:00:00', 'C', 'on'),
      ]).find((x) => x.node === 'login')!;
      expect(r).toMatchObject({ onToOffDays: 6, resolved: 2, onToProgressDays: 2, acknowledged: 1 });
    });

    it('clicking an account selects its row', () => {
      const { wb, tree } = setup();
      const third = String(wb.readSheet('Accounts')!.rows[2][0]);
      expect(selectAccount(wb, tree, third)).toBe(true);
      expect(wb.activeRange()).toEqual({
        sheet: 'Accounts',
        a1: `A4:${columnLetter(wb.readSheet('Accounts')!.header.length)}4`,
      });
      expect(selectAccount(wb, tree, 'ZZZ')).toBe(false);
    });
  });

  describe('schedule', () => {
    it('one per spreadsheet: a second person is told who installed it and may replace it', () => {
      const { wb } = setup();
      const ann = <T>(fn: () => T) => b.as('ann@example.com', fn);
      const bob = <T>(fn: () => T) => b.as('bob@example.com', fn);
      const a = ann(() =>
        installSchedule(wb, 'ann@example.com', { every: 'day', hour: 7 }, false, '2026-11-22T09:00:00'),
      );
      expect(a.ok).toBe(true);
      // Apps Script does not say a trigger's schedule back: the double's record of it is checked instead.
      expect(ann(() => wb.triggers())).toEqual([
        expect.objectContaining({
          handler: RUN_HANDLER,
          schedule: kind === 'memory' ? { every: 'day', hour: 7 } : null,
        }),
      ]);
      if (b.double)
        expect(b.double.triggers).toEqual([
          expect.objectContaining({
            handler: RUN_HANDLER,
            user: 'ann@example.com',
            schedule: { everyDays: 1, atHour: 7, timeZone: 'Asia/Tokyo' },
          }),
        ]);
      expect(getSchedule(wb)).toMatchObject({
        owner: 'ann@example.com',
        schedule: { every: 'day', hour: 7 },
        timeZone: 'Asia/Tokyo',
      });
      expect(bob(() => installSchedule(wb, 'bob@example.com', { every: 'hour' }, false, 'x'))).toEqual({
        ok: false,
        reason: 'taken',
        owner: 'ann@example.com',
      });
      const first = getSchedule(wb)!.triggerId;
      const replaced = bob(() => installSchedule(wb, 'bob@example.com', { every: 'hour' }, true, 'x'));
      expect(replaced.ok).toBe(true);
      expect(getSchedule(wb)!.owner).toBe('bob@example.com');
      // Ann's trigger fires once more, finds it is no longer the schedule, and removes itself.
      expect(ann(() => isCurrentTrigger(wb, first))).toBe(false);
      expect(ann(() => wb.triggers().map((t) => t.id))).not.toContain(first);
      expect(bob(() => isCurrentTrigger(wb, getSchedule(wb)!.triggerId))).toBe(true);
    });
    it("reinstalling replaces one's own trigger; removal removes it; hours are checked", () => {
      const { wb } = setup();
      b.as('ann@example.com', () => {
        installSchedule(wb, 'ann@example.com', { every: 'day', hour: 7 }, false, 'x');
        installSchedule(wb, 'ann@example.com', { every: 'day', hour: 8 }, false, 'x');
        expect(wb.triggers()).toHaveLength(1);
        removeSchedule(wb, 'ann@example.com');
        expect(wb.triggers()).toHaveLength(0);
        expect(getSchedule(wb)).toBeNull();
        expect(installSchedule(wb, 'ann@example.com', { every: 'day', hour: 24 }, false, 'x')).toEqual({
          ok: false,
          reason: 'bad_hour',
        });
      });
    });
  });

  describe('clean removal', () => {
    it('removes everything KPI Lamp added, and nothing else', () => {
      const { wb } = setup();
      const original = {
        accounts: JSON.stringify(wb.readSheet('Accounts')),
        snapshots: wb.readSheet('Snapshots')!.rows.length,
      };
      b.addUserRule('Accounts', { ranges: ['D2:D301'], formula: '=$D2>1', background: '#00ff00' });
      wb.userStore().set('someone-else.key', 'keep');
      // An Editor add-on's user store also holds the user's other spreadsheets: those stay.
      wb.userStore().set('kpi-lamp.last-looked.OTHER-FILE', '2026-11-01T00:00:00');
      // This spreadsheet's language (removed with it) and another spreadsheet's (kept).
      wb.userStore().set(langKey(wb), 'ja');
      wb.userStore().set('kpi-lamp.lang.OTHER-FILE', 'ja');
      runLamps(wb, testHost());
      installSchedule(wb, 'lead@example.com', { every: 'day', hour: 7 }, false, 'x');
      const report = removeEverything(wb, 'lead@example.com', true);
      expect(report).toMatchObject({
        column: true,
        rules: true,
        schedule: true,
        sheets: ['KPI Lamp Tree', 'KPI Lamp Settings', 'KPI Lamp State', 'KPI Lamp Log'],
      });
      expect(JSON.stringify(wb.readSheet('Accounts'))).toBe(original.accounts);
      expect(wb.formatRules('Accounts').map((r) => r.owner)).toEqual(['user']);
      expect(wb.triggers()).toHaveLength(0);
      expect(wb.documentStore().keys()).toEqual([]);
      expect(wb.fileStore().keys()).toEqual([]);
      // Every key of this spreadsheet is gone (each names it); the other spreadsheet's and others' stay.
      expect(wb.userStore().keys().sort()).toEqual([
        'kpi-lamp.lang.OTHER-FILE',
        'kpi-lamp.last-looked.OTHER-FILE',
        'someone-else.key',
      ]);
      // The month's snapshot rows it appended are the user's data now: kept.
      expect(wb.readSheet('Snapshots')!.rows.length).toBe(original.snapshots + 292);
    });
    it('keeps its sheets when the person did not confirm deleting them', () => {
      const { wb } = setup();
      runLamps(wb, testHost());
      const report = removeEverything(wb, 'lead@example.com', false);
      expect(report.sheets).toEqual([]);
      expect(wb.sheetNames()).toContain('KPI Lamp Log');
      expect(wb.readSheet('Accounts')!.header).not.toContain('KPI Lamp');
    });
  });
});
