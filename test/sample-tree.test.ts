/**
 * The sample's KPI tree in Japanese (sample/starter-tree.ja.json) is made
 * from the English tree and a table of words, never edited by hand: the file
 * is exactly what `npm run sample:tree` makes, its structure, bindings and
 * thresholds are the English tree's, every word a person reads is
 * translated, and the sidebar's "start from the sample" gives it to a
 * Japanese user.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { translateTree, TRANSLATED_FIELDS } from '../src/core/tree/translate';
import { validateTree } from '../src/core/tree/validate';
import { loadCsvFolder } from '../src/local/load-workbook';
import type { MemoryWorkbook } from '../src/local/memory-workbook';
import { EN_TREE_FILE, JA_TREE_FILE, JA_WORDS_FILE, japaneseStarterText } from '../src/local/sample-tree';
import { createApi } from '../src/server/api';
import { localHost } from '../src/local/local-run-host';

const ROOT = join(__dirname, '..');
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');
const en = JSON.parse(read(EN_TREE_FILE));
const ja = JSON.parse(read(JA_TREE_FILE));
const words = JSON.parse(read(JA_WORDS_FILE));

/** A node without the words a person reads. */
const bare = (n: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(n).filter(([k]) => !(TRANSLATED_FIELDS as readonly string[]).includes(k)));

describe('the Japanese sample tree', () => {
  it('is exactly what npm run sample:tree makes from the English tree and the words', () => {
    expect(read(JA_TREE_FILE)).toBe(japaneseStarterText());
  });

  it('has the English tree’s structure, bindings, thresholds and settings, node for node', () => {
    expect(ja.format).toBe(en.format);
    expect(ja.settings).toEqual(en.settings);
    expect(ja.nodes.map(bare)).toEqual(en.nodes.map(bare));
    expect(validateTree(ja).ok).toBe(true);
  });

  it('translates every word a person reads (only codes and proper nouns stay in Latin letters)', () => {
    const allowed = new Set(['CSM', 'NPS', 'TRUE', 'FALSE', 'KPI']);
    for (const n of ja.nodes as Record<string, unknown>[]) {
      for (const f of TRANSLATED_FIELDS) {
        const v = n[f];
        if (typeof v !== 'string') continue;
        const latin = (v.match(/[A-Za-z]+/g) ?? []).filter((w) => !allowed.has(w));
        expect({ node: n.id, field: f, latin }).toEqual({ node: n.id, field: f, latin: [] });
        if (!allowed.has(v)) expect(v).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      }
    }
  });

  it('refuses a table that does not fit the tree, naming node and field', () => {
    const doc = {
      format: 'kpi-lamp/tree@1',
      nodes: [{ id: 'kgi', parent: null, type: 'kgi', name: 'Churn', definition: 'Share that left' }],
    };
    expect(() => translateTree(doc, { kgi: { name: '解約率' } })).toThrow(
      'node "kgi": no translation of its definition "Share that left"',
    );
    expect(() => translateTree(doc, { kgi: { name: '解約率', definition: '割合' }, gone: { name: 'x' } })).toThrow(
      'the table translates node "gone", which the tree does not have',
    );
    expect(() => translateTree(doc, { kgi: { name: '解約率', definition: '割合', action: '電話' } })).toThrow(
      'node "kgi": a translation of action, which the node does not have',
    );
    expect(() => translateTree(doc, { kgi: { name: ' ', definition: '割合' } })).toThrow(
      'node "kgi": its name translation is empty',
    );
    expect(() => translateTree(doc, { kgi: { name: '解約率', definition: '割合', warn: '1' } as never })).toThrow(
      '"warn" is not a word a person reads',
    );
    // The words table itself covers the English tree exactly.
    expect(() => translateTree(en, words)).not.toThrow();
  });

  it('is the sample starter the sidebar offers a Japanese user (the English one to an English user)', () => {
    const book = (locale: string) => loadCsvFolder(join(ROOT, 'sample', 'workbook'), { locale });
    const strip = (wb: MemoryWorkbook) => {
      wb.deleteSheet('KPI Lamp Tree');
      wb.deleteSheet('KPI Lamp Settings');
      return wb;
    };
    const jaApi = createApi(strip(book('ja_JP')), localHost());
    expect(jaApi.getTreeState().starters).toContain('sample');
    expect(jaApi.starterTree('sample').nodes.map((n) => n.name)).toEqual(ja.nodes.map((n: { name: string }) => n.name));
    const enApi = createApi(strip(book('en_US')), localHost());
    expect(enApi.starterTree('sample').nodes.map((n) => n.name)).toEqual(en.nodes.map((n: { name: string }) => n.name));
  });
});
