/**
 * Figures quoted in Markdown (README tables) checked against a function's
 * result: each quoted cell is compared with the computed value written the
 * way the Markdown writes it.
 */

export interface QuotedTable {
  header: string[];
  rows: string[][];
}

/** Markdown tables whose first header cell is `month` (indented ones too): header and rows of trimmed cells. */
export function monthTables(text: string): QuotedTable[] {
  const tables: QuotedTable[] = [];
  const lines = text.split('\n').map((l) => l.trim());
  const split = (l: string) =>
    l
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim().replace(/^`|`$/g, ''));
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('| month |') || !/^\|[-:| ]+\|$/.test(lines[i + 1] ?? '')) continue;
    const rows: string[][] = [];
    for (let j = i + 2; j < lines.length && lines[j].startsWith('|'); j++) rows.push(split(lines[j]));
    tables.push({ header: split(lines[i]), rows });
  }
  return tables;
}

const MINUS = '−';

/**
 * A number written the way `old` writes one: its decimals, `%` (a fraction
 * shown as a percentage), thousands separators, exponent form (3.3e-7), a
 * leading + or the minus sign it uses (− unless it wrote -).
 */
export function like(v: number, old: string): string {
  const pct = old.endsWith('%');
  const body = old.replace(/%$/, '').replace(/^[+\-−]/, '');
  const x = pct ? v * 100 : v;
  if (/e[+-]?\d+$/.test(body)) {
    const decimals = (body.split('e')[0].split('.')[1] ?? '').length;
    return (x < 0 ? MINUS : '') + Math.abs(x).toExponential(decimals).replace('e+', 'e');
  }
  const decimals = (body.split('.')[1] ?? '').length;
  let s = Math.abs(x).toFixed(decimals);
  if (body.includes(',')) {
    const [i, f] = s.split('.');
    s = Number(i).toLocaleString('en-US') + (f === undefined ? '' : `.${f}`);
  }
  const rounded = Number(Math.abs(x).toFixed(decimals));
  const sign = x < 0 && rounded !== 0 ? (old.startsWith('-') ? '-' : MINUS) : x > 0 && old.startsWith('+') ? '+' : '';
  return `${sign}${s}${pct ? '%' : ''}`;
}

/** A computed value written like the quoted cell (numbers as like() writes them), blank for "". */
export function asWritten(v: unknown, old: string): string {
  if (v === null || v === '' || v === undefined) return '';
  if (typeof v !== 'number') return String(v);
  return like(v, old);
}

/**
 * Compares every quoted table whose columns all belong to `result` (header
 * row first, first column the month) and that has `marker` among its
 * columns; returns the number of cells compared. Throws on the first cell
 * that differs, naming it.
 */
export function checkQuoted(label: string, text: string, result: unknown[][], marker: string): number {
  const header = result[0] as string[];
  const byMonth = new Map(result.slice(1).map((row) => [row[0] as string, row]));
  let cells = 0;
  for (const t of monthTables(text)) {
    if (!t.header.includes(marker) || !t.header.every((h) => header.includes(h))) continue;
    for (const row of t.rows) {
      const computed = byMonth.get(row[0]);
      if (!computed) throw new Error(`${label} quotes ${row[0]}, which the result does not have`);
      t.header.forEach((h, j) => {
        const got = asWritten(computed[header.indexOf(h)], row[j]);
        if (got !== row[j]) throw new Error(`${label}: ${row[0]} ${h} is "${row[j]}", the function gives "${got}"`);
        cells++;
      });
    }
  }
  return cells;
}
