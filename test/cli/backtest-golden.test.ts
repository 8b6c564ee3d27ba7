/**
 * Lamps and backtest against an independent reference:
 * test/golden/make_backtest.py implements the contract's Lamps and Backtest
 * sections with numpy on workbooks of its own (both directions, by_plan from
 * Snapshots or Accounts, composites with floors, short ranges, lamps that
 * never light). Compared through the `kpi-lamp lamps --json` command.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toCsv } from '../../src/local/save-csv';
import { cli } from '../helpers/cli';
import { close } from '../helpers/close';

interface Case {
  name: string;
  workbook: Record<string, { header: string[]; rows: (string | number | boolean | null)[][] }>;
  tree: unknown;
  horizon: number;
  expected: { backtest: unknown[]; lamps: { id: string; severity: string; lamps: Record<string, unknown>[] }[] };
}
const golden = JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'backtest.json'), 'utf8')) as { cases: Case[] };

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-backtest-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lamps and backtest match the reference', () => {
  it('has the cases', () => expect(golden.cases.length).toBeGreaterThanOrEqual(5));
  golden.cases.forEach((c, n) => {
    it(c.name, async () => {
      const book = join(dir, `book${n}`);
      mkdirSync(book);
      for (const [sheet, t] of Object.entries(c.workbook))
        writeFileSync(join(book, `${sheet}.csv`), toCsv(t.header, t.rows));
      writeFileSync(join(book, 'tree.json'), JSON.stringify(c.tree));
      const out = await cli([
        'lamps',
        book,
        '--tree',
        join(book, 'tree.json'),
        '--json',
        '--all',
        '--horizon',
        String(c.horizon),
      ]);
      expect(out.stderr).toBe('');
      const doc = JSON.parse(out.stdout);
      close(doc.backtest, c.expected.backtest, 'backtest');
      const byId = new Map(doc.accounts.map((a: { id: string }) => [a.id, a]));
      expect(doc.accounts).toHaveLength(c.expected.lamps.length);
      for (const e of c.expected.lamps) {
        const a = byId.get(e.id) as { severity: string; lamps: Record<string, unknown>[] };
        expect(a).toBeDefined();
        close(
          {
            severity: a.severity,
            lamps: a.lamps.map(({ node, state, value, warn, alert }) => ({ node, state, value, warn, alert })),
          },
          { severity: e.severity, lamps: e.lamps },
          e.id,
        );
      }
    });
  });
});
