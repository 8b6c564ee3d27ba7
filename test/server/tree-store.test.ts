/** The tree's storage in the workbook (in memory, and in Apps Script over the double): sheets KPI Lamp owns, validated before any write, last good copy kept. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETTINGS_SHEET, TREE_HEADER, TREE_SHEET } from '../../src/core/tree/sheet-rows';
import { loadTree, saveTree } from '../../src/server/tree-store';
import { BOOK_KINDS, emptyBook, useBooks, type BookKind } from '../helpers/books';

useBooks();

const starter = JSON.parse(readFileSync(join(__dirname, '..', '..', 'sample', 'starter-tree.json'), 'utf8'));

describe.each(BOOK_KINDS)('tree storage (%s)', (kind: BookKind) => {
  const empty = () => emptyBook(kind).wb;

  it('saves into two readable sheets and reads the same tree back (a reload)', () => {
    const wb = empty();
    const saved = saveTree(wb, starter);
    expect(saved.ok).toBe(true);
    expect(wb.readSheet(TREE_SHEET)!.header).toEqual(TREE_HEADER);
    expect(wb.readSheet(TREE_SHEET)!.rows).toHaveLength(starter.nodes.length);
    expect(wb.readSheet(SETTINGS_SHEET)!.rows.find((r) => r[0] === 'max_lag')).toEqual(['max_lag', 6]);
    const loaded = loadTree(wb);
    expect(loaded.status).toBe('ok');
    if (loaded.status === 'ok' && saved.ok) expect(loaded.tree).toEqual(saved.tree);
  });

  it('an invalid tree is refused whole: nothing is written', () => {
    const wb = empty();
    saveTree(wb, starter);
    const before = JSON.stringify([wb.readSheet(TREE_SHEET), wb.readSheet(SETTINGS_SHEET), wb.documentStore().keys()]);
    const bad = JSON.parse(JSON.stringify(starter));
    bad.nodes.push({ id: 'login', parent: 'kgi', type: 'kpi', name: 'Duplicate' });
    bad.settings.max_lag = 99;
    const r = saveTree(wb, bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.code).sort()).toEqual(['bad_value', 'duplicate_id']);
    expect(JSON.stringify([wb.readSheet(TREE_SHEET), wb.readSheet(SETTINGS_SHEET), wb.documentStore().keys()])).toBe(
      before,
    );
  });

  it('a broken hand edit names its row, and the last good tree is still there', () => {
    const wb = empty();
    saveTree(wb, starter);
    const col = TREE_HEADER.indexOf('type') + 1;
    wb.writeValues(TREE_SHEET, 5, col, [['gauge']]); // row 5 = the 4th node
    const loaded = loadTree(wb);
    expect(loaded.status).toBe('invalid');
    if (loaded.status !== 'invalid') return;
    expect(loaded.issues).toEqual([
      expect.objectContaining({ code: 'bad_value', node: starter.nodes[3].id, row: 5, field: 'type' }),
    ]);
    expect(loaded.lastGood!.nodes.map((n) => n.id)).toEqual(starter.nodes.map((n: { id: string }) => n.id));
  });

  it('a tree larger than one property value (9 KB) keeps its last good copy in pieces', () => {
    const wb = empty();
    const big = JSON.parse(JSON.stringify(starter));
    for (let i = 0; i < 60; i++)
      big.nodes.push({ id: `k${i}`, parent: 'adoption', type: 'kpi', name: `KPI ${i}`, definition: 'x'.repeat(200) });
    expect(saveTree(wb, big).ok).toBe(true);
    for (const k of wb.documentStore().keys()) expect(wb.documentStore().get(k)!.length).toBeLessThanOrEqual(9000);
    wb.writeValues(TREE_SHEET, 2, TREE_HEADER.indexOf('parent') + 1, [['nobody']]);
    const loaded = loadTree(wb);
    expect(loaded.status === 'invalid' && loaded.lastGood!.nodes.length).toBe(big.nodes.length);
  });

  it('a workbook without a tree says so', () => {
    expect(loadTree(empty()).status).toBe('none');
  });
});
