/**
 * Reading benchmarks, run by bench/bench.mjs: a CSV folder of 1,000,000
 * account-month rows and an .xlsx of 100,000 rows, each read by KPI Lamp's
 * loader and, in the same run, parsed by the library alone (csv-parse,
 * exceljs), so that the loader's own cost shows beside the library's.
 * Files are written once into a temporary folder and removed afterwards.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import * as ExcelJS from 'exceljs';
import { loadCsvFolder, loadXlsx } from '../src/local/load-workbook';
import { rng } from './core-bench';

const HEADER = [
  'month',
  'account_id',
  'account_name',
  'plan',
  'arr',
  'onboarding_completed',
  'login_rate_30d',
  'key_feature_usage',
  'exec_meetings_90d',
  'open_tickets',
  'last_nps',
  'churned',
];
const PLANS = ['Starter', 'Growth', 'Enterprise'];

/** One Snapshots-like row: ids, names (some quoted), numbers, percentages, booleans and blanks. */
function row(i: number, r: () => number): (string | number | boolean)[] {
  const m = i % 24;
  const a = Math.floor(i / 24);
  return [
    `${2024 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`,
    `A${String(a).padStart(6, '0')}`,
    a % 7 === 0 ? `Aoba, Inc. ${a}` : `株式会社アオバ ${a}`,
    PLANS[a % 3],
    1000 * Math.floor(100 + r() * 5000),
    r() < 0.9,
    Math.round(r() * 1000) / 1000,
    `${Math.round(r() * 1000) / 10}%`,
    Math.floor(r() * 4),
    Math.floor(r() * 6),
    r() < 0.3 ? '' : Math.floor(r() * 11),
    r() < 0.01,
  ];
}

const csvField = (v: string | number | boolean) => {
  const s = typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export interface ReadFixtures {
  dir: string;
  csvFolder: string;
  csvFile: string;
  xlsxFile: string;
}

export async function readFixtures(csvRows: number, xlsxRows: number): Promise<ReadFixtures> {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-bench-read-'));
  const csvFolder = join(dir, 'book');
  mkdirSync(csvFolder);
  const r = rng(7);
  const lines = [HEADER.join(',')];
  for (let i = 0; i < csvRows; i++) lines.push(row(i, r).map(csvField).join(','));
  const csvFile = join(csvFolder, 'Snapshots.csv');
  writeFileSync(csvFile, `${lines.join('\r\n')}\r\n`);
  lines.length = 0;
  const xlsxFile = join(dir, 'book.xlsx');
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsxFile, useSharedStrings: true });
  const ws = writer.addWorksheet('Snapshots');
  ws.addRow(HEADER).commit();
  const rx = rng(8);
  for (let i = 0; i < xlsxRows; i++)
    ws.addRow(
      row(i, rx).map((v) => (typeof v === 'string' && v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : v)),
    ).commit();
  ws.commit();
  await writer.commit();
  return { dir, csvFolder, csvFile, xlsxFile };
}

export function removeFixtures(f: ReadFixtures): void {
  rmSync(f.dir, { recursive: true, force: true });
}

/** KPI Lamp's CSV loader on the folder: read, decode, check, parse, cells; returns the rows read. */
export function csvRead(f: ReadFixtures): number {
  return loadCsvFolder(f.csvFolder).readSheet('Snapshots')!.rows.length;
}

/** The same file read and parsed by csv-parse alone (the options the loader parses with). */
export function csvParseBare(f: ReadFixtures): number {
  const text = readFileSync(f.csvFile, 'utf8');
  return (
    (
      parse(text, {
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
        record_delimiter: ['\r\n', '\n', '\r'],
      }) as string[][]
    ).length - 1
  );
}

/** KPI Lamp's .xlsx loader; returns the rows read. */
export async function xlsxRead(f: ReadFixtures): Promise<number> {
  return (await loadXlsx(f.xlsxFile)).readSheet('Snapshots')!.rows.length;
}

/** The same file loaded by exceljs alone. */
export async function xlsxParseBare(f: ReadFixtures): Promise<number> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(f.xlsxFile) as unknown as Parameters<typeof book.xlsx.load>[0]);
  return book.worksheets[0].rowCount - 1;
}
