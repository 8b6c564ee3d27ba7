import * as fs from 'node:fs';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCsvFolder } from './load-workbook';
import { MemoryWorkbook } from './memory-workbook';
import { SaveError, saveSheetsAsCsv, toCsv, type SaveFs } from './save-csv';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-save-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every file of a folder with its bytes, hidden ones included. */
function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder)
      .sort()
      .map((f) => [f, readFileSync(join(folder, f)).toString('base64')]),
  );
}

/** node:fs, with the n-th call that changes the folder (write, rename, unlink) failing. */
function failingAt(n: number): SaveFs & { calls: number } {
  const io = {
    calls: 0,
    tick(op: string, path: string) {
      io.calls++;
      if (io.calls === n) throw Object.assign(new Error(`${op} ${path}: injected failure`), { code: 'EIO' });
    },
    writeFileSync(path: string, data: string) {
      io.tick('write', path);
      fs.writeFileSync(path, data);
    },
    readFileSync: (path: string) => fs.readFileSync(path),
    existsSync: (path: string) => fs.existsSync(path),
    renameSync(from: string, to: string) {
      io.tick('rename', to);
      fs.renameSync(from, to);
    },
    unlinkSync(path: string) {
      io.tick('unlink', path);
      fs.unlinkSync(path);
    },
  };
  return io;
}

function book(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  wb.addSheet('KPI Lamp Tree', [
    ['id', 'name'],
    ['kgi', 'New name'],
    ['x', '=y'],
  ]);
  wb.addSheet('KPI Lamp Settings', [
    ['key', 'value'],
    ['max_lag', 4],
  ]);
  return wb;
}

describe('saveSheetsAsCsv: all or nothing', () => {
  it.each([
    [
      'both files there',
      {
        'KPI Lamp Tree.csv': 'id,name\nkgi,Old\n',
        'KPI Lamp Settings.csv': 'key,value\nmax_lag,6\n',
        'Accounts.csv': 'a\n1\n',
      },
    ],
    ['neither file there', { 'Accounts.csv': 'a\n1\n' }],
    ['only the first there', { 'KPI Lamp Tree.csv': 'id,name\nkgi,Old\n' }],
  ])('a failure at any write, rename or clean-up leaves the folder as it was (%s)', (_label, files) => {
    const folder = join(dir, 'book');
    mkdirSync(folder);
    for (const [f, text] of Object.entries(files)) writeFileSync(join(folder, f), text);
    const original = snapshot(folder);
    let completed = false;
    let failures = 0;
    for (let n = 1; n < 50 && !completed; n++) {
      const io = failingAt(n);
      try {
        saveSheetsAsCsv(book(), folder, ['KPI Lamp Tree', 'KPI Lamp Settings'], io);
        completed = true;
      } catch (e) {
        failures++;
        expect(e).toBeInstanceOf(SaveError);
        expect((e as SaveError).file).toMatch(/KPI Lamp (Tree|Settings)\.csv$/);
        expect({ n, folder: snapshot(folder) }).toEqual({ n, folder: original });
      }
    }
    expect(completed).toBe(true);
    expect(failures).toBeGreaterThanOrEqual(4); // two writes, two renames
    const saved = loadCsvFolder(folder);
    expect(saved.readSheet('KPI Lamp Tree')!.rows).toEqual([
      ['kgi', 'New name'],
      ['x', "'=y"],
    ]);
    expect(saved.readSheet('KPI Lamp Settings')!.rows).toEqual([['max_lag', 4]]);
    expect(readdirSync(folder).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('toCsv', () => {
  it('quotes what needs quotes and neutralises formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', '=1+1'],
          [' pad', 'say "hi"'],
          [true, null],
        ],
      ),
    ).toBe('a,b\n"x,y",\'=1+1\n" pad","say ""hi"""\nTRUE,\n');
  });
});
