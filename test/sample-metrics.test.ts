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
import { checkQuoted } from './helpers/markdown-tables';

const README = readFileSync(join(__dirname, '..', 'sample', 'README.md'), 'utf8');

interface Cell {
  v: unknown;
  k?: string;
  f?: string;
}

describe('sample/README.md figures for =MRR_MOVEMENTS and =ONBOARDING_RATE', () => {
  let pg: Playground;
  let grid: (Cell | null)[][];
  beforeAll(async () => {
    pg = await startPlayground({ port: 0 });
    const view = (await (await fetch(new URL('/api/sheet?name=Metrics', pg.url))).json()) as { ok: boolean; cells: (Cell | null)[][] };
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

  it.each([
    ['MRR_MOVEMENTS', 'customers_end'],
    ['ONBOARDING_RATE', 'completed_in_time'],
  ])('%s: every row the README quotes', (fn, marker) => {
    // Regenerated the sample? Update the tables in sample/README.md from the playground (npm start, sheet Metrics).
    expect(checkQuoted(`sample/README.md ${fn}`, README, table(fn), marker)).toBeGreaterThan(20);
  });
});
