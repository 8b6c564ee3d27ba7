/** The run over a copy of the sample workbook: in memory, and in Apps Script (GasWorkbook over the Apps Script double, as an add-on). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { columnLetter } from '../../src/core/table';
import type { Workbook } from '../../src/ports/workbook';
import { LOG_SHEET, parseLog, parseState, STATE_SHEET } from '../../src/server/run-state';
import { LAST_RUN_KEY, lastRun, ROW_COLOURS, RUN_SETTINGS_KEY, runLamps, SCHEDULE_KEY } from '../../src/server/run';
import { saveTree } from '../../src/server/tree-store';
import { BOOK_KINDS, sampleBook, useBooks, type Book, type BookKind } from '../helpers/books';

useBooks();

function column(wb: Workbook, sheet: string, header: string): Map<string, unknown> {
  const t = wb.readSheet(sheet)!;
  const c = t.header.indexOf(header);
  const id = t.header.indexOf('account_id');
  return new Map(t.rows.map((r) => [String(r[id]), r[c]]));
}

describe.each(BOOK_KINDS)('runLamps (%s)', (kind: BookKind) => {
  let b: Book;
  const book = () => (b = sampleBook(kind)).wb;
  const testHost = (start?: string, user?: string) => b.host(start, user);

  it('evaluates, writes the lamp column, the rules, the state and the log', () => {
    const wb = book();
    const userColumns = wb.readSheet('Accounts')!.header.length;
    b.addUserRule('Accounts', { ranges: ['D2:D301'], formula: '=$D2>10000000', background: '#00ff00' });
    const host = testHost();
    const r = runLamps(wb, host);
    expect(r.error).toBeNull();
    expect(r.ok).toBe(true);
    expect(r.accounts).toBe(292);
    expect(r.lit).toBe(56);
    expect(r).toMatchObject({ firstRun: true, lamps: r.on, off: 0, watch: 173 });
    const accounts = wb.readSheet('Accounts')!;
    expect(accounts.header.indexOf('KPI Lamp')).toBe(userColumns); // right after the user's columns
    const lamp = column(wb, 'Accounts', 'KPI Lamp');
    expect(String(lamp.get('A0432'))).toMatch(/^\[alert\] Alert — /);
    expect(String(lamp.get('A0432'))).toContain('Onboarding completed: 0, at or below the alert threshold 0');
    const rules = wb.formatRules('Accounts');
    expect(rules.filter((x) => x.owner === 'user')).toHaveLength(1);
    expect(rules.filter((x) => x.owner === 'kpi-lamp').map((x) => [x.formula, x.background])).toEqual([
      [`=LEFT($${columnLetter(userColumns + 1)}2,7)="[alert]"`, ROW_COLOURS.alert],
      [`=LEFT($${columnLetter(userColumns + 1)}2,6)="[warn]"`, ROW_COLOURS.warn],
    ]);
    const state = parseState(wb.readSheet(STATE_SHEET));
    expect(state.size).toBe(292);
    expect(state.get('A0432')!.lamps.onboarding).toMatchObject({ s: 'alert', streak: 1, since: '2026-11-22T09:30:00' });
    const log = parseLog(wb.readSheet(LOG_SHEET));
    expect(log.filter((e) => e.event === 'on')).toHaveLength(r.on);
    expect(log.filter((e) => e.event === 'watch')).toHaveLength(r.watch);
    expect(log.every((e) => (e.event === 'on' || e.event === 'watch') && e.user === 'lead@example.com')).toBe(true);
    // The month's Accounts values joined Snapshots (first run of 2026-11, Tokyo time).
    expect(r.snapshotMonth).toBe('2026-11');
    const snaps = wb.readSheet('Snapshots')!;
    expect(snaps.rows.filter((x) => x[0] === '2026-11')).toHaveLength(292);
  });

  it('is safe to run twice: nothing new is logged, streaks grow, first-seen times stay', () => {
    const wb = book();
    const host = testHost();
    runLamps(wb, host);
    const logBefore = wb.readSheet(LOG_SHEET)!.rows.length;
    host.setNow('2026-11-23T00:30:00Z');
    const r = runLamps(wb, host);
    expect(r.on + r.off).toBe(0);
    // The same lamps are on: the counts read the same as the first run's.
    expect(r).toMatchObject({ firstRun: false, lit: 56, watch: 173 });
    expect(r.lamps).toBeGreaterThan(0);
    expect(r.snapshotMonth).toBeNull();
    expect(wb.readSheet(LOG_SHEET)!.rows.length).toBe(logBefore);
    const k = parseState(wb.readSheet(STATE_SHEET)).get('A0432')!.lamps.onboarding;
    expect(k).toMatchObject({ streak: 2, since: '2026-11-22T09:30:00' });
    expect(wb.readSheet('Accounts')!.header.filter((h) => h === 'KPI Lamp')).toHaveLength(1);
  });

  it('a lamp that goes out uncolours its row and is logged off', () => {
    const wb = book();
    const host = testHost();
    runLamps(wb, host);
    const t = wb.readSheet('Accounts')!;
    const row = t.rows.findIndex((r) => r[0] === 'A0432');
    wb.writeValues('Accounts', row + 2, t.header.indexOf('onboarding_completed') + 1, [[true]]);
    wb.writeValues('Accounts', row + 2, t.header.indexOf('last_nps') + 1, [[9]]);
    const r = runLamps(wb, host);
    expect(r.off).toBeGreaterThanOrEqual(1);
    const off = parseLog(wb.readSheet(LOG_SHEET)).filter((e) => e.event === 'off' && e.account_id === 'A0432');
    expect(off.map((e) => e.node)).toContain('onboarding');
    expect(String(column(wb, 'Accounts', 'KPI Lamp').get('A0432'))).not.toMatch(/Onboarding/);
  });

  it('writes by account id: rows sorted by a person between runs keep their own lamp', () => {
    const wb = book();
    runLamps(wb, testHost());
    const t = wb.readSheet('Accounts')!;
    const sorted = [...t.rows].sort((a, b) => String(b[1]).localeCompare(String(a[1])));
    wb.writeValues('Accounts', 2, 1, sorted);
    runLamps(wb, testHost());
    const after = wb.readSheet('Accounts')!;
    const fresh = book();
    runLamps(fresh, testHost());
    const expected = column(fresh, 'Accounts', 'KPI Lamp');
    const lampAt = after.header.indexOf('KPI Lamp');
    for (const r of after.rows) expect(r[lampAt]).toBe(expected.get(String(r[0])));
  });

  it('a run that cannot proceed writes nothing and records a clear error', () => {
    const wb = book();
    const host = testHost();
    runLamps(wb, host);
    // The tree names an accounts sheet that is gone.
    const settings = wb.readSheet('KPI Lamp Settings')!;
    const i = settings.rows.findIndex((r) => r[0] === 'accounts_sheet');
    wb.writeValues('KPI Lamp Settings', i + 2, 2, [['Customers']]);
    const before = JSON.stringify(wb.sheetNames().map((n) => wb.readSheet(n)));
    const r = runLamps(wb, host);
    expect(r.ok).toBe(false);
    expect(r.error!.text).toBe(
      'The workbook lacks what the KPI tree reads (1 missing): nothing was judged or changed. First: ' +
        'The setting settings.accounts_sheet names the sheet "Customers", which this workbook does not have',
    );
    expect(JSON.stringify(wb.sheetNames().map((n) => wb.readSheet(n)))).toBe(before);
    expect(lastRun(wb)!.error!.key).toBe('run.error.bindings');
  });

  it('a deleted id column or a broken tree also stops the run before any write', () => {
    const wb = book();
    const t = wb.readSheet('Accounts')!;
    wb.writeValues('Accounts', 1, 1, [['id']]);
    let r = runLamps(wb, testHost());
    expect(r.error!.key).toBe('run.error.bindings');
    expect(r.error!.params).toMatchObject({
      what: 'column',
      sheet: 'Accounts',
      column: 'account_id',
      setting: 'settings.columns.id',
    });
    expect(wb.sheetNames()).not.toContain(STATE_SHEET);
    wb.writeValues('Accounts', 1, 1, [[t.header[0]]]);
    const tree = wb.readSheet('KPI Lamp Tree')!;
    wb.writeValues('KPI Lamp Tree', 4, tree.header.indexOf('parent') + 1, [['nowhere']]);
    r = runLamps(wb, testHost());
    expect(r.error!.key).toBe('run.error.tree_invalid');
    expect(r.error!.text).toContain('row 4');
    expect(wb.sheetNames()).not.toContain(STATE_SHEET);
  });

  it('a lamp node whose id is "__proto__" or "constructor" (any text is an id) is remembered like any other', () => {
    for (const id of ['__proto__', 'constructor']) {
      const wb = book();
      const doc = JSON.parse(readFileSync(join(__dirname, '..', '..', 'sample', 'starter-tree.json'), 'utf8'));
      for (const n of doc.nodes) {
        if (n.id === 'onboarding') n.id = id;
        if (n.parent === 'onboarding') n.parent = id;
      }
      expect(saveTree(wb, doc).ok).toBe(true);
      const host = testHost();
      const first = runLamps(wb, host);
      const on = parseLog(wb.readSheet(LOG_SHEET)).filter((e) => e.node === id && e.event === 'on').length;
      expect(on).toBeGreaterThan(0);
      const kept = parseState(wb.readSheet(STATE_SHEET)).get('A0432')!.lamps;
      expect({ id, own: Object.prototype.hasOwnProperty.call(kept, id), s: kept[id]?.s }).toEqual({
        id,
        own: true,
        s: 'alert',
      });
      // The next day nothing is new: its lamps were kept, not lost to a prototype and lit again.
      host.setNow('2026-11-23T00:30:00Z');
      const second = runLamps(wb, host);
      expect({ id, on: second.on, off: second.off, lamps: second.lamps }).toEqual({
        id,
        on: 0,
        off: 0,
        lamps: first.lamps,
      });
      expect(parseLog(wb.readSheet(LOG_SHEET)).filter((e) => e.node === id && e.event === 'on')).toHaveLength(on);
    }
  });

  it('two runs never overlap', () => {
    const wb = book();
    const host = testHost();
    b.hold();
    const r = runLamps(wb, host);
    expect(r.error!.key).toBe('run.error.busy');
    expect(wb.sheetNames()).not.toContain(STATE_SHEET);
  });

  it('persistence: a lamp is new only after N consecutive runs; the digest goes to the schedule owner', () => {
    const wb = book();
    wb.documentStore().set(RUN_SETTINGS_KEY, JSON.stringify({ persistence: 2, digest: true }));
    wb.documentStore().set(SCHEDULE_KEY, JSON.stringify({ owner: 'owner@example.com' }));
    const host = testHost();
    const first = runLamps(wb, host);
    expect(first.newLamps).toBe(0);
    expect(host.mails).toHaveLength(0);
    const second = runLamps(wb, host);
    expect(second.newLamps).toBeGreaterThan(0);
    expect(host.mails).toHaveLength(1);
    expect(host.mails[0].to).toBe('owner@example.com');
    expect(host.mails[0].subject).toBe(`KPI Lamp: ${second.newLamps} new lamps`);
    // Persistence never changes a state: the lamp column is the same as with persistence 1.
    const plain = book();
    runLamps(plain, testHost());
    expect(column(wb, 'Accounts', 'KPI Lamp')).toEqual(column(plain, 'Accounts', 'KPI Lamp'));
  });

  it('rotates the log before it grows past its size', () => {
    const wb = book();
    wb.documentStore().set(RUN_SETTINGS_KEY, JSON.stringify({ logMaxRows: 300 }));
    runLamps(wb, testHost());
    expect(wb.readSheet(LOG_SHEET)!.rows.length).toBeLessThanOrEqual(300);
    expect(JSON.parse(wb.documentStore().get(LAST_RUN_KEY)!).ok).toBe(true);
  });
});
