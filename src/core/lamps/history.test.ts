import { validateTree } from '../tree/validate';
import { backtest } from './backtest';
import { snapshotHistory } from './history';

const tree = (horizon = 3) => {
  const r = validateTree({
    format: 'kpi-lamp/tree@1',
    settings: { horizon_months: horizon },
    nodes: [
      { id: 'kgi', parent: null, type: 'kgi', name: 'Churn' },
      { id: 'k', parent: 'kgi', type: 'kpi', name: 'K', accounts_column: 'k', alert: 0.2 },
    ],
  });
  if (!r.ok) throw new Error('invalid');
  return r.tree;
};
const table = (months: (string | null)[]) => ({
  name: 'Snapshots',
  header: ['month', 'account_id', 'churned', 'k'],
  rows: months.map((m, i) => [m, `A${i % 3}`, false, 0.1]),
});

describe('snapshotHistory', () => {
  it('without a sheet, or without months: nothing yet', () => {
    expect(snapshotHistory(tree(), null)).toMatchObject({ exists: false, months: 0, needed: 4, ready: null });
    expect(snapshotHistory(tree(), table([null, 'not a month']))).toMatchObject({
      exists: true,
      months: 0,
      first: null,
    });
  });

  it('counts months as the contract reads them and says when the backtest has h + 1 of them', () => {
    const h = snapshotHistory(tree(3), table(['2026-11', '2026-11', '2026-12-01', '2026/12']));
    expect(h).toMatchObject({ months: 2, first: '2026-11', last: '2026-12', span: 2, needed: 4, ready: '2027-02' });
    expect(snapshotHistory(tree(3), table(['2026-09', '2026-12']))).toMatchObject({ months: 2, span: 4, ready: null });
  });

  it('agrees with the backtest: below h + 1 months nothing is considered, at h + 1 the first month is', () => {
    const months = ['2026-09', '2026-10', '2026-11', '2026-12'];
    for (let n = 1; n <= months.length; n++) {
      const t = table(months.slice(0, n).flatMap((m) => [m, m, m]));
      const h = snapshotHistory(tree(3), t);
      const considered = backtest(tree(3), t, null)[0].considered;
      expect({ n, enough: h.ready === null, considered: considered > 0 }).toEqual({
        n,
        enough: n >= 4,
        considered: n >= 4,
      });
    }
  });
});
