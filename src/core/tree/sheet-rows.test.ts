import { settingsToRows, treeFromTables, treeToRows, TREE_HEADER } from './sheet-rows';
import { validateTree } from './validate';

const doc = {
  format: 'kpi-lamp/tree@1',
  settings: { max_lag: 4, columns: { id: 'id' } },
  nodes: [
    { id: 'kgi', parent: null, type: 'kgi', name: 'Churn', direction: 'lower_is_better', deadline: '2027-03-31' },
    { id: 'login', parent: 'kgi', type: 'kpi', name: '=HYPERLINK("x")', warn: 0.5, action: '+call', by_plan: { Enterprise: { warn: 0.6 } } },
  ],
};

describe('tree sheet rows', () => {
  const r = validateTree(doc);
  if (!r.ok) throw new Error('fixture invalid');
  const table = (rows: unknown[][]) => ({ name: 'KPI Lamp Tree', header: TREE_HEADER, rows: rows as never });
  const settings = { name: 'KPI Lamp Settings', header: ['key', 'value'], rows: settingsToRows(r.tree.settings) };

  it('round-trips a tree through the two sheets', () => {
    const back = treeFromTables(table(treeToRows(r.tree)), settings);
    expect(back).toEqual(r);
  });
  it('reads numbers typed as text (80%, full-width) and neutralised text', () => {
    const rows = treeToRows(r.tree);
    rows[1][TREE_HEADER.indexOf('warn')] = '５０％';
    rows[1][TREE_HEADER.indexOf('name')] = `'=HYPERLINK("x")`;
    const back = treeFromTables(table(rows), settings);
    expect(back.ok && back.tree.nodes[1].warn).toBe(0.5);
    expect(back.ok && back.tree.nodes[1].name).toBe('=HYPERLINK("x")');
  });
  it('evidence and alert_budget are spelled out and read back (a budget typed as 15% too)', () => {
    expect(settings.rows.slice(-2)).toEqual([['evidence', 'show'], ['alert_budget', 0.2]]);
    const rows = settings.rows.map((row) => (row[0] === 'evidence' ? ['evidence', 'gate'] : row[0] === 'alert_budget' ? ['alert_budget', '15%'] : row));
    const back = treeFromTables(table(treeToRows(r.tree)), { ...settings, rows });
    expect(back.ok && [back.tree.settings.evidence, back.tree.settings.alert_budget]).toEqual(['gate', 0.15]);
    const old = treeFromTables(table(treeToRows(r.tree)), { ...settings, rows: settings.rows.slice(0, -2) });
    expect(old.ok && [old.tree.settings.evidence, old.tree.settings.alert_budget]).toEqual(['show', 0.2]);
  });
  it('a broken hand edit names the node and its sheet row', () => {
    const rows = treeToRows(r.tree);
    rows[1][TREE_HEADER.indexOf('parent')] = 'kgii';
    const back = treeFromTables(table([rows[0], [], rows[1]]), settings);
    expect(back.ok).toBe(false);
    if (back.ok) return;
    expect(back.issues).toEqual([expect.objectContaining({ code: 'missing_parent', node: 'login', row: 4 })]);
  });
  it('an unknown column or a bad setting is reported', () => {
    const back = treeFromTables({ name: 'KPI Lamp Tree', header: [...TREE_HEADER, 'colour'], rows: treeToRows(r.tree) }, {
      ...settings,
      rows: [...settings.rows, ['max_lag', 'six']],
    });
    expect(back.ok).toBe(false);
    if (back.ok) return;
    expect(back.issues.map((i) => [i.code, i.field])).toEqual([
      ['unknown_key', 'colour'],
      ['bad_value', 'settings.max_lag'],
    ]);
  });
});
