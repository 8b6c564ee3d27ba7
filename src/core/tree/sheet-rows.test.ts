import { settingsToRows, treeFromTables, treeToRows, TREE_HEADER } from './sheet-rows';
import { validateTree } from './validate';
import { plainText } from '../text/plain-text';

const doc = {
  format: 'kpi-lamp/tree@1',
  settings: { max_lag: 4, columns: { id: 'id' } },
  nodes: [
    { id: 'kgi', parent: null, type: 'kgi', name: 'Churn', direction: 'lower_is_better', deadline: '2027-03-31' },
    {
      id: 'login',
      parent: 'kgi',
      type: 'kpi',
      name: '=HYPERLINK("x")',
      warn: 0.5,
      action: '+call',
      by_plan: { Enterprise: { warn: 0.6 } },
    },
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
    expect(settings.rows.slice(-2)).toEqual([
      ['evidence', 'show'],
      ['alert_budget', 0.2],
    ]);
    const rows = settings.rows.map((row) =>
      row[0] === 'evidence' ? ['evidence', 'gate'] : row[0] === 'alert_budget' ? ['alert_budget', '15%'] : row,
    );
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
    const back = treeFromTables(
      { name: 'KPI Lamp Tree', header: [...TREE_HEADER, 'colour'], rows: treeToRows(r.tree) },
      {
        ...settings,
        rows: [...settings.rows, ['max_lag', 'six']],
      },
    );
    expect(back.ok).toBe(false);
    if (back.ok) return;
    expect(back.issues.map((i) => [i.code, i.field])).toEqual([
      ['unknown_key', 'colour'],
      ['bad_value', 'settings.max_lag'],
    ]);
  });
  it('text keys stay text whatever a reader typed the cells as (a sheet named 2025, TRUE or 80%)', () => {
    const hostile = validateTree({
      format: 'kpi-lamp/tree@1',
      settings: {
        accounts_sheet: '2025',
        snapshots_sheet: 'TRUE',
        history_sheet: '80%',
        columns: { id: '1,000', plan: '12' },
      },
      nodes: [
        { id: '2025', parent: null, type: 'kgi', name: '2027/4/5' },
        { id: 'TRUE', parent: '2025', type: 'kpi', name: 'FALSE', accounts_column: '1e3', warn: 0.5 },
      ],
    });
    if (!hostile.ok) throw new Error('fixture invalid');
    // What a reader that types cells would hand back (Sheets without plain text, an .xlsx).
    const typed = (v: unknown) =>
      v === 'TRUE'
        ? true
        : v === 'FALSE'
          ? false
          : v === '80%'
            ? '80%'
            : typeof v === 'string' && /^[\d.]+$/.test(v)
              ? Number(v)
              : v;
    const rows = treeToRows(hostile.tree).map((r) => r.map(typed));
    const set = settingsToRows(hostile.tree.settings).map(([k, v]) => [k, typed(v)]);
    expect(rows[1].slice(0, 4)).toEqual([true, 2025, 'kpi', false]);
    const back = treeFromTables(table(rows), { ...settings, rows: set as never });
    if (!back.ok) throw new Error(JSON.stringify(back.issues));
    expect(back.tree.settings).toEqual(hostile.tree.settings);
    expect(back.tree.nodes[1]).toMatchObject({
      id: 'TRUE',
      parent: '2025',
      name: 'FALSE',
      accounts_column: '1e3',
      warn: 0.5,
    });
  });

  it('keeps a leading apostrophe the user wrote: "\'=x" and "=x" stay two texts through a writer that neutralises', () => {
    const texts = ['=x', "'=x", "''=x", "'plain", '+1', "'+1", '@a'];
    const t = validateTree({
      format: 'kpi-lamp/tree@1',
      nodes: [
        { id: 'kgi', parent: null, type: 'kgi', name: 'K' },
        ...texts.map((x, i) => ({ id: `n${i}`, parent: 'kgi', type: 'csf', name: x, action: x })),
      ],
    });
    if (!t.ok) throw new Error('fixture invalid');
    // The adapters (GasWorkbook, the CSV writer) store a text with plainText.
    const stored = treeToRows(t.tree).map((r) => r.map((v) => (typeof v === 'string' ? plainText(v) : v)));
    const back = treeFromTables(table(stored), null);
    expect(back.ok && back.tree.nodes.slice(1).map((n) => [n.name, n.action])).toEqual(texts.map((x) => [x, x]));
    // And an adapter that stores text as it is (the in-memory workbook).
    const raw = treeFromTables(table(treeToRows(t.tree)), null);
    expect(raw.ok && raw.tree.nodes.slice(1).map((n) => n.name)).toEqual(texts);
  });

  it('keys from the settings sheet never reach a prototype', () => {
    const back = treeFromTables(table(treeToRows(r.tree)), {
      ...settings,
      rows: [...settings.rows, ['__proto__', 'x'], ['columns.__proto__', 'y'], ['columns.constructor', 'z']],
    });
    expect(back.ok).toBe(false);
    if (!back.ok)
      expect(back.issues.map((i) => [i.code, i.field])).toEqual([
        ['unknown_key', 'settings.__proto__'],
        ['unknown_key', 'settings.columns.__proto__'],
        ['unknown_key', 'settings.columns.constructor'],
      ]);
  });
});

describe('BigQuery settings in the settings sheet (issue 15)', () => {
  const table = (rows: unknown[][]) => ({ name: 'KPI Lamp Tree', header: TREE_HEADER, rows: rows as never });
  const sheet = (rows: unknown[][]) => ({ name: 'KPI Lamp Settings', header: ['key', 'value'], rows: rows as never });

  it('written only when set, and read back the same', () => {
    const plain = validateTree(doc);
    if (!plain.ok) throw new Error('fixture invalid');
    const keys = settingsToRows(plain.tree.settings).map((row) => row[0]);
    expect(keys.filter((k) => String(k).includes('table') || k === 'bigquery_project')).toEqual([]);

    const r = validateTree({
      ...doc,
      settings: {
        ...doc.settings,
        accounts_table: 'data-project.cs.accounts',
        snapshots_table: 'data-project.cs.snapshots',
      },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const rows = settingsToRows(r.tree.settings);
    expect(rows.slice(-2)).toEqual([
      ['accounts_table', 'data-project.cs.accounts'],
      ['snapshots_table', 'data-project.cs.snapshots'],
    ]);
    const back = treeFromTables(table(treeToRows(r.tree)), sheet(rows));
    expect(back).toEqual(r);
    expect(back.ok && 'bigquery_project' in back.tree.settings).toBe(false);
  });

  it('a blank value stays absent; a bad one is named with its row', () => {
    const r = validateTree(doc);
    if (!r.ok) throw new Error('fixture invalid');
    const rows = settingsToRows(r.tree.settings);
    const blank = treeFromTables(
      table(treeToRows(r.tree)),
      sheet([...rows, ['bigquery_project', ''], ['accounts_table', null]]),
    );
    expect(blank).toEqual(r);
    const bad = treeFromTables(table(treeToRows(r.tree)), sheet([...rows, ['snapshots_table', 'cs.snapshots']]));
    expect(bad.ok ? [] : bad.issues.map((i) => [i.code, i.field, i.part])).toEqual([
      ['bad_table_name', 'settings.snapshots_table', 'path'],
      ['table_without_accounts', 'settings.snapshots_table', undefined],
    ]);
  });
});
