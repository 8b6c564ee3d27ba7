/**
 * Evidence, the gate and the alert budget against an independent reference:
 * test/golden/make_evidence.py applies the contract's "Evidence" section
 * (with make_verdicts.py's verdicts and make_backtest.py's backtests) to
 * workbooks of its own: a lagging KPI and a lamp lighting healthy accounts
 * (contradicted), proven and unproven lamps, "gate" and "show", a report at
 * another horizon, budgets of 0, 20% and 1 with ties at, beyond and across
 * the count, blanks, a lower_is_better node and a composite. Compared
 * through `kpi-lamp lamps --json --all`, and the sample counts through the
 * core (they are not in the public JSON).
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assessEvidence } from '../../src/core/lamps/assess';
import { validateTree } from '../../src/core/tree/validate';
import { loadCsvFolder } from '../../src/local/load-workbook';
import { toCsv } from '../../src/local/save-csv';
import { cli } from '../helpers/cli';
import { close } from '../helpers/close';

type Sheet = { header: string[]; rows: (string | number | boolean | null)[][] };
interface Case {
  name: string;
  workbook: string;
  tree: { settings?: Record<string, unknown> };
  horizon: number;
  expected: {
    backtest: Record<string, unknown>[];
    lamps: {
      id: string;
      severity: string;
      lamps: { node: string; state: string; evidence: string; gated: boolean }[];
    }[];
    budget: Record<string, unknown>;
    evidence: {
      node: string;
      evidence: string;
      churned_accounts: number;
      lit_churned_accounts: number;
      small_sample: boolean | null;
      tree_ci95: [number, number] | null;
    }[];
  };
}
const golden = JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'evidence.json'), 'utf8')) as {
  workbooks: Record<string, Record<string, Sheet>>;
  cases: Case[];
};

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-evidence-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('evidence, gate and budget match the reference', () => {
  it('has the cases, gate and show among them', () => {
    expect(golden.cases.length).toBeGreaterThanOrEqual(7);
    expect(golden.cases.map((c) => c.tree.settings?.evidence)).toEqual(expect.arrayContaining(['gate', 'show']));
  });
  golden.cases.forEach((c, n) => {
    it(c.name, async () => {
      const book = join(dir, `book${n}`);
      mkdirSync(book);
      for (const [sheet, t] of Object.entries(golden.workbooks[c.workbook]))
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
      expect(out.code).toBe(0);
      const doc = JSON.parse(out.stdout);
      close(doc.backtest, c.expected.backtest, 'backtest');
      close(doc.budget, c.expected.budget, 'budget');
      expect(Object.keys(doc.budget)).toEqual(['alert_budget', 'accounts', 'lit', 'lit_share', 'over', 'nodes']);
      const byId = new Map(doc.accounts.map((a: { id: string }) => [a.id, a]));
      expect(doc.accounts).toHaveLength(c.expected.lamps.length);
      for (const e of c.expected.lamps) {
        const a = byId.get(e.id) as {
          severity: string;
          lamps: { node: string; state: string; evidence: string; gated: boolean }[];
        };
        expect({
          id: e.id,
          severity: a.severity,
          lamps: a.lamps.map(({ node, state, evidence, gated }) => ({ node, state, evidence, gated })),
        }).toEqual(e);
      }
      // The sample counts behind the small-sample warning, through the core.
      const wb = loadCsvFolder(book);
      const tree = validateTree(c.tree);
      if (!tree.ok) throw new Error('case tree invalid');
      const data = {
        accounts: wb.readSheet('Accounts'),
        snapshots: wb.readSheet('Snapshots'),
        history: wb.readSheet('History'),
      };
      const ev = assessEvidence(tree.tree, data);
      expect(
        ev.map((x) => ({
          node: x.node,
          evidence: x.evidence,
          churned_accounts: x.backtest.churnedAccounts,
          lit_churned_accounts: x.backtest.litChurnedAccounts,
        })),
      ).toEqual(
        c.expected.evidence.map(({ node, evidence, churned_accounts, lit_churned_accounts }) => ({
          node,
          evidence,
          churned_accounts,
          lit_churned_accounts,
        })),
      );
      close(
        ev.map((x) => x.backtest.lift_ci95),
        c.expected.evidence.map((x) => x.tree_ci95),
        'tree_ci95',
      );
    });
  });
});
