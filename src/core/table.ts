/**
 * Tables as the core sees a workbook's sheets: a header row and plain values
 * (numbers, booleans, text, or null for a blank; dates as ISO text).
 */
export type CellValue = string | number | boolean | null;

export interface Table {
  name: string;
  header: string[];
  rows: CellValue[][];
}

/** Index of a column bound by its header text (compared after trimming), or −1. */
export function columnIndex(table: Table, header: string | undefined): number {
  if (!header) return -1;
  const want = header.trim();
  return table.header.findIndex((h) => String(h).trim() === want);
}

const FULL_WIDTH = /[０-９．，－＋％]/g;

/**
 * A number typed by a person: "0.8", "80%", "８０％" (full-width), "1,234".
 * Returns null for anything else.
 */
export function parseNumberText(text: string): number | null {
  let s = text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
  let scale = 1;
  if (s.endsWith('%')) {
    scale = 0.01;
    s = s.slice(0, -1).trim();
  }
  if (/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][+-]?\d+)?$|^[+-]?\.\d+$/.test(s)) {
    const n = Number(s.replace(/,/g, '')) * scale;
    return Number.isFinite(n) ? Number(n.toPrecision(15)) : null;
  }
  return null;
}

/**
 * A number read from the workbook: numbers as they are, TRUE/FALSE as 1/0,
 * numeric text ("80%") parsed; anything else (blank, other text) is null.
 */
export function numberFromCell(v: CellValue): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim().toUpperCase();
    if (t === 'TRUE') return 1;
    if (t === 'FALSE') return 0;
    return parseNumberText(v);
  }
  return null;
}

/** "yyyy-mm" of a month cell: yyyy-mm text, or a date (ISO text) whose year and month count. */
export function monthKey(v: CellValue): string | null {
  if (typeof v !== 'string') return null;
  const m = /^\s*(\d{4})[-/](\d{1,2})(?:[-/]\d{1,2}(?:[T ][\d:.]+Z?)?)?\s*$/.exec(v);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}`;
}

/** Months since year 0 (for arithmetic on yyyy-mm keys). */
export function monthIndex(key: string): number {
  return Number(key.slice(0, 4)) * 12 + Number(key.slice(5, 7)) - 1;
}

export function monthFromIndex(i: number): string {
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** Column letters of a 1-based column number: 1 → "A", 26 → "Z", 27 → "AA". */
export function columnLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
