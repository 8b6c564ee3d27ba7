import { constants } from 'node:buffer';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import {
  CsvCells,
  decodeCsvBytes,
  isoDateText,
  loadWorkbook,
  parseCsv,
  QuoteCheck,
  sheetFiles,
  typeCsvCell,
  WorkbookError,
  type WorkbookErrorCode,
} from './load-workbook';
import fc from 'fast-check';
import { numberFromCell } from '../core/table';
import type { CellValue } from '../ports/workbook';
import { type ImportedText, isFormula, portValue } from './memory-workbook';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-load-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function folder(files: Record<string, string | Uint8Array>, name = 'book'): string {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(path, file), content);
  return path;
}

async function loadError(path: string): Promise<WorkbookError> {
  try {
    await loadWorkbook(path);
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookError);
    return e as WorkbookError;
  }
  throw new Error(`${path} loaded without an error`);
}

async function expectError(path: string, code: WorkbookErrorCode, message: RegExp): Promise<WorkbookError> {
  const e = await loadError(path);
  expect(e.code).toBe(code);
  expect(e.message).toMatch(message);
  expect(e.messageIn('ja')).not.toBe(e.message);
  expect(e.messageIn('ja')).not.toMatch(/\{[a-z]+\}/);
  return e;
}

/** Bytes from hex text, for CP932 fixtures. */
function hex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}
const ascii = (s: string) => Buffer.from(s, 'latin1');

describe('typeCsvCell', () => {
  it.each([
    ['', null],
    ['   ', null],
    ['TRUE', true],
    ['false', false],
    ['True', true],
    ['12', 12],
    ['-3.5', -3.5],
    ['+7', 7],
    ['.5', 0.5],
    ['0', 0],
    ['-0', 0],
    ['0.25', 0.25],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
    [' 42 ', 42],
    ['1,234', 1234],
    ['-1,234,567.5', -1234567.5],
    ['80%', 0.8],
    ['14.3%', 0.143],
    ['-2.5%', -0.025],
    ['100%', 1],
    ['1,200%', 12],
    ['123456789012345', 123456789012345],
  ])('%j → %j', (text, value) => {
    expect(typeCsvCell(text)).toBe(value);
  });

  it.each([
    'A0001',
    '00123',
    '0123',
    '-05',
    '1,23',
    '12,3456',
    '1.2.3',
    '0x1F',
    '1234567890123456',
    'Infinity',
    'NaN',
    '1e',
    '12 345',
    '１２',
    '%',
    '80 %x',
    '2024-11',
    'TRUEish',
    '=',
    '株式会社サクラ',
    ' padded text ',
  ])('%j stays text', (text) => {
    expect(typeCsvCell(text)).toBe(text);
  });

  it('reads dates as ISO text', () => {
    expect(typeCsvCell('2027-04-05')).toBe('2027-04-05');
    expect(typeCsvCell('2027/4/5')).toBe('2027-04-05');
    expect(typeCsvCell('2027/04/05 9:30')).toBe('2027-04-05T09:30:00');
    expect(typeCsvCell('2027-04-05 00:00:00')).toBe('2027-04-05');
    expect(typeCsvCell('2027-04-05T23:59:59')).toBe('2027-04-05T23:59:59');
    expect(isoDateText('2027-02-29')).toBeNull();
    expect(isoDateText('2028-02-29')).toBe('2028-02-29');
    expect(isoDateText('2027-13-01')).toBeNull();
    expect(isoDateText('2027-04/05')).toBeNull();
    expect(typeCsvCell('2027-02-30')).toBe('2027-02-30');
  });

  it('reads "=..." as a formula', () => {
    expect(typeCsvCell('=SUM(A1:A3)')).toEqual({ formula: '=SUM(A1:A3)' });
  });
});

describe('parseCsv', () => {
  it('keeps the header as text, quotes, CRLF, embedded newlines, ragged rows', () => {
    const grid = parseCsv('id,2024-01,TRUE\r\n"A,1","line1\nline2",1\r\n00123\r\n');
    expect(grid).toEqual([['id', '2024-01', 'TRUE'], ['A,1', 'line1\nline2', 1], ['00123']]);
  });

  it('says where an unclosed quote starts', () => {
    try {
      parseCsv('a,b\n1,2\n"x,3\n4,5\n6,7\n', { path: 'p', file: 'p/S.csv' });
      throw new Error('parsed');
    } catch (e) {
      expect(e).toBeInstanceOf(WorkbookError);
      expect((e as WorkbookError).code).toBe('unparsable');
      expect((e as WorkbookError).params.line).toBe(3);
      expect((e as WorkbookError).message).toBe('p/S.csv, line 3: a quoted field starts here and is never closed');
    }
  });
});

describe('parseCsv: never a shorter table', () => {
  const accounts = (n: number) => Array.from({ length: n }, (_, i) => `A${i + 1},name ${i + 1},${i + 1}`);

  it('reads every record whatever the line endings, mixed in one file', () => {
    const rows = accounts(300);
    const endings = ['\r\n', '\n', '\r'];
    // Header in CRLF (what csv-parse used to take for the whole file's ending), then mixed.
    const mixed = `id,name,v\r\n${rows.map((r, i) => r + endings[i % 3]).join('')}`;
    const plain = `id,name,v\n${rows.join('\n')}\n`;
    expect(parseCsv(mixed)).toHaveLength(301);
    expect(parseCsv(mixed)).toEqual(parseCsv(plain));
    // A quoted cell keeps its own line breaks as they are.
    expect(parseCsv('a,b\r\n"x\ny\r\nz",1\n2,3\r4,5')).toEqual([
      ['a', 'b'],
      ['x\ny\r\nz', 1],
      [2, 3],
      [4, 5],
    ]);
  });

  function unparsable(text: string): WorkbookError {
    try {
      parseCsv(text, { path: 'p', file: 'p/Accounts.csv' });
    } catch (e) {
      expect(e).toBeInstanceOf(WorkbookError);
      expect((e as WorkbookError).code).toBe('unparsable');
      expect((e as WorkbookError).messageIn('ja')).not.toMatch(/\{[a-z]+\}/);
      return e as WorkbookError;
    }
    throw new Error('parsed');
  }

  it('refuses a stray quote that would swallow the rows down to the next quote, naming both lines', () => {
    const rows = accounts(300);
    rows[9] = 'A10,"name 10,10'; // line 11
    rows[36] = 'A37,27" monitor,37'; // line 38
    const e = unparsable(`id,name,v\n${rows.join('\n')}\n`);
    expect(e.reason).toBe('stray_quote');
    expect(e.params.line).toBe(38);
    expect(e.params.opened).toBe(11);
    expect(e.message).toBe(
      'p/Accounts.csv, line 38: the quoted field that opens on line 11 closes here, followed by " monitor,3", so lines 11–38 would become one cell; look for a stray quote (") on line 11, or write a quote inside quotes as two quotes ("")',
    );
    expect(e.messageIn('ja')).toContain('11〜38 行目');
  });

  it('refuses a quoted field closed by a quote followed by text on the same line', () => {
    const e = unparsable('id,name\nA1,"27" monitor"\n');
    expect(e.reason).toBe('closing_quote');
    expect(e.params.line).toBe(2);
  });

  it('refuses a quote never closed, naming the line it opens on', () => {
    const rows = accounts(40);
    rows[9] = 'A10,"name 10,10';
    const e = unparsable(`id,name,v\n${rows.join('\n')}\n`);
    expect(e.reason).toBe('unclosed_quote');
    expect(e.params.line).toBe(11);
  });

  it('keeps a quote inside an unquoted field as a character, and "" inside quotes as one quote', () => {
    expect(parseCsv('id,name\nA1,27" monitor\nA2,"27"" monitor"\nA3, "x"\n')).toEqual([
      ['id', 'name'],
      ['A1', '27" monitor'],
      ['A2', '27" monitor'],
      ['A3', ' "x"'],
    ]);
  });
});

describe('QuoteCheck: the quote check in pieces (DuckDB engine)', () => {
  /** The verdict on a text: null when it passes, else the error's message. */
  const verdict = (pieces: string[]) => {
    const check = new QuoteCheck({ path: 'book', file: 'S.csv' });
    try {
      for (const p of pieces) check.feed(p);
      check.end();
      return { error: null, bareCr: check.bareCr, firstRecordEnd: check.firstRecordEnd };
    } catch (e) {
      return { error: (e as Error).message, bareCr: null, firstRecordEnd: null };
    }
  };
  it('gives the same verdict, line and text after the quote, whole or cut anywhere', () => {
    const cell = fc.constantFrom('a', '"', '""', ',', '\n', '\r', '\r\n', 'x"y', ' ', 'é', '"q"');
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 8 }), (cells, cuts) => {
        const text = cells.join('');
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const pieces = [...at, text.length].map((end, i) => text.slice(i === 0 ? 0 : at[i - 1], end));
        const whole = verdict([text]);
        expect(verdict(pieces)).toEqual(whole);
        // And the same as the loader's own check.
        let loader: string | null = null;
        try {
          parseCsv(text, { path: 'book', file: 'S.csv' });
        } catch (e) {
          loader = e instanceof WorkbookError && e.code === 'unparsable' && e.reason ? e.message : loader;
        }
        if (loader !== null) expect(whole.error).toBe(loader);
        if (whole.error !== null) return;
        // Its copy with lone CRs as LF (the DuckDB engine's): the same however cut, and the same grid.
        const copy = (parts: string[]) => {
          let out = '';
          const check = new QuoteCheck({ path: 'book' }, (t) => (out += t));
          for (const p of parts) check.feed(p);
          check.end();
          return out;
        };
        const copied = copy([text]);
        expect(copy(pieces)).toBe(copied);
        if (!text.includes('"')) expect(copied).not.toMatch(/\r(?!\n)/);
        // The header row as the DuckDB engine cuts it: the whole text's first record.
        const head = parseCsv(text.slice(0, whole.firstRecordEnd === null ? text.length : whole.firstRecordEnd + 1))[0];
        expect(head).toEqual(parseCsv(text)[0]);
        expect(parseCsv(copied)).toEqual(parseCsv(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('CSV cells keep their identity', () => {
  it('reads ids and names exactly as written; a KPI column still reads numbers by the contract', () => {
    const grid = parseCsv(
      'account_id,account_name,login_rate,churned\n1.1,80%,80%,TRUE\n1.10,"1,234",0.75,false\n2,0.10,"1,234",1\n3,true,.5,0\n4,2027/4/5,1e-1,\n5,\'=SUM(A1),-0,\n',
    );
    const table = {
      name: 'Accounts',
      header: grid[0].map(String),
      rows: grid.slice(1).map((r) => r.map((c) => portValue(c as CellValue | ImportedText))),
    };
    expect(table.rows.map((r) => String(r[0]))).toEqual(['1.1', '1.10', '2', '3', '4', '5']);
    expect(table.rows.map((r) => r[1])).toEqual(['80%', '1,234', '0.10', 'true', '2027/4/5', "'=SUM(A1)"]);
    expect(table.rows.map((r) => numberFromCell(r[2]))).toEqual([0.8, 0.75, 1234, 0.5, 0.1, 0]);
    expect(table.rows.map((r) => numberFromCell(r[3]))).toEqual([1, 0, 1, 0, null, null]);
  });

  it('a cell reads back as the very text of the file, whatever the text', () => {
    const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.double({ noNaN: true }).map(String),
          fc.constantFrom(
            '1.10',
            '0.10',
            '-0',
            '+7',
            '.5',
            '1e3',
            '80%',
            '1,234',
            'TRUE',
            'false',
            '2027/4/5',
            '2027-04-05',
            '00123',
            ' 42 ',
          ),
        ),
        (text) => {
          const cell = parseCsv(`h\n${csvField(text)}\n`)[1][0];
          fc.pre(text.trim() !== '' && !text.trim().startsWith('='));
          expect(isFormula(cell)).toBe(false);
          expect(String(portValue(cell as CellValue | ImportedText))).toBe(text);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('shares one ImportedText per distinct text', () => {
    const cells = new CsvCells();
    expect(cells.cell('TRUE')).toBe(cells.cell('TRUE'));
    expect(cells.cell('0.5')).toBe(0.5);
    expect(cells.cell('A0001')).toBe('A0001');
    expect(Object.isFrozen(cells.cell('80%'))).toBe(true);
  });
});

describe('decodeCsvBytes', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeCsvBytes(Buffer.from('name\n株式会社サクラ\n', 'utf8'))).toBe('name\n株式会社サクラ\n');
    expect(decodeCsvBytes(Buffer.concat([hex('efbbbf'), Buffer.from('name\n', 'utf8')]))).toBe('name\n');
  });

  it('reads CP932, with its NEC extensions', () => {
    // 株式会社サクラ / ソフト① : ソ's second byte is 0x5c, a backslash in ASCII.
    expect(decodeCsvBytes(hex('8a948eae89ef8ed0 8354834e8389'))).toBe('株式会社サクラ');
    expect(decodeCsvBytes(hex('835c83748367 8740'))).toBe('ソフト①');
  });

  it('a file longer than the longest text Node can hold is refused as too large, not as a wrong encoding', () => {
    // Zero-filled and never touched by the check: no memory is used for it.
    const bytes = Buffer.alloc(constants.MAX_STRING_LENGTH + 1);
    let error: unknown = null;
    try {
      decodeCsvBytes(bytes, { path: 'book', file: 'book/Snapshots.csv', sheet: 'Snapshots' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WorkbookError);
    const e = error as WorkbookError;
    expect(e.code).toBe('too_large');
    expect(e.message).toBe(
      'book/Snapshots.csv: 536,870,889 bytes, more than the 536,870,888 one CSV file can hold here; split it (by year, for example) or keep only the months you need',
    );
    expect(e.messageIn('ja')).toBe(
      'book/Snapshots.csv: 536,870,889 バイトあり、1 つの CSV ファイルの上限 536,870,888 バイトを超えています。ファイルを(年ごとなどに)分けるか、必要な月だけを残してください',
    );
  });

  it('in a folder, such a file is refused before it is read (a sparse file: no disk, no memory)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kpi-lamp-huge-'));
    try {
      writeFileSync(join(folder, 'Accounts.csv'), 'account_id\nA1\n');
      writeFileSync(join(folder, 'Snapshots.csv'), '');
      truncateSync(join(folder, 'Snapshots.csv'), constants.MAX_STRING_LENGTH + 1);
      await expect(loadWorkbook(folder)).rejects.toMatchObject({
        code: 'too_large',
        params: { sheet: 'Snapshots', bytes: '536,870,889' },
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('loadWorkbook: CSV folders', () => {
  it('loads one sheet per CSV, each cell reading back as its text, in file-name order', async () => {
    const path = folder({
      'Accounts.csv':
        'account_id , account_name,arr,active,login_rate_30d,renewal_date,score\nA0001,Aoba,"3,384,000",TRUE,80%,2027-04-05,=B2\n00123,Sakura,12,false,0.5,,\n',
      'History.csv': '\ufeffmonth,churn_rate\n2024-01,0.0321\n2024-02,0.0352\n',
      'notes.txt': 'not a sheet',
      '.hidden.csv': 'x\n1\n',
    });
    const wb = await loadWorkbook(path, { locale: 'ja' });
    expect(wb.id()).toBe(path);
    expect(wb.locale()).toBe('ja');
    expect(wb.sheetNames()).toEqual(['Accounts', 'History']);
    expect(wb.readSheet('Accounts')).toEqual({
      name: 'Accounts',
      header: ['account_id', 'account_name', 'arr', 'active', 'login_rate_30d', 'renewal_date', 'score'],
      rows: [
        ['A0001', 'Aoba', '3,384,000', 'TRUE', '80%', '2027-04-05', null],
        ['00123', 'Sakura', 12, 'false', 0.5, null, null],
      ],
    });
    // What Sheets would import, for the playground's formulas.
    expect(wb.cell('Accounts', 2, 3)).toEqual({ text: '3,384,000', imported: 3384000 });
    expect(wb.cell('Accounts', 2, 4)).toEqual({ text: 'TRUE', imported: true });
    expect(wb.cell('Accounts', 2, 5)).toEqual({ text: '80%', imported: 0.8 });
    expect(wb.cell('Accounts', 2, 7)).toEqual({ formula: '=B2' });
    expect(isFormula(wb.cell('Accounts', 2, 7))).toBe(true);
    expect(wb.readSheet('History')?.header).toEqual(['month', 'churn_rate']);
    expect(wb.readSheet('History')?.rows).toEqual([
      ['2024-01', 0.0321],
      ['2024-02', 0.0352],
    ]);
  });

  it('reads a CP932 file with Japanese names and a Japanese sheet name', async () => {
    const header = Buffer.concat([ascii('account_id,'), hex('8cda8b7196bc'), ascii(',plan\r\n')]); // 顧客名
    const row1 = Buffer.concat([ascii('A0002,'), hex('8a948eae89ef8ed0 8354834e8389'), ascii(',Growth\r\n')]); // 株式会社サクラ
    const row2 = Buffer.concat([ascii('A0003,"'), hex('835c83748367'), ascii('",Enterprise\r\n')]); // "ソフト"
    const path = folder({ '顧客.csv': Buffer.concat([header, row1, row2]) });
    const wb = await loadWorkbook(path);
    expect(wb.sheetNames()).toEqual(['顧客']);
    expect(wb.readSheet('顧客')).toEqual({
      name: '顧客',
      header: ['account_id', '顧客名', 'plan'],
      rows: [
        ['A0002', '株式会社サクラ', 'Growth'],
        ['A0003', 'ソフト', 'Enterprise'],
      ],
    });
  });

  it('names a sheet in composed form even when the file name is decomposed (macOS)', async () => {
    const nfd = 'データ'.normalize('NFD');
    expect(nfd).not.toBe('データ');
    const path = folder({ [`${nfd}.csv`]: 'a\n1\n' });
    const wb = await loadWorkbook(path);
    expect(wb.sheetNames()).toEqual(['データ']);
  });

  it('loads a UTF-8 file with a BOM as the same sheet as without', async () => {
    const body = 'account_name\n株式会社サクラ\n';
    const withBom = await loadWorkbook(folder({ 'S.csv': Buffer.concat([hex('efbbbf'), Buffer.from(body)]) }, 'a'));
    const without = await loadWorkbook(folder({ 'S.csv': body }, 'b'));
    expect(withBom.readSheet('S')).toEqual(without.readSheet('S'));
    expect(withBom.readSheet('S')?.header).toEqual(['account_name']);
  });
});

describe('loadWorkbook: .xlsx', () => {
  async function writeXlsx(build: (book: ExcelJS.Workbook) => void, name = 'book.xlsx'): Promise<string> {
    const book = new ExcelJS.Workbook();
    build(book);
    const path = join(dir, name);
    await book.xlsx.writeFile(path);
    return path;
  }

  it('reads numbers, booleans, text, dates and formulas with their cached values', async () => {
    const path = await writeXlsx((book) => {
      const ws = book.addWorksheet('Accounts');
      ws.addRow([' account_id', 'arr', 'active', 'renewal_date', 'double', 'note', 'link', 'uncached']);
      ws.addRow([
        'A0001',
        1000,
        true,
        new Date(Date.UTC(2027, 3, 5)),
        { formula: 'B2*2', result: 2000 },
        { richText: [{ text: '株式会社' }, { text: 'サクラ' }] },
        { text: 'site', hyperlink: 'https://example.com' },
        { formula: 'B2+1' },
      ]);
      ws.addRow(['00123', 0.25, false, new Date(Date.UTC(2027, 3, 5, 9, 30)), null, '=not a formula']);
      book.addWorksheet('Monthly').addRow(['month', 'churn_rate']);
      book.addWorksheet('Blank');
    });
    const wb = await loadWorkbook(path, { locale: 'en_US' });
    expect(wb.id()).toBe(path);
    expect(wb.sheetNames()).toEqual(['Accounts', 'Monthly', 'Blank']);
    expect(wb.readSheet('Accounts')).toEqual({
      name: 'Accounts',
      header: ['account_id', 'arr', 'active', 'renewal_date', 'double', 'note', 'link', 'uncached'],
      rows: [
        ['A0001', 1000, true, '2027-04-05', 2000, '株式会社サクラ', 'site', null],
        ['00123', 0.25, false, '2027-04-05T09:30:00', null, '=not a formula', null, null],
      ],
    });
    expect(wb.cell('Accounts', 2, 5)).toEqual({ formula: '=B2*2', cached: 2000 });
    expect(wb.cell('Accounts', 2, 8)).toEqual({ formula: '=B2+1' });
    expect(isFormula(wb.cell('Accounts', 3, 6))).toBe(false);
    expect(wb.readSheet('Monthly')).toEqual({ name: 'Monthly', header: ['month', 'churn_rate'], rows: [] });
    expect(wb.readSheet('Blank')).toEqual({ name: 'Blank', header: [], rows: [] });
  });

  it('reads a sheet named History, which exceljs itself refuses (Google Sheets exports it)', async () => {
    const made = await writeXlsx((book) => {
      book.addWorksheet('Accounts').addRow(['account_id']);
      const ws = book.addWorksheet('XHistoryX');
      ws.addRow(['month', 'churn_rate']);
      ws.addRow(['2024-01', 0.03]);
      book.addWorksheet('KPI Lamp History').addRow(['x']);
    });
    // Rename the sheet in the package, as a Google Sheets export names it.
    const files = unzipSync(readFileSync(made));
    files['xl/workbook.xml'] = strToU8(
      strFromU8(files['xl/workbook.xml']).replace('name="XHistoryX"', 'name="History"'),
    );
    const path = join(dir, 'export.xlsx');
    writeFileSync(path, zipSync(files));
    const wb = await loadWorkbook(path);
    expect(wb.sheetNames()).toEqual(['Accounts', 'History', 'KPI Lamp History']);
    expect(wb.readSheet('History')).toEqual({
      name: 'History',
      header: ['month', 'churn_rate'],
      rows: [['2024-01', 0.03]],
    });
    expect(wb.readSheet('KPI Lamp History')?.header).toEqual(['x']);
  });

  it('rejects a sheet with data under an empty header row', async () => {
    const path = await writeXlsx((book) => {
      const ws = book.addWorksheet('Accounts');
      ws.getCell('A2').value = 'A0001';
    });
    const e = await expectError(path, 'empty_header', /row 1\) of sheet "Accounts" is empty/);
    expect(e.params.sheet).toBe('Accounts');
  });

  it('rejects a file that is not a real .xlsx', async () => {
    const path = join(dir, 'broken.xlsx');
    writeFileSync(path, 'this is not a zip file');
    await expectError(path, 'unreadable', /broken\.xlsx: cannot be read/);
  });
});

describe('sheetFiles: the one listing of a workbook folder (the CSV loader, the DuckDB engine)', () => {
  it('files with the endings asked for, in any case, not hidden, not folders, in file-name order', () => {
    const path = folder({ 'B.csv': 'x', 'a.CSV': 'x', '.hidden.csv': 'x', 'C.parquet': 'x', 'notes.txt': 'x' }, 'list');
    mkdirSync(join(path, 'sub.csv'));
    expect(sheetFiles(path, ['.csv'])).toEqual(['B.csv', 'a.CSV']);
    expect(sheetFiles(path, ['.csv', '.parquet'])).toEqual(['B.csv', 'C.parquet', 'a.CSV']);
  });

  it('a folder that cannot be listed: not_found, unsupported', () => {
    expect(() => sheetFiles(join(dir, 'nope'), ['.csv'])).toThrow(expect.objectContaining({ code: 'not_found' }));
    const file = join(dir, 'file.txt');
    writeFileSync(file, 'x');
    expect(() => sheetFiles(file, ['.csv'])).toThrow(expect.objectContaining({ code: 'unsupported' }));
  });
});

describe('loadWorkbook: errors', () => {
  it('not_found: a missing path', async () => {
    await expectError(join(dir, 'nope'), 'not_found', /nope: no such file or folder/);
  });

  it('unsupported: a file that is neither a folder nor .xlsx', async () => {
    const txt = join(dir, 'notes.txt');
    writeFileSync(txt, 'hello');
    await expectError(txt, 'unsupported', /not a workbook/);
    const csv = join(dir, 'Accounts.csv');
    writeFileSync(csv, 'a\n1\n');
    const e = await expectError(csv, 'unsupported', /single CSV file; give the folder/);
    expect(e.reason).toBe('single_csv');
    const xls = join(dir, 'old.xls');
    writeFileSync(xls, 'x');
    await expectError(xls, 'unsupported', /\.xls format/);
  });

  it('no_sheets: a folder without CSV files', async () => {
    await expectError(folder({}), 'no_sheets', /no \.csv file/);
    await expectError(folder({ 'readme.txt': 'x' }, 'other'), 'no_sheets', /no \.csv file/);
  });

  it('unparsable: says which file and line', async () => {
    const path = folder({ 'Accounts.csv': 'a,b\n1,2\n3,"open\n4,5\n' });
    const e = await expectError(path, 'unparsable', /Accounts\.csv, line 3: /);
    expect(e.params.file).toBe(join(path, 'Accounts.csv'));
    expect(e.params.line).toBe(3);
    expect(e.messageIn('ja')).toContain('3 行目');
  });

  it('unreadable: bytes that are neither UTF-8 nor Shift_JIS, and UTF-16', async () => {
    const e = await expectError(
      folder({ 'S.csv': Buffer.from([0x61, 0x0a, 0xff, 0xfe, 0x0a]) }),
      'unreadable',
      /S\.csv: the text is neither UTF-8 nor Shift_JIS/,
    );
    expect(e.reason).toBe('encoding');
    await expectError(folder({ 'S.csv': Buffer.from('\ufeffa\n', 'utf16le') }, 'u16'), 'unreadable', /UTF-16/);
  });

  it('empty_header: a blank header row or an empty file', async () => {
    const e = await expectError(
      folder({ 'Accounts.csv': ' , ,\nA0001,1,2\n' }),
      'empty_header',
      /Accounts\.csv: the header row \(row 1\) of sheet "Accounts" is empty/,
    );
    expect(e.params.sheet).toBe('Accounts');
    await expectError(folder({ 'History.csv': '' }, 'empty'), 'empty_header', /History\.csv/);
    await expectError(folder({ 'History.csv': '\n\nmonth\n' }, 'blank-first'), 'empty_header', /History\.csv/);
  });
});
