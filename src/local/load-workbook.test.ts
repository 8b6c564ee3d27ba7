import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import {
  decodeCsvBytes,
  isoDateText,
  loadWorkbook,
  parseCsv,
  typeCsvCell,
  WorkbookError,
  type WorkbookErrorCode,
} from './load-workbook';
import { isFormula } from './memory-workbook';

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
    expect(grid).toEqual([
      ['id', '2024-01', 'TRUE'],
      ['A,1', 'line1\nline2', 1],
      ['00123'],
    ]);
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
});

describe('loadWorkbook: CSV folders', () => {
  it('loads one sheet per CSV, typed, in file-name order', async () => {
    const path = folder({
      'Accounts.csv': 'account_id , account_name,arr,active,login_rate_30d,renewal_date,score\nA0001,Aoba,"3,384,000",TRUE,80%,2027-04-05,=B2\n00123,Sakura,12,false,0.5,,\n',
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
        ['A0001', 'Aoba', 3384000, true, 0.8, '2027-04-05', null],
        ['00123', 'Sakura', 12, false, 0.5, null, null],
      ],
    });
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
      ws.addRow(['A0001', 1000, true, new Date(Date.UTC(2027, 3, 5)), { formula: 'B2*2', result: 2000 }, { richText: [{ text: '株式会社' }, { text: 'サクラ' }] }, { text: 'site', hyperlink: 'https://example.com' }, { formula: 'B2+1' }]);
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
    files['xl/workbook.xml'] = strToU8(strFromU8(files['xl/workbook.xml']).replace('name="XHistoryX"', 'name="History"'));
    const path = join(dir, 'export.xlsx');
    writeFileSync(path, zipSync(files));
    const wb = await loadWorkbook(path);
    expect(wb.sheetNames()).toEqual(['Accounts', 'History', 'KPI Lamp History']);
    expect(wb.readSheet('History')).toEqual({ name: 'History', header: ['month', 'churn_rate'], rows: [['2024-01', 0.03]] });
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
    const e = await expectError(folder({ 'S.csv': Buffer.from([0x61, 0x0a, 0xff, 0xfe, 0x0a]) }), 'unreadable', /S\.csv: the text is neither UTF-8 nor Shift_JIS/);
    expect(e.reason).toBe('encoding');
    await expectError(folder({ 'S.csv': Buffer.from('\ufeffa\n', 'utf16le') }, 'u16'), 'unreadable', /UTF-16/);
  });

  it('empty_header: a blank header row or an empty file', async () => {
    const e = await expectError(folder({ 'Accounts.csv': ' , ,\nA0001,1,2\n' }), 'empty_header', /Accounts\.csv: the header row \(row 1\) of sheet "Accounts" is empty/);
    expect(e.params.sheet).toBe('Accounts');
    await expectError(folder({ 'History.csv': '' }, 'empty'), 'empty_header', /History\.csv/);
    await expectError(folder({ 'History.csv': '\n\nmonth\n' }, 'blank-first'), 'empty_header', /History\.csv/);
  });
});
