/** The KPI tree builder's server API, in memory and in Apps Script (GasWorkbook over the Apps Script double). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkbook } from '../../src/local/load-workbook';
import { MemoryWorkbook } from '../../src/local/memory-workbook';
import { langKey } from '../../src/server/api';
import { correlogramKey } from '../../src/server/tree-api';
import { TREE_SHEET } from '../../src/core/tree/sheet-rows';
import { BOOK_KINDS, opener, useBooks, type BookKind } from '../helpers/books';

useBooks();

const SAMPLE = join(__dirname, '..', '..', 'sample', 'workbook');
const STARTER = readFileSync(join(__dirname, '..', '..', 'sample', 'starter-tree.json'), 'utf8');

/** What google.script.run would deliver: JSON-safe, nothing undefined. */
const wire = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const plainJson = (v: unknown) => expect(wire(v)).toEqual(v);

function small(locale = 'en_US'): MemoryWorkbook {
  const wb = new MemoryWorkbook({ locale });
  wb.addSheet('Accounts', [
    ['account_id', 'login_rate_30d'],
    ['A1', 0.5],
  ]);
  wb.addSheet('History', [
    ['month', 'churn_rate', 'login_rate'],
    ['2024-01', 0.03, 0.6],
  ]);
  return wb;
}

const tree = (nodes: Record<string, unknown>[]) => ({ format: 'kpi-lamp/tree@1', nodes });
const KGI = {
  id: 'kgi',
  parent: null,
  type: 'kgi',
  name: 'Churn',
  history_column: 'churn_rate',
  direction: 'lower_is_better',
};

describe.each(BOOK_KINDS)('tree API (%s)', (kind: BookKind) => {
  const { open, createApi } = opener(kind);

  it('offers the sheet names and the plans of the Accounts plan column (as bound in the settings); saves by_plan and settings', () => {
    const m = small();
    m.addSheet('Clients', [
      ['client', 'tier'],
      ['C1', ' Enterprise '],
      ['C2', 'Growth'],
      ['C3', 'Enterprise'],
      ['C4', null],
      ['C5', 7],
    ]);
    const api = createApi(open(m));
    expect(api.getTreeState().sheets).toEqual(['Accounts', 'History', 'Clients']);
    expect(api.getTreeState().plans).toEqual([]); // Accounts has no plan column
    const doc = {
      format: 'kpi-lamp/tree@1',
      settings: { accounts_sheet: 'Clients', columns: { id: 'client', plan: 'tier' }, max_lag: 4 },
      nodes: [
        KGI,
        {
          id: 'login',
          parent: 'kgi',
          type: 'kpi',
          name: 'Login',
          warn: 0.5,
          by_plan: { Enterprise: { warn: 0.6, alert: 0.4 } },
        },
      ],
    };
    const saved = api.saveTree(doc);
    expect(saved.ok).toBe(true);
    plainJson(saved.state);
    expect(saved.state?.plans).toEqual(['7', 'Enterprise', 'Growth']);
    expect(saved.state?.tree?.settings).toMatchObject({
      accounts_sheet: 'Clients',
      max_lag: 4,
      columns: { id: 'client', plan: 'tier', name: 'account_name' },
    });
    expect(saved.state?.tree?.nodes[1].by_plan).toEqual({ Enterprise: { warn: 0.6, alert: 0.4 } });
    // Out of the contract's range: refused, nothing written.
    const bad = api.saveTree({ ...doc, settings: { max_lag: 25, significance: 1 } });
    expect(bad.ok).toBe(false);
    expect(bad.issues.join('\n')).toContain('max_lag');
    expect(api.getTreeState().tree?.settings.max_lag).toBe(4);
  });

  it('with no tree: status none, the column pickers, and the minimal starter only when the sample columns are missing', () => {
    const api = createApi(small());
    const s = api.getTreeState();
    expect(s).toEqual({
      status: 'none',
      tree: null,
      issues: [],
      verdicts: [],
      columns: {
        accounts: ['account_id', 'login_rate_30d'],
        history: ['month', 'churn_rate', 'login_rate'],
        snapshots: [],
      },
      starters: ['minimal'],
      sheets: ['Accounts', 'History'],
      plans: [],
      kgi: null,
      cards: [],
      evidenceAt: null,
      budget: null,
      missing: [],
    });
    plainJson(s);
    // Trees KPI Lamp creates are written with the gate.
    expect(api.starterTree('minimal')).toEqual({
      format: 'kpi-lamp/tree@1',
      settings: { evidence: 'gate' },
      nodes: [{ id: 'kgi', parent: null, type: 'kgi', name: 'Monthly churn', direction: 'lower_is_better' }],
    });
    expect(api.starterTree('sample').settings).toMatchObject({ evidence: 'gate', alert_budget: 0.2 });
    const ja = small('ja_JP');
    expect(createApi(ja).starterTree('minimal').nodes[0].name).toBe('月次解約率');
  });

  it('saves a valid tree (thresholds as numbers), and nothing at all on error, with the row-free message naming the node', () => {
    const wb = open(small());
    const api = createApi(wb);
    const bad = api.saveTree(tree([KGI, { id: 'login', parent: 'nope', type: 'kpi', name: 'Login', warn: '80%' }]));
    expect(bad.ok).toBe(false);
    expect(bad.state).toBeNull();
    expect(bad.issues).toEqual([
      'node "login": warn is "80%", expected a number',
      'node "login": its parent "nope" does not exist',
    ]);
    expect(wb.sheetNames()).not.toContain(TREE_SHEET);
    expect(api.saveTree(undefined as unknown).ok).toBe(false);

    const good = api.saveTree(
      tree([
        KGI,
        {
          id: 'login',
          parent: 'kgi',
          type: 'kpi',
          name: 'Login',
          warn: api.normalizeNumber('８０％'),
          history_column: 'login_rate',
        },
      ]),
    );
    expect(good.ok).toBe(true);
    expect(good.state?.status).toBe('ok');
    expect(good.state?.tree?.nodes[1]).toEqual({
      id: 'login',
      parent: 'kgi',
      type: 'kpi',
      name: 'Login',
      history_column: 'login_rate',
      warn: 0.8,
    });
    expect(good.state?.verdicts.map((v) => [v.id, v.badge, v.warnings])).toEqual([
      ['login', 'grey', ['short_history', 'no_action']],
    ]);
    plainJson(good);
    expect(createApi(wb).getTreeState().tree).toEqual(good.state?.tree);
  });

  it('normalises numbers typed as 0.8, 80% or full-width ８０％', () => {
    const api = createApi(small());
    expect(['0.8', '80%', '８０％', ' 80 % ', 0.8].map((x) => api.normalizeNumber(x))).toEqual([
      0.8, 0.8, 0.8, 0.8, 0.8,
    ]);
    expect(api.normalizeNumber('eighty')).toBeNull();
    expect(api.normalizeNumber({})).toBeNull();
  });

  it('imports valid JSON (and saves it), refuses invalid JSON with the message in the user language, changing nothing', () => {
    const wb = open(small('ja'));
    const api = createApi(wb);
    const syntax = api.importTree('{ not json');
    expect(syntax.ok).toBe(false);
    expect(syntax.issues[0]).toMatch(/^ツリーとして読めません: /);
    const dup = api.importTree(JSON.stringify(tree([KGI, { id: 'kgi', parent: 'kgi', type: 'kpi', name: 'x' }])));
    expect(dup.issues).toContain('ノード "kgi": id "kgi" が重複しています');
    expect(api.importTree(42).ok).toBe(false);
    expect(wb.sheetNames()).not.toContain(TREE_SHEET);
    wb.userStore().set(langKey(wb), 'en');
    const ok = api.importTree(JSON.stringify(tree([KGI])));
    expect(ok.ok).toBe(true);
    expect(JSON.parse(api.exportTree().json as string)).toMatchObject({ format: 'kpi-lamp/tree@1', nodes: [KGI] });
  });

  it('a broken tree sheet: status invalid, issues naming node and row, the last good tree and its verdicts still given', async () => {
    const wb = open(await loadWorkbook(SAMPLE));
    const api = createApi(wb);
    // The sample's tree sheet is valid; saving it once keeps a last good copy in the document store.
    expect(api.getTreeState().status).toBe('ok');
    expect(api.saveTree(JSON.parse(STARTER)).ok).toBe(true);
    wb.writeValues(TREE_SHEET, 4, 11, [['lots']]); // row 4 = "login", column K = warn
    const s = api.getTreeState();
    expect(s.status).toBe('invalid');
    expect(s.issues).toEqual(['node "login", row 4: warn is "lots", expected a number']);
    expect(s.tree?.nodes.find((n) => n.id === 'login')).toMatchObject({ warn: 0.5 });
    expect(s.verdicts.length).toBe(8);
    expect(JSON.parse(api.exportTree().json as string).nodes).toHaveLength(12);
  });

  it('verdicts of the sample: login leads (+3), executive meetings reverse causation, community posts shared trend; correlograms', async () => {
    const api = createApi(open(await loadWorkbook(SAMPLE)));
    const s = api.getTreeState();
    plainJson(s);
    expect(s.starters).toEqual([]);
    expect(s.columns.accounts).toContain('login_rate_30d');
    expect(s.columns.history).toContain('community_posts');
    const by = Object.fromEntries(s.verdicts.map((v) => [v.id, v]));
    expect(by.login).toMatchObject({ inferred_kind: 'leading', best_lag: 3, pairs: 32, badge: 'green', warnings: [] });
    expect(by.exec).toMatchObject({ inferred_kind: 'lagging', best_lag: -1, badge: 'amber' });
    expect(by.exec.warnings).toContain('reverse_causation');
    expect(by.community).toMatchObject({
      inferred_kind: 'none',
      warnings: ['shared_trend'],
      badge: 'amber',
      levels_significant: true,
    });
    // Correlogram rows: lags −6 … +6, both scans; the best lag is among the significant changes.
    expect(by.login.correlogram.map((r) => r.lag)).toEqual([-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6]);
    const best = by.login.correlogram.find((r) => r.lag === 3)!;
    expect(best.changes).toMatchObject({ significant: true, pairs: 32 });
    expect(best.changes.r).toBeCloseTo(by.login.r as number, 12);
    expect(by.community.correlogram.some((r) => r.levels.significant)).toBe(true);
    expect(by.community.correlogram.some((r) => r.changes.significant)).toBe(false);
  });

  it('judges an unsaved draft without writing anything', async () => {
    const wb = open(await loadWorkbook(SAMPLE));
    const api = createApi(wb);
    const draft = api.getTreeState().tree!; // (keeps the evidence it judged: a cache, see evidence-store.ts)
    const before = JSON.stringify([wb.readSheet('KPI Lamp Tree'), wb.documentStore().keys()]);
    const exec = draft.nodes.find((n) => n.id === 'exec')!;
    exec.kind = 'lagging'; // the team accepts that meetings follow churn
    const r = api.checkDraft(draft);
    plainJson(r);
    expect(r.ok).toBe(true);
    const v = r.verdicts.find((x) => x.id === 'exec')!;
    expect(v.declared_kind).toBe('lagging');
    expect(v.warnings).not.toContain('reverse_causation');
    expect(v.warnings).toContain('lagging_as_action'); // it still has thresholds
    expect(JSON.stringify([wb.readSheet('KPI Lamp Tree'), wb.documentStore().keys()])).toBe(before);
    const bad = api.checkDraft({
      ...draft,
      nodes: [...draft.nodes, { id: 'x', parent: 'nowhere', type: 'kpi', name: 'X' }],
    });
    expect(bad.ok).toBe(false);
    expect(bad.issues.join()).toContain('nowhere');
    expect(bad.verdicts).toEqual([]);
  });

  it('sample starter is offered when the workbook has its columns and no tree', async () => {
    const wb = open(await loadWorkbook(SAMPLE));
    wb.deleteSheet(TREE_SHEET);
    const api = createApi(wb);
    expect(api.getTreeState()).toMatchObject({ status: 'none', starters: ['minimal', 'sample'] });
    expect(api.starterTree('sample').nodes).toHaveLength(12);
  });

  it('openCorrelogram picks the node and asks for a 720 px dialog; getCorrelogram gives its verdict', async () => {
    const wb = open(await loadWorkbook(SAMPLE));
    const api = createApi(wb);
    const r = api.openCorrelogram('login');
    expect(r).toEqual({
      modalDialog: { file: 'Correlogram', title: 'Correlogram — 30-day login rate', width: 720, height: 560 },
    });
    expect(wb.userStore().get(correlogramKey(wb))).toBe('login');
    const c = api.getCorrelogram();
    plainJson(c);
    expect(c).toMatchObject({ lang: 'en', kgi: 'Monthly churn', verdict: { id: 'login', best_lag: 3 } });
    expect(() => api.openCorrelogram('adoption')).toThrow('There is no KPI "adoption" in the saved tree.');
    expect(() => api.openCorrelogram(undefined)).toThrow(/no KPI/);
  });
});

describe('tree builder words', () => {
  // The sidebar-only catalogue (kept out of dist/Code.js) follows the same rules as messages.ts's.
  const { treeClientCatalogues, treeText } = jest.requireActual(
    '../../src/i18n/tree-ui-messages',
  ) as typeof import('../../src/i18n/tree-ui-messages');
  it('has the same keys and placeholders in Japanese and English, none empty', () => {
    const names = (text: string) => [...new Set(text.match(/\{[A-Za-z0-9_]+\}/g) ?? [])].sort();
    const keys = Object.keys(treeClientCatalogues.en).sort();
    expect(Object.keys(treeClientCatalogues.ja).sort()).toEqual(keys);
    for (const key of keys as (keyof typeof treeClientCatalogues.en)[]) {
      expect(treeClientCatalogues.ja[key].trim()).not.toBe('');
      expect({ key, names: names(treeClientCatalogues.ja[key]) }).toEqual({
        key,
        names: names(treeClientCatalogues.en[key]),
      });
    }
  });
  it('falls back to the main catalogue (glossary, warnings)', () => {
    expect(treeText('ja', 'term.warn')).toBe('注意ライン');
    expect(treeText('en', 'warning.reverse_causation')).toBe('Reverse causation suspected');
    expect(treeText('en', 'tree.ui.editor', { name: 'Login' })).toBe('Edit: Login');
  });
});
