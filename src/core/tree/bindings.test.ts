import { missingBindings, type SheetHeaders } from './bindings';
import { validateTree } from './validate';
import type { Tree } from './types';

function tree(doc: Record<string, unknown>): Tree {
  const r = validateTree({ format: 'kpi-lamp/tree@1', ...doc });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.tree;
}

const sheets = (book: Record<string, string[]>): SheetHeaders => ({
  names: Object.keys(book),
  header: (s) => (Object.prototype.hasOwnProperty.call(book, s) ? book[s] : null),
});

const t = tree({
  nodes: [
    { id: 'kgi', parent: null, type: 'kgi', name: 'Churn', history_column: 'churn_rate', direction: 'lower_is_better' },
    {
      id: 'login',
      parent: 'kgi',
      type: 'kpi',
      name: 'Login',
      accounts_column: 'login_rate_30d',
      history_column: 'login_rate',
      warn: 0.5,
    },
    { id: 'keep', parent: 'kgi', type: 'composite', name: 'Keep', warn: 0.4 },
    { id: 'sub', parent: 'keep', type: 'kpi', name: 'Sub', accounts_column: 'sub_rate', floor: 0.3 },
    { id: 'posts', parent: 'kgi', type: 'kpi', name: 'Posts', history_column: 'community_posts' },
    {
      id: 'nps',
      parent: 'kgi',
      type: 'kpi',
      name: 'NPS',
      accounts_column: 'last_nps',
      by_plan: { Enterprise: { warn: 7 } },
    },
  ],
});
const full = {
  Accounts: ['account_id', 'plan', 'login_rate_30d', 'sub_rate', 'last_nps'],
  Snapshots: ['month', 'account_id', 'login_rate_30d', 'sub_rate', 'last_nps', 'churned'],
  History: ['month', 'churn_rate', 'login_rate', 'community_posts'],
};

describe('missingBindings', () => {
  it('finds nothing missing in a complete workbook', () => {
    expect(missingBindings(t, sheets(full), ['verdicts', 'lamps', 'backtest'])).toEqual([]);
  });

  it('a misspelt History sheet: the KGI has no series, so every verdict would say "short history"', () => {
    const { History, ...rest } = full;
    expect(missingBindings(t, sheets({ ...rest, Histroy: History }), ['verdicts'])).toEqual([
      { what: 'sheet', sheet: 'History', by: { setting: 'settings.history_sheet' }, hint: 'Histroy' },
    ]);
  });

  it('a misspelt KPI column: lamps would say "0 accounts at risk"', () => {
    const book = { ...full, Accounts: ['account_id', 'plan', 'login_rate_30', 'sub_rate', 'last_nps'] };
    expect(missingBindings(t, sheets(book), ['lamps'])).toEqual([
      {
        what: 'column',
        sheet: 'Accounts',
        column: 'login_rate_30d',
        by: { node: 'login', field: 'accounts_column' },
        hint: 'login_rate_30',
      },
    ]);
  });

  it('children of a lamp composite, the id column and, with by_plan, the plan column', () => {
    const book = { ...full, Accounts: ['id', 'Plan name', 'login_rate_30d', 'last_nps'] };
    expect(missingBindings(t, sheets(book), ['lamps'])).toEqual([
      { what: 'column', sheet: 'Accounts', column: 'account_id', by: { setting: 'settings.columns.id' }, hint: null },
      {
        what: 'column',
        sheet: 'Accounts',
        column: 'sub_rate',
        by: { node: 'sub', field: 'accounts_column' },
        hint: null,
      },
      { what: 'column', sheet: 'Accounts', column: 'plan', by: { setting: 'settings.columns.plan' }, hint: null },
    ]);
    expect(missingBindings(t, sheets({ Acounts: full.Accounts }), ['lamps'])).toEqual([
      { what: 'sheet', sheet: 'Accounts', by: { setting: 'settings.accounts_sheet' }, hint: 'Acounts' },
    ]);
  });

  it('a KPI column misspelt in a History that exists, with no Snapshots fallback', () => {
    const book = { ...full, History: ['month', 'churn_rate', 'login_rate', 'comunity_posts'] };
    expect(missingBindings(t, sheets(book), ['verdicts'])).toEqual([
      {
        what: 'column',
        sheet: 'History',
        column: 'community_posts',
        by: { node: 'posts', field: 'history_column' },
        hint: 'comunity_posts',
      },
    ]);
    // Snapshots stands in where History lacks a column (login_rate_30d there).
    const noLogin = { ...full, History: ['month', 'churn_rate', 'community_posts'] };
    expect(missingBindings(t, sheets(noLogin), ['verdicts'])).toEqual([]);
    // A History without its month column cannot give any series.
    expect(missingBindings(t, sheets({ ...full, History: ['Month', 'churn_rate'] }), ['verdicts'])[0]).toEqual({
      what: 'column',
      sheet: 'History',
      column: 'month',
      by: { setting: 'settings.columns.month' },
      hint: 'Month',
    });
  });

  it('legitimate absences are not reported', () => {
    // No History: series come from Snapshots; a KGI read from Snapshots' churned share.
    const fromSnapshots = tree({
      nodes: [{ id: 'kgi', parent: null, type: 'kgi', name: 'Churn', history_column: 'churned' }, ...t.nodes.slice(1)],
    });
    const { History: _h, ...noHistory } = full;
    expect(missingBindings(fromSnapshots, sheets(noHistory), ['verdicts', 'lamps', 'backtest'])).toEqual([]);
    // No Snapshots: nothing to backtest; lamps still light.
    const { Snapshots: _s, ...noSnapshots } = full;
    expect(missingBindings(t, sheets(noSnapshots), ['lamps', 'backtest'])).toEqual([]);
    // A KPI without any series when there is no History at all: the contract's no_history, not a binding.
    expect(
      missingBindings(fromSnapshots, sheets({ Accounts: full.Accounts, Snapshots: ['month', 'churned'] }), [
        'verdicts',
      ]),
    ).toEqual([]);
  });

  it('Snapshots, when there, needs its month, id and churned columns for the backtest', () => {
    const book = { ...full, Snapshots: ['Month', 'account_id', 'login_rate_30d', 'churn'] };
    expect(missingBindings(t, sheets(book), ['backtest'])).toEqual([
      { what: 'column', sheet: 'Snapshots', column: 'month', by: { setting: 'settings.columns.month' }, hint: 'Month' },
      {
        what: 'column',
        sheet: 'Snapshots',
        column: 'churned',
        by: { setting: 'settings.columns.churned' },
        hint: 'churn',
      },
    ]);
  });

  it('evidence (the run, the Lamps panel): a team without History gets its lamps; a misspelt History is reported', () => {
    const { History, ...noHistory } = full;
    // No History at all: every lamp counts, unproven (the contract) — nothing to report.
    expect(missingBindings(t, sheets(noHistory), ['evidence', 'lamps', 'backtest'])).toEqual([]);
    // check (verdicts) cannot judge anything without the KGI's series: reported there.
    expect(missingBindings(t, sheets(noHistory), ['verdicts'])).toEqual([
      { what: 'sheet', sheet: 'History', by: { setting: 'settings.history_sheet' }, hint: null },
    ]);
    // A sheet of a close name is a misspelling: every lamp's evidence would say "too little history".
    expect(missingBindings(t, sheets({ ...noHistory, history: History }), ['evidence', 'lamps', 'backtest'])).toEqual([
      { what: 'sheet', sheet: 'History', by: { setting: 'settings.history_sheet' }, hint: 'history' },
    ]);
    // The KGI's column misspelt in a History that exists.
    expect(
      missingBindings(t, sheets({ ...full, History: ['month', 'churn rate', 'login_rate', 'community_posts'] }), [
        'evidence',
      ]),
    ).toEqual([
      {
        what: 'column',
        sheet: 'History',
        column: 'churn_rate',
        by: { node: 'kgi', field: 'history_column' },
        hint: 'churn rate',
      },
    ]);
  });

  it('evidence reads the verdicts of the lamp nodes and their children only', () => {
    const book = { ...full, History: ['month', 'churn_rate', 'login_rate', 'comunity_posts'] };
    // "posts" lights no lamp: its verdict is the Tree panel's business, not the run's.
    expect(missingBindings(t, sheets(book), ['evidence'])).toEqual([]);
    expect(missingBindings(t, sheets(book), ['verdicts'])).toHaveLength(1);
    const lampPosts = tree({
      nodes: [
        ...t.nodes.filter((n) => n.id !== 'posts'),
        {
          id: 'posts',
          parent: 'kgi',
          type: 'kpi',
          name: 'Posts',
          history_column: 'community_posts',
          accounts_column: 'sub_rate',
          warn: 1,
        },
      ],
    });
    const noFallback = { ...book, Snapshots: ['month', 'account_id', 'churned'] };
    expect(missingBindings(lampPosts, sheets(noFallback), ['evidence'])).toEqual([
      {
        what: 'column',
        sheet: 'History',
        column: 'community_posts',
        by: { node: 'posts', field: 'history_column' },
        hint: 'comunity_posts',
      },
    ]);
  });

  it('backtest: a misspelt Snapshots sheet is reported; no Snapshots at all is not', () => {
    const { Snapshots, ...noSnapshots } = full;
    expect(missingBindings(t, sheets({ ...noSnapshots, Snapshot: Snapshots }), ['backtest'])).toEqual([
      { what: 'sheet', sheet: 'Snapshots', by: { setting: 'settings.snapshots_sheet' }, hint: 'Snapshot' },
    ]);
    expect(missingBindings(t, sheets(noSnapshots), ['backtest'])).toEqual([]);
  });

  it('reports each missing sheet once, before columns', () => {
    const two = tree({
      nodes: [
        { id: 'kgi', parent: null, type: 'kgi', name: 'K', history_column: 'a' },
        { id: 'x', parent: 'kgi', type: 'kpi', name: 'X', accounts_column: 'x', warn: 1 },
      ],
    });
    expect(missingBindings(two, sheets({ Other: ['x'] }), ['verdicts', 'lamps'])).toEqual([
      { what: 'sheet', sheet: 'History', by: { setting: 'settings.history_sheet' }, hint: null },
      { what: 'sheet', sheet: 'Accounts', by: { setting: 'settings.accounts_sheet' }, hint: null },
    ]);
  });
});
