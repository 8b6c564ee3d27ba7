/**
 * `kpi-lamp check` on the sample workbook's starter tree: the planted truths
 * of sample/generate.py show through the contract's verdict rules.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli';

const SAMPLE = join(__dirname, '..', '..', 'sample', 'workbook');
const STARTER = join(__dirname, '..', '..', 'sample', 'starter-tree.json');

describe('kpi-lamp check on the sample workbook', () => {
  let report: { format: string; kgi: { id: string }; nodes: Record<string, any>[] };
  beforeAll(async () => {
    const out = await cli(['check', SAMPLE, '--json']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    report = JSON.parse(out.stdout);
  });
  const node = (id: string) => report.nodes.find((n) => n.id === id)!;

  it('is a check@1 document listing every kpi and composite in tree order', () => {
    expect(report.format).toBe('kpi-lamp/check@1');
    expect(report.kgi).toEqual({ id: 'kgi', name: 'Monthly churn' });
    expect(report.nodes.map((n) => n.id)).toEqual([
      'login',
      'onboarding',
      'depth',
      'depth_login',
      'depth_feature',
      'exec',
      'community',
      'nps',
    ]);
    expect(Object.keys(report.nodes[0])).toEqual([
      'id',
      'name',
      'type',
      'declared_kind',
      'inferred_kind',
      'best_lag',
      'r',
      'pairs',
      'p_value',
      'levels_significant',
      'smart',
      'warnings',
    ]);
  });
  it('login rate leads churn by about 3 months, with no warning', () => {
    const n = node('login');
    expect(n.inferred_kind).toBe('leading');
    expect(n.best_lag).toBeGreaterThanOrEqual(2);
    expect(n.best_lag).toBeLessThanOrEqual(4);
    expect(n.r).toBeLessThan(0);
    expect(n.warnings).toEqual([]);
    expect(n.smart).toEqual({ specific: true, measurable: true, achievable: true, related: true, time_bound: true });
  });
  it('executive meetings follow churn: reverse causation', () => {
    expect(node('exec').inferred_kind).toBe('lagging');
    expect(node('exec').best_lag).toBe(-1);
    expect(node('exec').warnings).toContain('reverse_causation');
  });
  it('the trending KPI shares only a trend', () => {
    expect(node('community').levels_significant).toBe(true);
    expect(node('community').inferred_kind).toBe('none');
    expect(node('community').warnings).toEqual(['shared_trend']);
  });
  it('the lagging KPI given a threshold is flagged', () => {
    expect(node('nps').warnings).toContain('lagging_as_action');
  });
  it('the readable report uses the glossary words in both languages', async () => {
    const en = await cli(['check', SAMPLE, '--lang', 'en']);
    expect(en.stdout).toContain('Reverse causation suspected');
    expect(en.stdout).toContain('Shared trend only');
    const ja = await cli(['check', SAMPLE, '--lang', 'ja']);
    expect(ja.stdout).toContain('逆因果の疑い');
    expect(ja.stdout).toContain('共通トレンドのみ');
    expect(ja.stdout).toContain('遅行指標を日々の目標にしている');
  });
  it('--tree gives the same verdicts as the tree stored in the workbook', async () => {
    const fromFile = await cli(['check', SAMPLE, '--tree', STARTER, '--json']);
    expect(JSON.parse(fromFile.stdout)).toEqual(report);
  });
});

describe('kpi-lamp check: bad input exits 2 with a clear message', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-check-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an invalid tree file names the node and the problem, and changes nothing', async () => {
    const bad = JSON.parse(readFileSync(STARTER, 'utf8'));
    bad.nodes[2].parent = 'nowhere';
    bad.nodes[3].kind = 'early';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const out = await cli(['check', SAMPLE, '--tree', join(dir, 'bad.json')]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('node "login": its parent "nowhere" does not exist');
    expect(out.stderr).toContain('node "onboarding": kind is "early", expected one of leading, lagging, coincident');
    expect(out.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
  it('a workbook without a tree, a missing tree file, a missing workbook', async () => {
    const book = join(dir, 'book');
    cpSync(SAMPLE, book, { recursive: true });
    rmSync(join(book, 'KPI Lamp Tree.csv'));
    expect((await cli(['check', book])).stderr).toContain('has no KPI tree yet');
    expect((await cli(['check', book, '--tree', join(dir, 'none.json')])).code).toBe(2);
    expect((await cli(['check', join(dir, 'nope')])).code).toBe(2);
  });
  it('a broken hand edit of the tree sheet names its row', async () => {
    const book = join(dir, 'book2');
    cpSync(SAMPLE, book, { recursive: true });
    const file = join(book, 'KPI Lamp Tree.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[3] = lines[3].replace(',adoption,kpi,', ',adoptionn,kpi,'); // row 4 of the sheet
    writeFileSync(file, lines.join('\n'));
    const out = await cli(['check', book, '--lang', 'en']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('node "login", row 4: its parent "adoptionn" does not exist');
  });
});

describe('kpi-lamp import-tree / export-tree', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-tree-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a valid tree into a CSV folder and exports it back', async () => {
    const book = join(dir, 'book');
    cpSync(SAMPLE, book, { recursive: true });
    rmSync(join(book, 'KPI Lamp Tree.csv'));
    rmSync(join(book, 'KPI Lamp Settings.csv'));
    const tree = JSON.parse(readFileSync(STARTER, 'utf8'));
    tree.nodes[2].action = '=IMPORTXML("http://x","//a")';
    writeFileSync(join(dir, 't.json'), JSON.stringify(tree));
    const imported = await cli(['import-tree', book, join(dir, 't.json')]);
    expect(imported.code).toBe(0);
    expect(readFileSync(join(book, 'KPI Lamp Tree.csv'), 'utf8')).toContain(`'=IMPORTXML(""http://x"",""//a"")`);
    const exported = await cli(['export-tree', book]);
    expect(exported.code).toBe(0);
    const back = JSON.parse(exported.stdout);
    expect(back.nodes).toEqual(tree.nodes);
    expect(back.nodes[2].action).toBe('=IMPORTXML("http://x","//a")');
  });
  it('refuses an invalid tree and writes nothing', async () => {
    const book = join(dir, 'book3');
    cpSync(SAMPLE, book, { recursive: true });
    const before = readFileSync(join(book, 'KPI Lamp Tree.csv'), 'utf8');
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({ format: 'kpi-lamp/tree@1', nodes: [{ id: 'x', parent: null, type: 'kpi', name: 'X' }] }),
    );
    const out = await cli(['import-tree', book, join(dir, 'bad.json')]);
    expect(out.code).toBe(2);
    expect(readFileSync(join(book, 'KPI Lamp Tree.csv'), 'utf8')).toBe(before);
  });
});
