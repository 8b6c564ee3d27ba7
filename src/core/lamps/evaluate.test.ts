import { validateTree } from '../tree/validate';
import type { Tree } from '../tree/types';
import { compareAccounts, evaluateAccounts } from './evaluate';

function tree(nodes: object[]): Tree {
  const r = validateTree({
    format: 'kpi-lamp/tree@1',
    nodes: [{ id: 'kgi', parent: null, type: 'kgi', name: 'Churn' }, ...nodes],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.tree;
}
const header = ['account_id', 'account_name', 'plan', 'arr', 'login', 'tickets', 'sub', 'ret'];
const table = (rows: unknown[][]) => ({ name: 'Accounts', header, rows: rows as never });
const lampOf = (t: Tree, row: unknown[], node: string) =>
  evaluateAccounts(t, table([row]))[0].lamps.find((l) => l.node === node)!;

describe('lamp states', () => {
  const t = tree([
    {
      id: 'login',
      parent: 'kgi',
      type: 'kpi',
      name: 'Login',
      accounts_column: 'login',
      warn: 0.5,
      alert: 0.3,
      action: 'Call',
      by_plan: { Enterprise: { warn: 0.6 } },
    },
    {
      id: 'tickets',
      parent: 'kgi',
      type: 'kpi',
      name: 'Tickets',
      accounts_column: 'tickets',
      direction: 'lower_is_better',
      warn: 5,
      alert: 10,
    },
    { id: 'info', parent: 'kgi', type: 'kpi', name: 'No thresholds', accounts_column: 'login' },
  ]);
  it('higher_is_better: reaching a threshold counts as crossing it', () => {
    expect(lampOf(t, ['A', 'a', '', 1, 0.3, 0], 'login').state).toBe('alert');
    expect(lampOf(t, ['A', 'a', '', 1, 0.31, 0], 'login').state).toBe('warn');
    expect(lampOf(t, ['A', 'a', '', 1, 0.5, 0], 'login').state).toBe('warn');
    expect(lampOf(t, ['A', 'a', '', 1, 0.51, 0], 'login').state).toBe('ok');
  });
  it('lower_is_better: the same with ≥', () => {
    expect(lampOf(t, ['A', 'a', '', 1, 1, 10], 'tickets').state).toBe('alert');
    expect(lampOf(t, ['A', 'a', '', 1, 1, 5], 'tickets').state).toBe('warn');
    expect(lampOf(t, ['A', 'a', '', 1, 1, 4.9], 'tickets').state).toBe('ok');
  });
  it('blank, missing or non-numeric values are unknown with a null value; TRUE/FALSE count as 1/0', () => {
    for (const v of [null, 'n/a']) {
      const l = lampOf(t, ['A', 'a', '', 1, v, 0], 'login');
      expect([l.state, l.value]).toEqual(['unknown', null]);
    }
    expect(lampOf(t, ['A', 'a', '', 1, false, 0], 'login')).toMatchObject({ state: 'alert', value: 0 });
  });
  it('by_plan replaces both thresholds: a threshold it leaves out is none', () => {
    const l = lampOf(t, ['A', 'a', ' Enterprise ', 1, 0.2, 0], 'login');
    expect(l).toMatchObject({ state: 'warn', warn: 0.6, alert: null });
    expect(lampOf(t, ['A', 'a', 'Starter', 1, 0.2, 0], 'login')).toMatchObject({
      state: 'alert',
      warn: 0.5,
      alert: 0.3,
    });
  });
  it('only nodes with warn or alert are lamps, listed in tree order with the action', () => {
    const acc = evaluateAccounts(t, table([['A', 'a', '', 1, 0.9, 1]]))[0];
    expect(acc.lamps.map((l) => l.node)).toEqual(['login', 'tickets']);
    expect(acc.lamps[0].action).toBe('Call');
    expect(acc.lamps[1].action).toBeNull();
  });
  it("an account's severity is its worst lamp: alert > warn > unknown > ok", () => {
    const rows = [
      ['ok', '', '', 1, 0.9, 1],
      ['unknown', '', '', 1, null, 1],
      ['warn', '', '', 1, null, 6],
      ['alert', '', '', 1, 0.1, 6],
    ];
    expect(evaluateAccounts(t, table(rows)).map((a) => [a.id, a.severity])).toEqual(rows.map((r) => [r[0], r[0]]));
  });
  it('sorts most severe first, then ARR largest first, then id as text', () => {
    const rows = [
      ['B', '', '', 100, 0.4, 0],
      ['A', '', '', 100, 0.4, 0],
      ['C', '', '', 900, 0.4, 0],
      ['D', '', '', 1, 0.1, 0],
    ];
    expect(
      evaluateAccounts(t, table(rows))
        .sort(compareAccounts)
        .map((a) => a.id),
    ).toEqual(['D', 'C', 'A', 'B']);
  });
});

describe('composite lamps', () => {
  const t = tree([
    {
      id: 'keep',
      parent: 'kgi',
      type: 'composite',
      name: 'Sub × Ret',
      method: 'product',
      warn: 0.45,
      alert: 0.35,
      action: 'Review',
    },
    { id: 'sub', parent: 'keep', type: 'kpi', name: 'Subscription', accounts_column: 'sub', floor: 0.5 },
    { id: 'ret', parent: 'keep', type: 'kpi', name: 'Retention', accounts_column: 'ret', floor: 0.6 },
  ]);
  const row = (sub: unknown, ret: unknown) => ['A', 'a', '', 1, 0, 0, sub, ret];
  it('is judged on the product of its children', () => {
    expect(lampOf(t, row(0.9, 0.9), 'keep')).toMatchObject({ state: 'ok', value: 0.81 });
    expect(lampOf(t, row(0.7, 0.64), 'keep').state).toBe('warn');
    expect(lampOf(t, row(0.7, 0.5), 'keep').state).toBe('alert');
  });
  it('a child at its floor lights it alert, naming the child, whatever the others say', () => {
    const l = lampOf(t, row(0.5, 1), 'keep');
    expect(l.state).toBe('alert');
    expect(l.value).toBe(0.5);
    expect(l.reason).toMatchObject({ code: 'floor', child: 'Subscription', floor: 0.5 });
    const withUnknown = lampOf(t, row(0.4, null), 'keep');
    expect(withUnknown).toMatchObject({ state: 'alert', value: null });
  });
  it('otherwise an unknown child makes it unknown', () => {
    expect(lampOf(t, row(0.9, ''), 'keep')).toMatchObject({
      state: 'unknown',
      value: null,
      reason: { code: 'child_unknown', child: 'Retention' },
    });
  });
  it('weighted_mean uses the weights', () => {
    const w = tree([
      { id: 'mix', parent: 'kgi', type: 'composite', name: 'Mix', method: 'weighted_mean', warn: 0.5 },
      { id: 'sub', parent: 'mix', type: 'kpi', name: 'Sub', accounts_column: 'sub', weight: 3, floor: 0 },
      { id: 'ret', parent: 'mix', type: 'kpi', name: 'Ret', accounts_column: 'ret', floor: 0 },
    ]);
    expect(lampOf(w, row(0.8, 0.4), 'mix').value).toBeCloseTo((3 * 0.8 + 0.4) / 4, 12);
  });
});

describe('account results', () => {
  const t = tree([
    { id: 'login', parent: 'kgi', type: 'kpi', name: 'Login', accounts_column: 'login', warn: 0.5, alert: 0.3 },
    {
      id: 'tickets',
      parent: 'kgi',
      type: 'kpi',
      name: 'Tickets',
      accounts_column: 'tickets',
      direction: 'lower_is_better',
      warn: 5,
    },
  ]);
  it('make their lamps when first read, the same every time, and serialise with them', () => {
    const [a] = evaluateAccounts(t, table([['A', 'a', '', 1, 0.2, 7]]));
    expect(a.severity).toBe('alert');
    const lamps = a.lamps;
    expect(a.lamps).toBe(lamps);
    expect(lamps.map((l) => [l.node, l.state, l.value])).toEqual([
      ['login', 'alert', 0.2],
      ['tickets', 'warn', 7],
    ]);
    const json = JSON.parse(JSON.stringify(a));
    expect(json.lamps.map((l: { state: string }) => l.state)).toEqual(['alert', 'warn']);
    expect(json).toMatchObject({ id: 'A', severity: 'alert', row: 0 });
  });
});
