/**
 * Trees a hostile or careless user writes, through the command line: texts
 * that look like numbers, booleans or formulas keep their identity through
 * import-tree (the CSV tree sheets) and every command still works; ceilings
 * give one clear message and exit 2.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli';

const SAMPLE = join(__dirname, '..', '..', 'sample', 'workbook');
const STARTER = JSON.parse(readFileSync(join(__dirname, '..', '..', 'sample', 'starter-tree.json'), 'utf8'));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-hostile-tree-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeJson(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
}

describe('texts that look like numbers, booleans or formulas', () => {
  it('sheets named 2025, TRUE and 80%, and such names and actions, round-trip through import-tree; every command works', async () => {
    const book = join(dir, 'book');
    cpSync(SAMPLE, book, { recursive: true });
    renameSync(join(book, 'Accounts.csv'), join(book, '2025.csv'));
    renameSync(join(book, 'Snapshots.csv'), join(book, 'TRUE.csv'));
    renameSync(join(book, 'History.csv'), join(book, '80%.csv'));
    const tree = JSON.parse(JSON.stringify(STARTER));
    tree.settings = { ...tree.settings, accounts_sheet: '2025', snapshots_sheet: 'TRUE', history_sheet: '80%' };
    const names = ['80%', '1,234', '0.10', 'true', '2027/4/5', "'=SUM(A1)", '=HYPERLINK("x")', '+1', 'FALSE'];
    tree.nodes.forEach((n: Record<string, unknown>, i: number) => {
      if (i > 0 && i <= names.length) n.name = names[i - 1];
    });
    tree.nodes[2].action = "'=x";
    tree.nodes[3].action = '=x';
    const file = writeJson('tree.json', tree);

    const imported = await cli(['import-tree', book, file]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);

    const exported = await cli(['export-tree', book]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const back = JSON.parse(exported.stdout);
    expect(back.settings).toMatchObject({ accounts_sheet: '2025', snapshots_sheet: 'TRUE', history_sheet: '80%' });
    expect(back.nodes.map((n: { name: string }) => n.name).slice(1, names.length + 1)).toEqual(names);
    expect(back.nodes[2].action).toBe("'=x");
    expect(back.nodes[3].action).toBe('=x');
    // The same tree as the file: export-tree of a --tree run gives the same JSON.
    expect(back).toEqual(JSON.parse((await cli(['export-tree', book])).stdout));

    for (const argv of [
      ['check', book],
      ['check', book, '--json'],
      ['lamps', book, '--json'],
      ['lamps', book],
      ['info', book],
    ]) {
      const out = await cli(argv);
      expect({ argv, code: out.code, stderr: out.stderr }).toEqual({ argv, code: 0, stderr: '' });
    }
    const lamps = JSON.parse((await cli(['lamps', book, '--json'])).stdout);
    expect(lamps.accounts.length).toBeGreaterThan(0);
  });
});

describe('ceilings: one clear message, exit 2', () => {
  const chain = (n: number, cycle: boolean) => ({
    format: 'kpi-lamp/tree@1',
    nodes: Array.from({ length: n }, (_, i) => ({
      id: `n${i}`,
      parent: i === 0 ? (cycle ? `n${n - 1}` : null) : `n${i - 1}`,
      type: i === 0 && !cycle ? 'kgi' : 'csf',
      name: `N${i}`,
    })),
  });

  it.each([
    ['a 10,000-level parent chain', () => chain(10_000, false), /the tree has 10,000 nodes; at most 500 are allowed/],
    ['a 10,000-node cycle', () => chain(10_000, true), /the tree has 10,000 nodes; at most 500 are allowed/],
    [
      'deeply nested JSON',
      () => `{"format":"kpi-lamp/tree@1","nodes":${'['.repeat(200_000)}${']'.repeat(200_000)}}`,
      /nests arrays and objects more than 16 deep/,
    ],
    [
      'a 5 MB name',
      () => ({
        ...STARTER,
        nodes: STARTER.nodes.map((n: object, i: number) => (i === 1 ? { ...n, name: 'a '.repeat(2_500_000) } : n)),
      }),
      /name has 5,000,000 characters; at most 2,000/,
    ],
    [
      'a 5 MB action',
      () => ({
        ...STARTER,
        nodes: STARTER.nodes.map((n: object, i: number) => (i === 2 ? { ...n, action: 'x'.repeat(5_000_000) } : n)),
      }),
      /action has 5,000,000 characters; at most 2,000/,
    ],
  ])('%s', async (_label, make, message) => {
    const file = writeJson('tree.json', make());
    for (const argv of [
      ['check', SAMPLE, '--tree', file],
      ['lamps', SAMPLE, '--tree', file, '--json'],
    ]) {
      const out = await cli(argv);
      expect(out.code).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toMatch(message);
      expect(out.stderr.length).toBeLessThan(1000);
    }
    const ja = await cli(['check', SAMPLE, '--tree', file, '--lang', 'ja']);
    expect(ja.code).toBe(2);
    expect(ja.stderr).toMatch(/まで|段より深く/);
  });

  it('100,000 KPIs: refused by the node ceiling before any lamp is lit', async () => {
    const tree = JSON.parse(JSON.stringify(STARTER));
    for (let i = 0; i < 100_000; i++)
      tree.nodes.push({ id: `k${i}`, parent: 'adoption', type: 'kpi', name: 'K', warn: 0.5 });
    const out = await cli(['lamps', SAMPLE, '--tree', writeJson('tree.json', JSON.stringify(tree))]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/the tree has 100,012 nodes; at most 500 are allowed/);
  });
});

describe('import-tree writes both tree sheets or neither', () => {
  it('failing on its second file, it leaves the first as it was and says which file', async () => {
    const book = join(dir, 'book');
    cpSync(SAMPLE, book, { recursive: true });
    rmSync(join(book, 'KPI Lamp Settings.csv'));
    mkdirSync(join(book, 'KPI Lamp Settings.csv')); // a folder where the file should go: the move fails
    const before = readFileSync(join(book, 'KPI Lamp Tree.csv'));
    const files = readdirSync(book).sort();
    const tree = JSON.parse(JSON.stringify(STARTER));
    tree.nodes[0].name = 'A new KGI name';
    for (const lang of ['en', 'ja']) {
      const out = await cli(['import-tree', book, writeJson('tree.json', tree), '--lang', lang]);
      expect(out.code).toBe(2);
      expect(out.stderr).toContain('KPI Lamp Settings.csv');
      expect(out.stderr).toMatch(
        lang === 'en' ? /cannot be written .*nothing was changed/ : /書き込めません.*何も変更していません/,
      );
      expect(readFileSync(join(book, 'KPI Lamp Tree.csv'))).toEqual(before);
      expect(readdirSync(book).sort()).toEqual(files);
    }
  });
});
