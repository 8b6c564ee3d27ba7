/** `kpi-lamp lamps` on the sample workbook and its starter tree. */
import { join } from 'node:path';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { cli } from '../helpers/cli';
import { evaluateAccounts } from '../../src/core/lamps/evaluate';
import { validateTree } from '../../src/core/tree/validate';
import { loadCsvFolder } from '../../src/local/load-workbook';

const SAMPLE = join(__dirname, '..', '..', 'sample', 'workbook');

describe('kpi-lamp lamps on the sample workbook', () => {
  let doc: any;
  beforeAll(async () => {
    const out = await cli(['lamps', SAMPLE, '--json']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    doc = JSON.parse(out.stdout);
  });
  const bt = (node: string) => doc.backtest.find((b: any) => b.node === node);

  it('is a lamps@1 document with the contract keys', () => {
    expect(doc.format).toBe('kpi-lamp/lamps@1');
    expect(doc.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(doc.accounts[0])).toEqual([
      'id',
      'name',
      'owner',
      'plan',
      'arr',
      'renewal',
      'severity',
      'lamps',
    ]);
    expect(Object.keys(doc)).toEqual(['format', 'as_of', 'accounts', 'backtest', 'budget']);
    expect(Object.keys(doc.accounts[0].lamps[0])).toEqual([
      'node',
      'state',
      'value',
      'warn',
      'alert',
      'reason',
      'action',
      'evidence',
      'gated',
    ]);
    expect(Object.keys(doc.backtest[0])).toEqual([
      'node',
      'name',
      'horizon_months',
      'considered',
      'lit',
      'churned',
      'lit_churned',
      'base_rate',
      'precision',
      'recall',
      'lift',
      'lift_ci95',
      'evidence',
      'curve',
    ]);
    expect(Object.keys(doc.backtest[0].curve[0])).toEqual([
      'cutoff',
      'lit',
      'lit_churned',
      'precision',
      'recall',
      'lift',
    ]);
    expect(Object.keys(doc.budget)).toEqual(['alert_budget', 'accounts', 'lit', 'lit_share', 'over', 'nodes']);
    expect(Object.keys(doc.budget.nodes[0])).toEqual(['node', 'lit', 'lit_share', 'budget_cutoff']);
    for (const a of doc.accounts)
      for (const l of a.lamps) expect(['proven', 'unproven', 'contradicted']).toContain(l.evidence);
  });
  it('lists only at-risk accounts, most severe first, then by ARR', () => {
    const rank: Record<string, number> = { alert: 3, warn: 2, unknown: 1, ok: 0 };
    for (const a of doc.accounts) expect(['alert', 'warn']).toContain(a.severity);
    for (let i = 1; i < doc.accounts.length; i++) {
      const [p, q] = [doc.accounts[i - 1], doc.accounts[i]];
      expect(rank[p.severity] > rank[q.severity] || (p.severity === q.severity && (p.arr ?? -1) >= (q.arr ?? -1))).toBe(
        true,
      );
    }
  });
  it('the login-rate lamp lifts clearly: above 1.5 with its interval above 1', () => {
    expect(bt('login').lift).toBeGreaterThan(1.5);
    expect(bt('login').lift_ci95[0]).toBeGreaterThan(1);
  });
  it('the executive-meetings lamp, set the usual way, does not', () => {
    const exec = bt('exec');
    expect(exec.lift === null || exec.lift <= 1.2 || exec.lift_ci95[0] <= 1).toBe(true);
  });
  it('--unknown and --all list more accounts; --horizon changes the backtest', async () => {
    const unknown = JSON.parse((await cli(['lamps', SAMPLE, '--json', '--unknown'])).stdout);
    const all = JSON.parse((await cli(['lamps', SAMPLE, '--json', '--all'])).stdout);
    expect(all.accounts).toHaveLength(292);
    expect(unknown.accounts.length).toBeGreaterThanOrEqual(doc.accounts.length);
    expect(unknown.accounts.length).toBeLessThanOrEqual(292);
    const h6 = JSON.parse((await cli(['lamps', SAMPLE, '--json', '--horizon', '6'])).stdout);
    expect(h6.backtest[0].horizon_months).toBe(6);
    expect(h6.backtest[0].considered).toBeLessThan(bt('login').considered);
  });
  it('the readable report has the reasons, actions, ARR at risk and the backtest, in both languages', async () => {
    const en = await cli(['lamps', SAMPLE, '--lang', 'en']);
    expect(en.stdout).toContain('ARR at risk');
    expect(en.stdout).toContain('Book a usage review within 5 business days');
    expect(en.stdout).toMatch(/30-day login rate\s+6378\s+521\s+364\s+164/);
    expect(en.stdout).toContain('the interval is optimistic');
    const ja = await cli(['lamps', SAMPLE, '--lang', 'ja']);
    expect(ja.stdout).toContain('リスクARR');
    expect(ja.stdout).toContain('バックテスト');
    expect(ja.stdout).toContain('適合率');
  });
  it('bad options exit 2 with a message', async () => {
    const out = await cli(['lamps', SAMPLE, '--horizon', 'x']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--horizon must be a whole number');
  });
});

describe('lamp properties', () => {
  const tree = (() => {
    const r = validateTree(
      JSON.parse(readFileSync(join(__dirname, '..', '..', 'sample', 'starter-tree.json'), 'utf8')),
    );
    if (!r.ok) throw new Error('starter tree invalid');
    return r.tree;
  })();
  const accounts = loadCsvFolder(SAMPLE).readSheet('Accounts')!;

  it("a lamp's state never depends on row order", () => {
    const base = new Map(evaluateAccounts(tree, accounts).map((a) => [a.id, a.lamps.map((l) => l.state)]));
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: accounts.rows.length, maxLength: accounts.rows.length }), (keys) => {
        const rows = accounts.rows
          .map((r, i) => ({ r, k: keys[i] }))
          .sort((a, b) => a.k - b.k)
          .map((o) => o.r);
        for (const a of evaluateAccounts(tree, { ...accounts, rows }))
          expect(a.lamps.map((l) => l.state)).toEqual(base.get(a.id));
      }),
      { numRuns: 20 },
    );
  });
  it('unknown never becomes ok: blanking values can only give unknown or a floor alert', () => {
    const cols = accounts.header.map((_, i) => i);
    fc.assert(
      fc.property(fc.nat({ max: accounts.rows.length - 1 }), fc.subarray(cols, { minLength: 1 }), (r, blanked) => {
        const row = accounts.rows[r].slice();
        for (const c of blanked) row[c] = null;
        const [acc] = evaluateAccounts(tree, { ...accounts, rows: [row] });
        if (!acc) return; // the id itself was blanked: no account
        for (const l of acc.lamps) {
          if (l.value === null) expect(['unknown', 'alert']).toContain(l.state);
          if (l.state === 'alert' && l.value === null) expect(l.reason.code).toBe('floor');
        }
      }),
      { numRuns: 200 },
    );
  });
});
