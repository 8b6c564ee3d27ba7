/**
 * History starts itself: on a workbook with an accounts sheet and no
 * Snapshots, the first run starts Snapshots — the tree's bound columns, the
 * month as yyyy-mm text in a plain-text column, every other value in its own
 * type (no cell below the header made plain text) — says so, and the
 * Lamps panel says how much history there is and when the backtest will
 * have enough. The panel's recent changes read the Log newest first. In
 * memory and in Apps Script (GasWorkbook over the double).
 */
import { runDoneText } from '../../src/i18n/lamp-text';
import { LOG_SHEET, parseLog } from '../../src/server/run-state';
import { lastRun, runLamps } from '../../src/server/run';
import { BOOK_KINDS, sampleBook, useBooks, type BookKind } from '../helpers/books';

useBooks();

/** The month, the id, plan and ARR, the tree's bound columns in tree order, churned. */
const HEADER = [
  'month',
  'account_id',
  'plan',
  'arr',
  'login_rate_30d',
  'onboarding_completed',
  'key_feature_usage',
  'exec_meetings_90d',
  'last_nps',
  'churned',
];

describe.each(BOOK_KINDS)('history starts itself (%s)', (kind: BookKind) => {
  const withoutSnapshots = () => {
    const b = sampleBook(kind);
    b.wb.deleteSheet('Snapshots');
    return b;
  };

  it('the first run starts Snapshots with the bound columns and the month’s rows, typed, and says so', () => {
    const b = withoutSnapshots();
    const before = b.api().getLampsPanel().panel!.history;
    expect(before).toMatchObject({ exists: false, months: 0, needed: 4, sheet: 'Snapshots' });
    const r = runLamps(b.wb, b.host());
    expect(r.ok).toBe(true);
    expect(r.snapshot).toEqual({ sheet: 'Snapshots', month: '2026-11', rows: 292, created: true });
    expect(runDoneText('en', r)).toContain(
      'There was no Snapshots sheet: KPI Lamp started it with this month’s values (2026-11, 292 accounts)',
    );
    expect(runDoneText('ja', r)).toContain(
      'Snapshots シートがなかったため、今月(2026-11、292 アカウント)の値で KPI Lamp が作成しました',
    );
    const snaps = b.wb.readSheet('Snapshots')!;
    expect(snaps.header).toEqual(HEADER);
    expect(snaps.rows).toHaveLength(292);
    const accounts = b.wb.readSheet('Accounts')!;
    const a = accounts.rows.find((x) => x[0] === 'A0432')!;
    const s = snaps.rows.find((x) => x[1] === 'A0432')!;
    const col = (h: string) => a[accounts.header.indexOf(h)];
    // Each value as Accounts holds it (a CSV's text stays text, a number a number), the month as text, churned FALSE.
    expect(s).toEqual(HEADER.map((h) => (h === 'month' ? '2026-11' : h === 'churned' ? false : col(h))));
    if (kind === 'apps-script') {
      const m = b.double!.sheets.get('Snapshots')!;
      const cell = (r: number, c: number) => m.cell(r, c);
      expect(m.frozenRows).toBe(1);
      // The header and the month column are plain text: "2026-11" stays a month, never a date.
      expect(HEADER.map((_, c) => cell(0, c).format)).toEqual(HEADER.map(() => '@'));
      expect(cell(1, 0)).toMatchObject({ value: '2026-11', format: '@' });
      // The rest is the team's data: automatic format, numbers and booleans as such.
      expect(HEADER.slice(1).map((_, c) => cell(1, c + 1).format)).toEqual(HEADER.slice(1).map(() => ''));
      expect(typeof cell(1, HEADER.indexOf('arr')).value).toBe('number');
      expect(typeof cell(1, HEADER.indexOf('churned')).value).toBe('boolean');
    }
    const after = b.api().getLampsPanel().panel!.history;
    expect(after).toMatchObject({
      exists: true,
      months: 1,
      first: '2026-11',
      last: '2026-11',
      span: 1,
      horizon: 3,
      needed: 4,
      ready: '2027-02',
    });
  });

  it('adds each month once, as text like the rows before; the panel counts the months', () => {
    const b = withoutSnapshots();
    const host = b.host();
    runLamps(b.wb, host);
    host.setNow('2026-11-25T00:30:00Z');
    expect(runLamps(b.wb, host).snapshot).toBeNull();
    host.setNow('2026-12-02T00:30:00Z');
    const r = runLamps(b.wb, host);
    expect(r.snapshot).toEqual({ sheet: 'Snapshots', month: '2026-12', rows: 292, created: false });
    expect(runDoneText('en', r)).toContain('Added 2026-12 to Snapshots (292 accounts).');
    const snaps = b.wb.readSheet('Snapshots')!;
    expect(snaps.rows.filter((x) => x[0] === '2026-12')).toHaveLength(292);
    expect(snaps.rows).toHaveLength(584);
    expect(b.api('lead@example.com', '2026-12-02T00:30:00Z').judgeEvidenceAgain().panel!.history).toMatchObject({
      months: 2,
      span: 2,
      ready: '2027-02',
    });
  });

  it('the sample’s own Snapshots (24 months) is enough, and is only added to', () => {
    const b = sampleBook(kind);
    expect(b.api().getLampsPanel().panel!.history).toMatchObject({ exists: true, months: 24, needed: 4, ready: null });
    const r = runLamps(b.wb, b.host());
    expect(r.snapshot).toMatchObject({ created: false, month: '2026-11' });
    expect(lastRun(b.wb)!.snapshot).toMatchObject({ created: false });
  });

  it('the panel lists the Log’s latest changes newest first, with each value’s kind', () => {
    const b = sampleBook(kind);
    const host = b.host();
    runLamps(b.wb, host);
    const t = b.wb.readSheet('Accounts')!;
    const row = t.rows.findIndex((r) => r[0] === 'A0432');
    b.wb.writeValues('Accounts', row + 2, t.header.indexOf('onboarding_completed') + 1, [[true]]);
    host.setNow('2026-11-23T00:30:00Z');
    runLamps(b.wb, host);
    const recent = b.api('lead@example.com', '2026-11-23T00:30:00Z').getLampsPanel().panel!.recent;
    expect(recent).toHaveLength(20);
    expect(recent[0]).toMatchObject({
      accountId: 'A0432',
      node: 'onboarding',
      event: 'off',
      from: 'alert',
      to: 'ok',
      value: 1,
      kind: 'number',
      nodeName: 'Onboarding completed',
    });
    const log = parseLog(b.wb.readSheet(LOG_SHEET));
    expect(recent.map((c) => c.time)).toEqual([...recent.map((c) => c.time)].sort().reverse());
    // Newest first: the Log's last row (the sheet keeps the order things happened in) is the first shown.
    expect(log[log.length - 1]).toMatchObject({ account_id: 'A0432', node: 'onboarding', event: 'off' });
    expect(log[0].time < recent[0].time).toBe(true);
    // The kind of value by the node's thresholds: the login rate and the composite are rates, the rest numbers.
    const kinds: Record<string, string> = {
      login: 'rate',
      depth: 'rate',
      onboarding: 'number',
      exec: 'number',
      nps: 'number',
    };
    expect(recent.map((c) => [c.node, c.kind])).toEqual(recent.map((c) => [c.node, kinds[c.node]]));
  });
});
