/** The playground's small formula subset (src/playground/formulas.ts) and the built functions in a vm (functions-vm.ts). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvCells } from '../../src/local/load-workbook';
import { MemoryWorkbook, type StoredCell } from '../../src/local/memory-workbook';
import type { CellValue } from '../../src/ports/workbook';
import {
  displayGrid,
  FormulaEngine,
  MAX_RANGE_CELLS,
  type Arg,
  type CellSource,
  type FunctionHost,
} from '../../src/playground/formulas';
import { customFunctionNamesIn, loadFunctionHost } from '../../src/playground/functions-vm';
import { DIST } from '../helpers/apps-script-vm';

function sourceOf(wb: MemoryWorkbook): CellSource {
  return {
    sheetNames: () => wb.sheetNames(),
    cell: (s, r, c) => wb.cell(s, r, c),
    size: (s) => {
      const g = wb.grid(s) ?? [];
      return { rows: g.length, columns: Math.max(0, ...g.map((r) => r.length)) };
    },
  };
}

/** A host that records what it was given and answers with `answer`. */
function recorder(answer: (name: string, args: Arg[]) => CellValue | CellValue[][] = () => 1) {
  const calls: { name: string; args: Arg[] }[] = [];
  const host: FunctionHost = {
    names: new Set(['ECHO', 'TABLE', 'FAIL']),
    call(name, args) {
      calls.push({ name, args });
      if (name === 'FAIL') throw new Error('FAIL: scores row 2 is "x", not a number');
      return answer(name, args);
    },
  };
  return { host, calls };
}

const f = (formula: string): StoredCell => ({ formula });

describe('FormulaEngine', () => {
  function run(
    grid: StoredCell[][],
    formula: string,
    answer?: Parameters<typeof recorder>[0],
    extra?: (wb: MemoryWorkbook) => void,
  ) {
    const wb = new MemoryWorkbook();
    wb.addSheet('S', grid);
    extra?.(wb);
    const { host, calls } = recorder(answer);
    const engine = new FormulaEngine(sourceOf(wb), host);
    return { result: engine.evaluate('S', 99, 1, formula), calls };
  }

  it('passes a range as a 2-D array with blanks as "", a single cell as a bare value, and literals as they are', () => {
    const grid: StoredCell[][] = [
      ['h', 'g'],
      [1, 'a'],
      [null, true],
      ['2024-03-31', ''],
    ];
    const { result, calls } = run(grid, '=ECHO(A2:B4, A2, "say ""hi""", TRUE, false, -1.5e1, , B3, A3, 50%)');
    expect(result).toEqual({ kind: 'value', value: 1 });
    expect(calls[0].args).toEqual([
      [
        [1, 'a'],
        ['', true],
        [{ date: '2024-03-31' }, ''],
      ],
      1,
      'say "hi"',
      true,
      false,
      -15,
      undefined,
      true,
      '',
      0.5,
    ]);
  });

  it('reads other sheets, quoted names included, and whole columns', () => {
    const { calls } = run([['x']], "=ECHO('My sheet'!A1:A2, Other!B:B)", undefined, (wb) => {
      wb.addSheet('My sheet', [[1], [2]]);
      wb.addSheet('Other', [
        ['a', 'b'],
        [null, 'c'],
      ]);
    });
    expect(calls[0].args).toEqual([
      [[1], [2]],
      [['b'], ['c']],
    ]);
  });

  it('computes simple arithmetic as Sheets does: 1-(B13/B2)^(1/12), unary minus before ^, % and &', () => {
    const grid: StoredCell[][] = [['n'], [400], [200]];
    const echo = (_n: string, a: Arg[]) => a[0] as number;
    expect(run(grid, '=ECHO(1-(A3/A2)^(1/12))', echo).result).toEqual({
      kind: 'value',
      value: 1 - Math.pow(0.5, 1 / 12),
    });
    expect(run(grid, '=-2^2').result).toEqual({ kind: 'value', value: 4 });
    expect(run(grid, '=A2*10%+1').result).toEqual({ kind: 'value', value: 41 });
    expect(run(grid, '=A1&"-"&A2&TRUE').result).toEqual({ kind: 'value', value: 'n-400TRUE' });
    expect(run(grid, '=A2/0').result).toMatchObject({ kind: 'error', code: '#DIV/0!' });
    expect(run(grid, '=A1+1').result).toMatchObject({ kind: 'error', code: '#VALUE!' });
    expect(run(grid, '=A2:A3*2').result).toMatchObject({
      kind: 'error',
      code: '#VALUE!',
      note: { key: 'playground.cell.range_in_arithmetic' },
    });
  });

  it('refuses a range past MAX_RANGE_CELLS, naming it, before reading a cell', () => {
    const { result, calls } = run([['n'], [1]], '=ECHO(A2:A99999999)');
    expect(result).toEqual({
      kind: 'error',
      code: '#REF!',
      note: {
        key: 'playground.cell.range_too_large',
        params: { ref: 'A2:A99999999', cells: '99,999,998', max: MAX_RANGE_CELLS.toLocaleString('en-US') },
      },
    });
    expect(calls).toEqual([]);
    expect(run([['n'], [1]], '=ECHO(A1:J100000)').result).toMatchObject({ kind: 'value' }); // exactly the ceiling
    expect(run([['n'], [1]], '=ECHO(A1:J100001)').result).toMatchObject({ kind: 'error', code: '#REF!' });
  });

  it('passes a CSV cell as Sheets would have imported it, and shows its text', () => {
    const cells = new CsvCells();
    const grid: StoredCell[][] = [
      ['rate', 'flag'],
      [cells.cell('80%'), cells.cell('TRUE')],
      [cells.cell('1,234'), cells.cell('2027/4/5')],
    ];
    const { calls } = run(grid, '=ECHO(A2:B3)');
    expect(calls[0].args).toEqual([
      [
        [0.8, true],
        [1234, { date: '2027-04-05' }],
      ],
    ]);
    expect(run(grid, '=A2*100').result).toEqual({ kind: 'value', value: 80 });
    const wb = new MemoryWorkbook();
    wb.addSheet('S', grid);
    expect(displayGrid(new FormulaEngine(sourceOf(wb), recorder().host), 'S', wb.grid('S')!)[1]).toEqual([
      { v: '80%' },
      { v: 'TRUE' },
    ]);
  });

  it('says what it does not compute, and uses the value an .xlsx file saved for it when there is one', () => {
    for (const formula of ['=SUM(A1:A3)', '=A1>1', '={1,2}', '=myRange', '=IF(TRUE,1,2)']) {
      expect({ formula, r: run([[1]], formula).result }).toMatchObject({
        formula,
        r: { kind: 'unsupported', note: { key: 'playground.cell.unsupported' } },
      });
    }
    const wb = new MemoryWorkbook();
    wb.addSheet('S', [[{ formula: '=SUM(B1:B2)', cached: 7 }]]);
    const engine = new FormulaEngine(sourceOf(wb), recorder().host);
    const grid = displayGrid(engine, 'S', wb.grid('S')!);
    expect(grid[0][0]).toMatchObject({ v: 7, k: 'c', f: '=SUM(B1:B2)' });
  });

  it("shows a function's error as #ERROR! with its message, and passes errors of referenced cells on", () => {
    expect(run([[1]], '=FAIL(A1)').result).toEqual({
      kind: 'error',
      code: '#ERROR!',
      note: { text: 'FAIL: scores row 2 is "x", not a number' },
    });
    const wb = new MemoryWorkbook();
    wb.addSheet('S', [[f('=FAIL(1)'), f('=ECHO(A1)')]]);
    const engine = new FormulaEngine(sourceOf(wb), recorder().host);
    expect(engine.evaluate('S', 1, 2, '=ECHO(A1)')).toMatchObject({ kind: 'error', code: '#ERROR!' });
  });

  it('finds circular references', () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('S', [[f('=ECHO(B1)'), f('=ECHO(A1)')]]);
    const engine = new FormulaEngine(sourceOf(wb), recorder().host);
    const grid = displayGrid(engine, 'S', wb.grid('S')!);
    expect(grid[0][0]).toMatchObject({ k: 'e', v: '#REF!' });
  });
});

describe('displayGrid', () => {
  const table = () => [
    ['alpha', 'beta'],
    [1, 2],
  ];

  it('spills a returned table right and down from its cell', () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('S', [['x', f('=TABLE(1)')], ['y']]);
    const engine = new FormulaEngine(sourceOf(wb), recorder(() => table()).host);
    const grid = displayGrid(engine, 'S', wb.grid('S')!);
    expect(grid[0][1]).toEqual({ v: 'alpha', k: 'f', f: '=TABLE(1)' });
    expect(grid[0][2]).toEqual({ v: 'beta', k: 's', f: '=TABLE(1)', at: 'B1' });
    expect(grid[1][1]).toEqual({ v: 1, k: 's', f: '=TABLE(1)', at: 'B1' });
    expect(grid[1][2]).toMatchObject({ v: 2, k: 's' });
    expect(grid[1][0]).toEqual({ v: 'y' });
    // What the workbook port reads for the formula's cell: the top-left value.
    expect(engine.valueAt('S', 1, 2)).toBe('alpha');
  });

  it('refuses to spill over data (#REF!, naming the cell), as Sheets does', () => {
    const wb = new MemoryWorkbook();
    wb.addSheet('S', [[f('=TABLE(1)')], [null, 'in the way']]);
    const engine = new FormulaEngine(sourceOf(wb), recorder(() => table()).host);
    const grid = displayGrid(engine, 'S', wb.grid('S')!);
    expect(grid[0][0]).toEqual({
      v: '#REF!',
      k: 'e',
      f: '=TABLE(1)',
      n: { key: 'playground.cell.spill_blocked', params: { cell: 'B2' } },
    });
    expect(grid[1][1]).toEqual({ v: 'in the way' });
  });
});

describe('functions-vm: dist/Code.js called as Sheets calls it', () => {
  const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
  const host = loadFunctionHost(code);

  it('knows the custom functions of the build, and only those', () => {
    expect([...host.names]).toEqual(['NPS', 'LTV', 'LTV_SBG', 'LEADLAG', 'MRR_MOVEMENTS', 'ONBOARDING_RATE']);
    expect(() => host.call('onOpen', [])).toThrow("Unknown function: 'onOpen'.");
  });

  it('returns values and tables; a function error is its message', () => {
    const out = host.call('LTV_SBG', [
      [[1000], [869], [743], [653], [593], [551], [517], [491]],
      100,
      0.1,
    ]) as CellValue[][];
    expect(out[0]).toEqual(['alpha', 'beta', 'expected_lifetime', 'ltv']);
    expect(out[1][0]).toBeCloseTo(0.668, 3);
    expect(out[1][1]).toBeCloseTo(3.806, 3);
    expect(host.call('LTV', [49, 0.8, 0.03, undefined, undefined])).toBeCloseTo(1306.67, 2);
    expect(() => host.call('NPS', [[[9], ['N/A']]])).toThrow('NPS: scores row 2 is "N/A", not a number from 0 to 10');
  });

  it('passes dates as Dates of the script, returns Dates as ISO text, and stops a call at the time limit', () => {
    const extra = `${code}
/**
 * Test. Example: =KIND(A1)
 * @param {Date} x A value.
 * @return {string} Its kind.
 * @customfunction
 */
function KIND(x) { return [[Object.prototype.toString.call(x), new Date(2027, 2, 31)]]; }
/**
 * Test. Example: =SPIN(1)
 * @param {number} x Anything.
 * @return {number} Never.
 * @customfunction
 */
function SPIN(x) { for (;;) {} }`;
    expect(customFunctionNamesIn(extra)).toEqual([
      'NPS',
      'LTV',
      'LTV_SBG',
      'LEADLAG',
      'MRR_MOVEMENTS',
      'ONBOARDING_RATE',
      'KIND',
      'SPIN',
    ]);
    const h = loadFunctionHost(extra, { timeoutMs: 200 });
    expect(h.call('KIND', [{ date: '2024-03-31' }])).toEqual([['[object Date]', '2027-03-31']]);
    expect(() => h.call('SPIN', [1])).toThrow('Exceeded maximum execution time');
  });
});
