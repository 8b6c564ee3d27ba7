/**
 * The sample's Metrics sheet (=MRR_MOVEMENTS on Snapshots, =ONBOARDING_RATE
 * on Accounts), computed by the playground through the built bundle, gives
 * the figures sample/README.md quotes: every row of its two tables whose
 * header names the functions' columns is recomputed here, cell by cell, as
 * the README writes it (counts as they are, yen with thousands separators,
 * rates as percentages with the README's decimals, blank for a blank).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPlayground, type Playground } from '../src/playground/server';

const README = readFileSync(join(__dirname, '..', 'sample', 'README.md'), 'utf8');

interface Cell {
  v: unknown;
  k?: string;
  f?: string;
}

/** Markdown tables whose first header cell is `month`: header and rows of trimmed cells. */
function monthTables(text: string): { header: string[]; rows: string[][] }[] {
  const tables: { header: string[]; rows: string[][] }[] = [];
  const lines = text.split('\n').map((l) => l.trim());
  for (let i = 0; i < lines.length; i++) {
    const split = (l: string) => l.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim().replace(/^`|`$/g, ''));
    if (!lines[i].startsWith('| month |') || !/^\|[-:| ]+\|$/.test(lines[i + 1] ?? '')) continue;
    const header = split(lines[i]);
    const rows: string[][] = [];
    for (let j = i + 2; j < lines.length && lines[j].startsWith('|'); j++) rows.push(split(lines[j]));
    tables.push({ header, rows });
  }
  return tables;
}

/** A value written the way the README cell is written. */
function asWritten(v: unknown, like: string): string {
  if (v === null || v === '' || v === undefined) return '';
  if (typeof v !== 'number') return String(v);
  const pct = /^-?[\d.]+%$/.exec(like);
  if (pct) {
    const decimals = (like.split('.')[1] ?? '%').length - 1;
    return `${(v * 100).toFixed(decimals)}%`;
  }
  if (like.includes(',')) return Math.round(v).toLocaleString('en-US');
  return String(v);
}

describe('sample/README.md figures for =MRR_MOVEMENTS and =ONBOARDING_RATE', () => {
  let pg: Playground;
  let grid: (Cell | null)[][];
  beforeAll(async () => {
    pg = await startPlayground({ port: 0 });
    const view = await (await fetch(new URL('/api/sheet?name=Metrics', pg.url))).json();
    expect(view.ok).toBe(true);
    grid = view.cells;
  });
  afterAll(() => pg.close());

  /** The spilled table of the formula of `fn` on the Metrics sheet: header row first. */
  function table(fn: string): unknown[][] {
    for (let r = 0; r < grid.length; r++) {
      const c = grid[r].findIndex((x) => x?.k === 'f' && x.f?.startsWith(`=${fn}(`));
      if (c < 0) continue;
      let width = 1;
      while (grid[r][c + width]?.k === 's') width++;
      const out: unknown[][] = [];
      for (let i = r; i < grid.length && (i === r || grid[i][c]?.k === 's'); i++) out.push(grid[i].slice(c, c + width).map((x) => (x ? x.v : '')));
      return out;
    }
    throw new Error(`no =${fn} formula computed on the Metrics sheet`);
  }

  it.each(['MRR_MOVEMENTS', 'ONBOARDING_RATE'])('%s: every row the README quotes', (fn) => {
    const result = table(fn);
    const header = result[0] as string[];
    const byMonth = new Map(result.slice(1).map((row) => [row[0] as string, row]));
    const quoted = monthTables(README).filter((t) => t.header.slice(1).every((h) => header.includes(h)) && t.header.length > 2);
    const ours = quoted.filter((t) => t.header.some((h) => (fn === 'MRR_MOVEMENTS' ? h === 'customers_end' : h === 'completed_in_time')));
    expect(ours.length).toBeGreaterThan(0);
    let cells = 0;
    for (const t of ours) {
      for (const row of t.rows) {
        const computed = byMonth.get(row[0]);
        if (!computed) throw new Error(`README quotes ${fn} for ${row[0]}, which the sheet does not have`);
        t.header.forEach((h, j) => {
          const got = asWritten(computed[header.indexOf(h)], row[j]);
          if (got !== row[j]) throw new Error(`README: ${fn} ${row[0]} ${h} is "${row[j]}", the sheet gives "${got}" (regenerate and update sample/README.md)`);
          cells++;
        });
      }
    }
    expect(cells).toBeGreaterThan(20);
  });
});
