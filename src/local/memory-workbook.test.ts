import { MemoryStore, MemoryWorkbook, isFormula } from './memory-workbook';
import type { FormatRule } from '../ports/workbook';

function sample(): MemoryWorkbook {
  const wb = new MemoryWorkbook({ id: 'book', locale: 'ja' });
  wb.addSheet('Accounts', [['  account_id ', 'arr', 'plan'], ['A0001', 1000, 'Growth'], ['A0002', 2000], []]);
  return wb;
}

describe('MemoryWorkbook basics', () => {
  it('has id, locale and the Tokyo time zone by default', () => {
    const wb = sample();
    expect(wb.id()).toBe('book');
    expect(wb.locale()).toBe('ja');
    expect(wb.timeZone()).toBe('Asia/Tokyo');
    expect(new MemoryWorkbook().locale()).toBe('en');
    expect(new MemoryWorkbook().id()).toBe('memory');
    expect(new MemoryWorkbook({ timeZone: 'UTC' }).timeZone()).toBe('UTC');
  });

  it('lists sheets in the order they were added and returns null for a missing one', () => {
    const wb = sample();
    wb.addSheet('History', [['month']]);
    expect(wb.sheetNames()).toEqual(['Accounts', 'History']);
    expect(wb.readSheet('Nope')).toBeNull();
  });
});

describe('readSheet', () => {
  it('trims the header and pads rows to its width, dropping trailing blank rows', () => {
    expect(sample().readSheet('Accounts')).toEqual({
      name: 'Accounts',
      header: ['account_id', 'arr', 'plan'],
      rows: [
        ['A0001', 1000, 'Growth'],
        ['A0002', 2000, null],
      ],
    });
  });

  it('is as wide as the widest row, like a data range, with "" for a blank header cell', () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('S', [
      ['a', 'b'],
      [1, 2, 3],
      [null, null, null, null],
    ]);
    expect(wb.readSheet('S')).toEqual({ name: 'S', header: ['a', 'b', ''], rows: [[1, 2, 3]] });
  });

  it('keeps blank rows in the middle and reads header numbers and booleans as text', () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('S', [[2024, true, null, 'x'], [], [1]]);
    const table = wb.readSheet('S');
    expect(table?.header).toEqual(['2024', 'TRUE', '', 'x']);
    expect(table?.rows).toEqual([
      [null, null, null, null],
      [1, null, null, null],
    ]);
  });

  it('reads an empty sheet as no header and no rows', () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('Empty');
    expect(wb.readSheet('Empty')).toEqual({ name: 'Empty', header: [], rows: [] });
  });

  it('reads a formula through the evaluator, else its cached value, else null', () => {
    const grid = [
      ['x', 'y', 'z'],
      [2, { formula: '=A2*2' }, { formula: '=A2+1', cached: 3 }],
    ];
    const plain = new MemoryWorkbook();
    plain.addSheet('S', grid);
    expect(plain.readSheet('S')?.rows).toEqual([[2, null, 3]]);

    const calls: unknown[] = [];
    const evaluated = new MemoryWorkbook({
      evaluate: (sheet, row, col, formula, cached) => {
        calls.push([sheet, row, col, formula, cached]);
        return formula === '=A2*2' ? 4 : 'other';
      },
    });
    evaluated.addSheet('S', grid);
    expect(evaluated.readSheet('S')?.rows).toEqual([[2, 4, 'other']]);
    expect(calls).toEqual([
      ['S', 2, 2, '=A2*2', undefined],
      ['S', 2, 3, '=A2+1', 3],
    ]);
    expect(evaluated.value('S', 2, 2)).toBe(4);
  });

  it('does not share the grid with the caller', () => {
    const grid: (string | number | null)[][] = [['a'], [1]];
    const wb = new MemoryWorkbook();
    wb.addSheet('S', grid);
    grid[1][0] = 99;
    expect(wb.readSheet('S')?.rows).toEqual([[1]]);
    const copy = wb.grid('S');
    copy![1][0] = 5;
    expect(wb.cell('S', 2, 1)).toBe(1);
  });
});

describe('writeValues', () => {
  it('writes a block at a 1-based position, growing the grid', () => {
    const wb = sample();
    wb.writeValues('Accounts', 3, 3, [
      ['Enterprise', 'note'],
      [null, true],
    ]);
    expect(wb.readSheet('Accounts')).toEqual({
      name: 'Accounts',
      header: ['account_id', 'arr', 'plan', ''],
      rows: [
        ['A0001', 1000, 'Growth', null],
        ['A0002', 2000, 'Enterprise', 'note'],
        [null, null, null, true],
      ],
    });
  });

  it('stores text starting with "=" as plain text, never a formula', () => {
    const wb = new MemoryWorkbook({ evaluate: () => 'EVALUATED' });
    wb.addSheet('S', [['memo']]);
    wb.writeValues('S', 2, 1, [['=IMPORTXML("http://x", "//a")'], ['+1']]);
    const cell = wb.cell('S', 2, 1);
    expect(isFormula(cell)).toBe(false);
    expect(cell).toBe('=IMPORTXML("http://x", "//a")');
    expect(wb.readSheet('S')?.rows).toEqual([['=IMPORTXML("http://x", "//a")'], ['+1']]);
  });

  it('treats "" as a blank and rejects a missing sheet or a bad position', () => {
    const wb = sample();
    wb.writeValues('Accounts', 2, 1, [['']]);
    expect(wb.cell('Accounts', 2, 1)).toBeNull();
    expect(() => wb.writeValues('Nope', 1, 1, [[1]])).toThrow(/Nope/);
    expect(() => wb.writeValues('Accounts', 0, 1, [[1]])).toThrow();
  });

  it('cell() is null for a blank and undefined for a missing sheet', () => {
    const wb = sample();
    expect(wb.cell('Accounts', 99, 99)).toBeNull();
    expect(wb.cell('Nope', 1, 1)).toBeUndefined();
  });
});

describe('ensureSheet, replaceRows, deleteSheet', () => {
  it('creates a sheet with its header once', () => {
    const wb = new MemoryWorkbook();
    expect(wb.ensureSheet('KPI Lamp Log', ['time', 'event'])).toBe(true);
    expect(wb.ensureSheet('KPI Lamp Log', ['other'])).toBe(false);
    expect(wb.readSheet('KPI Lamp Log')).toEqual({ name: 'KPI Lamp Log', header: ['time', 'event'], rows: [] });
  });

  it('replaces every row below the header', () => {
    const wb = sample();
    wb.replaceRows('Accounts', [['B1', 5, '=x']]);
    expect(wb.readSheet('Accounts')?.rows).toEqual([['B1', 5, '=x']]);
    expect(isFormula(wb.cell('Accounts', 2, 3))).toBe(false);
    wb.replaceRows('Accounts', []);
    expect(wb.readSheet('Accounts')?.rows).toEqual([]);
    expect(() => wb.replaceRows('Nope', [])).toThrow();
  });

  it('deletes a sheet (and the selection on it); deleting a missing one is harmless', () => {
    const wb = sample();
    wb.select('Accounts', 'A2:C2');
    wb.deleteSheet('Accounts');
    wb.deleteSheet('Accounts');
    expect(wb.sheetNames()).toEqual([]);
    expect(wb.activeRange()).toBeNull();
  });
});

describe('format rules', () => {
  const ours = (formula: string): FormatRule => ({
    ranges: ['A2:C10'],
    formula,
    background: '#f4c7c3',
    owner: 'kpi-lamp',
  });

  it('replaces only KPI Lamp rules and keeps the user rules', () => {
    const wb = sample();
    wb.addUserFormatRule('Accounts', { ranges: ['B2:B'], formula: '=$B2>1000', background: '#ffffff' });
    wb.setOwnFormatRules('Accounts', [ours('=$N2="alert"'), ours('=$N2="warn"')]);
    wb.setOwnFormatRules('Accounts', [ours('=$N2="unknown"')]);
    expect(wb.formatRules('Accounts')).toEqual([
      { ranges: ['B2:B'], formula: '=$B2>1000', background: '#ffffff', owner: 'user' },
      ours('=$N2="unknown"'),
    ]);
  });

  it('marks what setOwnFormatRules stores as ours and hands out copies', () => {
    const wb = sample();
    wb.setOwnFormatRules('Accounts', [{ ...ours('=1'), owner: 'user' }]);
    const rules = wb.formatRules('Accounts');
    expect(rules[0].owner).toBe('kpi-lamp');
    rules[0].ranges.push('Z1');
    expect(wb.formatRules('Accounts')[0].ranges).toEqual(['A2:C10']);
    wb.setOwnFormatRules('Accounts', []);
    expect(wb.formatRules('Accounts')).toEqual([]);
  });
});

describe('stores, triggers, selection', () => {
  it('keeps document and user stores apart', () => {
    const wb = new MemoryWorkbook();
    wb.documentStore().set('tree', '{}');
    wb.userStore().set('lang', 'ja');
    expect(wb.documentStore().get('tree')).toBe('{}');
    expect(wb.documentStore().get('lang')).toBeNull();
    expect(wb.userStore().keys()).toEqual(['lang']);
    wb.userStore().delete('lang');
    expect(wb.userStore().keys()).toEqual([]);
    expect(new MemoryStore({ a: '1' }).get('a')).toBe('1');
  });

  it('installs and removes triggers', () => {
    const wb = new MemoryWorkbook();
    const daily = wb.installTrigger('runLamps', { every: 'day', hour: 7 });
    const hourly = wb.installTrigger('runLamps', { every: 'hour' });
    expect(daily.id).not.toBe(hourly.id);
    expect(wb.triggers()).toEqual([daily, hourly]);
    wb.removeTrigger(daily.id);
    wb.removeTrigger('no-such-id');
    expect(wb.triggers()).toEqual([hourly]);
  });

  it('selects a range on an existing sheet', () => {
    const wb = sample();
    expect(wb.activeRange()).toBeNull();
    wb.select('Accounts', 'A3:C3');
    expect(wb.activeRange()).toEqual({ sheet: 'Accounts', a1: 'A3:C3' });
    expect(() => wb.select('Nope', 'A1')).toThrow();
  });
});

describe('rowCount', () => {
  it('is readSheet().rows.length, found without copying the sheet (trailing blank rows, blank cells, empty sheets)', () => {
    const wb = new MemoryWorkbook();
    const grids: (string | number | null)[][][] = [
      [],
      [['h']],
      [
        ['h', 'i'],
        [1, null],
        [null, null],
        [null, 2],
        [null, null],
        ['', ''],
      ],
      [['h'], [null], ['  ']],
      [
        [null, null],
        [null, 'x'],
      ],
    ];
    grids.forEach((g, i) => {
      wb.addSheet(`S${i}`, g);
      expect(wb.rowCount(`S${i}`)).toBe(wb.readSheet(`S${i}`)!.rows.length);
    });
    expect(wb.rowCount('none')).toBeNull();
  });
});
