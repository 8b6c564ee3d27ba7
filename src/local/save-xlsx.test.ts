import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadXlsx } from './load-workbook';
import { xlsxBytes, type XlsxSheet } from './save-xlsx';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-xlsx-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function roundTrip(sheets: XlsxSheet[]) {
  const file = join(dir, 'book.xlsx');
  const bytes = await xlsxBytes(sheets, { modified: new Date(Date.UTC(2026, 10, 22)) });
  writeFileSync(file, bytes);
  return { bytes, book: await loadXlsx(file) };
}

describe('xlsxBytes', () => {
  it('keeps types: numbers, TRUE/FALSE, dates as dates, text as text (a leading = too), formulas as formulas with their value', async () => {
    const { book } = await roundTrip([
      {
        name: 'Data',
        rows: [
          ['id', 'when', 'ok', 'n', 'note', 'f'],
          ['A1', '2027-04-05', true, 0.25, '=IMPORTXML("https://example.com","//a")', { formula: '=1+1', cached: 2 }],
          ['A2', '2027-04-05T09:30:00', false, -3, '+81 3 1234', null],
        ],
      },
    ]);
    expect(book.grid('Data')).toEqual([
      ['id', 'when', 'ok', 'n', 'note', 'f'],
      ['A1', '2027-04-05', true, 0.25, '=IMPORTXML("https://example.com","//a")', { formula: '=1+1', cached: 2 }],
      ['A2', '2027-04-05T09:30:00', false, -3, '+81 3 1234'],
    ]);
  }, 30000);

  it('a sheet KPI Lamp owns stays plain text: its dates are the text they were', async () => {
    const { book } = await roundTrip([
      {
        name: 'KPI Lamp Tree',
        plainText: true,
        rows: [
          ['id', 'review_date', 'target'],
          ['kgi', '2027-03-31', 0.015],
        ],
      },
    ]);
    expect(book.grid('KPI Lamp Tree')).toEqual([
      ['id', 'review_date', 'target'],
      ['kgi', '2027-03-31', 0.015],
    ]);
  }, 30000);

  it('writes a sheet named History (which exceljs refuses) under its own name, and the same bytes twice', async () => {
    const sheets: XlsxSheet[] = [
      {
        name: 'History',
        rows: [
          ['month', 'churn_rate'],
          ['2026-10', 0.02],
        ],
      },
      { name: 'KPI Lamp History', rows: [['x'], [1]] },
    ];
    const a = await roundTrip(sheets);
    expect(a.book.sheetNames()).toEqual(['History', 'KPI Lamp History']);
    expect(a.book.grid('History')).toEqual([
      ['month', 'churn_rate'],
      ['2026-10', 0.02],
    ]);
    const b = await xlsxBytes(sheets, { modified: new Date(Date.UTC(2026, 10, 22)) });
    expect(Buffer.from(b).equals(Buffer.from(a.bytes))).toBe(true);
  }, 30000);
});
