/** The Apps Script workbook adapter over a counting fake of SpreadsheetApp. */
import { GasWorkbook, RULE_MARKER } from '../../src/gas/gas-workbook';
import { type AppsScriptDouble, createDouble, installGlobals, seedSheet } from '../helpers/apps-script-double';

function accounts(n: number): unknown[][] {
  const grid: unknown[][] = [[' account_id ', 'account_name', 'arr', 'renewal_date', 'onboarding_completed']];
  for (let i = 0; i < n; i++) {
    grid.push([
      `A${i}`,
      i % 2 ? `株式会社${i}` : `Acme ${i}`,
      1000 * i,
      new Date(Date.UTC(2026, 2, 31, 15)),
      i % 3 === 0,
    ]);
  }
  return grid;
}

function runOnce(env: AppsScriptDouble, n: number): { total: number; data: number } {
  seedSheet(env, 'Accounts', accounts(n));
  const wb = GasWorkbook.active();
  env.reset();
  const table = wb.readSheet('Accounts')!;
  expect(table.rows.length).toBe(n);
  wb.writeValues(
    'Accounts',
    2,
    6,
    table.rows.map((r) => [`alert: ${r[0]}`]),
  );
  wb.ensureSheet('KPI Lamp State', ['account_id', 'state']);
  wb.replaceRows(
    'KPI Lamp State',
    table.rows.map((r) => [r[0] as string, 'ok']),
  );
  return { total: env.total(), data: env.dataCalls() };
}

describe('GasWorkbook', () => {
  let undo: () => void;
  afterEach(() => undo());

  it('makes the same number of service calls for 1,000 and 100,000 rows', () => {
    const small = createDouble();
    undo = installGlobals(small);
    const a = runOnce(small, 1000);
    undo();
    const big = createDouble();
    undo = installGlobals(big);
    const b = runOnce(big, 100000);
    expect(b).toEqual(a);
    // read 1; write to a user's sheet 2 (formats read, values); new own sheet 2; rows 2 (the
    // rows the sheet grew by made plain text, values)
    expect(a.data).toBe(7);
    expect(a.total).toBeLessThan(40);
  });

  it('reads headers trimmed, dates as ISO text in the spreadsheet time zone, blanks as null', () => {
    const env = createDouble({ timeZone: 'Asia/Tokyo' });
    undo = installGlobals(env);
    seedSheet(env, 'Accounts', [...accounts(2), ['A9', '', '', '', '']]);
    const t = GasWorkbook.active().readSheet('Accounts')!;
    expect(t.header[0]).toBe('account_id');
    expect(t.rows[0][3]).toBe('2026-04-01'); // 15:00 UTC on 31 March is April 1st in Tokyo
    expect(t.rows[2]).toEqual(['A9', null, null, null, null]);
    expect(GasWorkbook.active().readSheet('Nope')).toBeNull();
  });

  it('writes text as plain text: a formula-looking action never becomes a formula', () => {
    const env = createDouble();
    undo = installGlobals(env);
    const wb = GasWorkbook.active();
    wb.ensureSheet('KPI Lamp Log', ['action']);
    env.reset();
    wb.writeValues('KPI Lamp Log', 2, 1, [['=IMPORTXML("http://x","//a")'], [42]], true);
    expect(env.dataCalls()).toBe(1); // an own sheet is plain text already: values only
    const log = env.sheets.get('KPI Lamp Log')!;
    expect(log.cell(1, 0).formula).toBeUndefined();
    expect(log.cell(1, 0).format).toBe('@');
    expect(log.cell(1, 0).value).toBe(`'=IMPORTXML("http://x","//a")`);
    // On a user's sheet: text stays that text (the apostrophe prefix is not part of the value) and every
    // cell keeps the format its owner gave it — only text KPI Lamp authors in its own cells is plain text.
    const user = seedSheet(env, 'Notes', [['note', 'n', 'code', 'when']]);
    user.cell(1, 1).format = '#,##0';
    wb.writeValues('Notes', 2, 1, [['+SUM(A1)', 1234, '0012', '2027-03-31']]);
    expect(user.cell(1, 0)).toMatchObject({ value: '+SUM(A1)', format: '' });
    expect(user.cell(1, 1)).toMatchObject({ value: 1234, format: '#,##0' });
    expect(user.cell(1, 2)).toMatchObject({ value: '0012', format: '' });
    expect(user.cell(1, 3)).toMatchObject({ value: '2027-03-31', format: '' });
    expect(user.cell(1, 0).formula).toBeUndefined();
    // A date is written as a date (midnight in the spreadsheet's zone), and read back as ISO text, marked as a date.
    wb.writeValues('Notes', 3, 4, [[{ date: '2027-04-01' }]]);
    expect((user.cell(2, 3).value as Date).toISOString()).toBe('2027-03-31T15:00:00.000Z');
    const back = wb.readSheet('Notes')!;
    expect(back.rows[1][3]).toBe('2027-04-01');
    expect(back.dates).toEqual([1 * 4 + 3]);
  });

  it('creates its own sheets wide enough for their header, all plain text', () => {
    const env = createDouble();
    undo = installGlobals(env);
    const wide = Array.from({ length: 30 }, (_, i) => `c${i}`);
    expect(GasWorkbook.active().ensureSheet('KPI Lamp Wide', wide)).toBe(true);
    const m = env.sheets.get('KPI Lamp Wide')!;
    expect(m.maxColumns).toBe(30);
    expect(m.cell(0, 29)).toMatchObject({ value: 'c29', format: '@' });
    expect(m.cell(999, 29).format).toBe('@');
  });

  it("keeps the file's own store in developer metadata visible to this project, read once", () => {
    const env = createDouble();
    undo = installGlobals(env);
    const files = GasWorkbook.active().fileStore();
    files.set('kpi-lamp.schedule', '{"owner":"ann"}');
    files.set('kpi-lamp.schedule', '{"owner":"bob"}');
    files.set('kpi-lamp.run-settings', '{}');
    expect(env.metadata).toEqual([
      { key: 'kpi-lamp.schedule', value: '{"owner":"bob"}', visibility: 'PROJECT' },
      { key: 'kpi-lamp.run-settings', value: '{}', visibility: 'PROJECT' },
    ]);
    env.reset();
    const again = GasWorkbook.active().fileStore();
    expect(again.get('kpi-lamp.schedule')).toBe('{"owner":"bob"}');
    expect(again.keys().sort()).toEqual(['kpi-lamp.run-settings', 'kpi-lamp.schedule']);
    again.delete('kpi-lamp.run-settings');
    expect(env.calls.get('Spreadsheet.getDeveloperMetadata')).toBe(1);
    expect(env.metadata.map((m) => m.key)).toEqual(['kpi-lamp.schedule']);
  });

  it("without document properties (an add-on's time trigger) the document store is the file's", () => {
    const env = createDouble({ mode: 'addon' });
    undo = installGlobals(env);
    env.execute({ kind: 'time-trigger', spreadsheet: null }, () =>
      GasWorkbook.byId(env.defaultId).documentStore().set('kpi-lamp.last-run', '{"ok":true}'),
    );
    expect(env.metadata).toEqual([{ key: 'kpi-lamp.last-run', value: '{"ok":true}', visibility: 'PROJECT' }]);
    expect(env.documentProps.size).toBe(0);
  });

  it('grows the sheet for a new column or appended rows instead of failing', () => {
    const env = createDouble();
    undo = installGlobals(env);
    const sheet = seedSheet(env, 'Accounts', accounts(3));
    sheet.maxColumns = 5;
    sheet.maxRows = 4;
    const wb = GasWorkbook.active();
    wb.setTextColumn('Accounts', 6);
    wb.writeValues('Accounts', 1, 6, [['KPI Lamp'], ['[ok] OK'], ['[ok] OK'], ['[alert] Alert'], ['[ok] OK']], true);
    expect(sheet.maxColumns).toBe(6);
    expect(sheet.maxRows).toBe(5);
    expect(sheet.cell(3, 5)).toMatchObject({ value: '[alert] Alert', format: '@' });
    expect(wb.rowCount('Accounts')).toBe(4);
    wb.deleteColumn('Accounts', 6);
    expect(sheet.cell(3, 5).value).toBe('');
  });

  it('keeps the user conditional-format rules when replacing its own', () => {
    const env = createDouble();
    undo = installGlobals(env);
    const sheet = seedSheet(env, 'Accounts', accounts(3));
    const userRule = {
      getBooleanCondition: () => ({
        getCriteriaType: () => 'CUSTOM_FORMULA',
        getCriteriaValues: () => ['=$C2>100'],
        getBackground: () => '#ffff00',
      }),
      getRanges: () => [{ getA1Notation: () => 'C2:C4' }],
    };
    sheet.rules = [userRule];
    const wb = GasWorkbook.active();
    wb.setOwnFormatRules('Accounts', [
      { ranges: ['A2:E4'], formula: '=$F2="alert"', background: '#d55e00', owner: 'kpi-lamp' },
    ]);
    wb.setOwnFormatRules('Accounts', [
      { ranges: ['A2:E4'], formula: '=$F2="warn"', background: '#e69f00', owner: 'kpi-lamp' },
    ]);
    const rules = wb.formatRules('Accounts');
    expect(rules).toHaveLength(2);
    expect(sheet.rules[0]).toBe(userRule);
    expect(rules[0].owner).toBe('user');
    // Read back as it was given (as the in-memory workbook does); stored with the marker that tells it is ours.
    expect(rules[1]).toEqual({ ranges: ['A2:E4'], formula: '=$F2="warn"', background: '#e69f00', owner: 'kpi-lamp' });
    const stored = sheet.rules[1] as { getBooleanCondition(): { getCriteriaValues(): string[] } };
    expect(stored.getBooleanCondition().getCriteriaValues()[0]).toBe(`=AND(${RULE_MARKER},$F2="warn")`);
  });
});

describe('GasWorkbook with many rows', () => {
  let undo: () => void;
  afterEach(() => undo());
  it('replaces 150,000 rows of its own sheet (no argument spread per row)', () => {
    const env = createDouble();
    undo = installGlobals(env);
    const wb = GasWorkbook.active();
    wb.ensureSheet('KPI Lamp Log', ['time', 'account_id']);
    const rows = Array.from({ length: 150000 }, (_, i) => [`2026-11-22T09:30:00`, `A${i}`]);
    expect(() => wb.replaceRows('KPI Lamp Log', rows)).not.toThrow();
    expect(wb.rowCount('KPI Lamp Log')).toBe(150000);
  });
});
