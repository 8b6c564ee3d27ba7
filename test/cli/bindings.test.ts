/**
 * A careless user's workbook: a misspelt sheet or column the tree binds is
 * reported as such (exit 2, with the closest existing name), never as good
 * news ("0 accounts at risk", every KPI "too little history").
 */
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/cli';

const SAMPLE = join(__dirname, '..', '..', 'sample', 'workbook');

let dir: string;
let book: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-lamp-bindings-'));
  book = join(dir, 'book');
  cpSync(SAMPLE, book, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function renameHeader(sheet: string, from: string, to: string): void {
  const file = join(book, `${sheet}.csv`);
  const [head, ...rest] = readFileSync(file, 'utf8').split('\n');
  const cells = head.split(',');
  expect(cells).toContain(from);
  writeFileSync(file, [cells.map((c) => (c === from ? to : c)).join(','), ...rest].join('\n'));
}

describe('missing or misspelt sheets and columns', () => {
  it('a misspelt History sheet: check exits 2 naming it, with the sheet that is there', async () => {
    renameSync(join(book, 'History.csv'), join(book, 'Histroy.csv'));
    const out = await cli(['check', book]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(
      'kpi-lamp: The workbook lacks what the KPI tree reads; nothing was judged:\n' +
        '  - The setting settings.history_sheet names the sheet "History", which this workbook does not have (did you mean "Histroy"?)\n',
    );
    const ja = await cli(['check', book, '--lang', 'ja']);
    expect(ja.code).toBe(2);
    expect(ja.stderr).toContain(
      '設定 settings.history_sheet がシート「History」を指定していますが、このワークブックにありません(「Histroy」のことですか?)',
    );
  });

  it('a misspelt KPI column: lamps exits 2 instead of "0 accounts at risk"', async () => {
    renameHeader('Accounts', 'login_rate_30d', 'login_rate_30');
    const out = await cli(['lamps', book]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain(
      'Node "login" (accounts_column) names the column "login_rate_30d", which sheet "Accounts" does not have (did you mean "login_rate_30"?)',
    );
    expect(out.stderr.trimEnd().split('\n')).toHaveLength(2); // one line per missing column, though two nodes bind it
    const json = await cli(['lamps', book, '--json']);
    expect(json.code).toBe(2);
    expect(json.stdout).toBe('');
  });

  it('a misspelt accounts sheet and a misspelt History column', async () => {
    renameSync(join(book, 'Accounts.csv'), join(book, 'accounts.csv'));
    const lamps = await cli(['lamps', book]);
    expect(lamps.code).toBe(2);
    expect(lamps.stderr).toContain(
      'names the sheet "Accounts", which this workbook does not have (did you mean "accounts"?)',
    );
    renameHeader('History', 'churn_rate', 'churnrate');
    const check = await cli(['check', book]);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain(
      'Node "kgi" (history_column) names the column "churn_rate", which sheet "History" does not have (did you mean "churnrate"?)',
    );
  });

  it('lamps reads what the run reads: a misspelt History or Snapshots sheet exits 2 instead of judging evidence without it', async () => {
    renameSync(join(book, 'History.csv'), join(book, 'history.csv'));
    const out = await cli(['lamps', book, '--json']);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain(
      'The setting settings.history_sheet names the sheet "History", which this workbook does not have (did you mean "history"?)',
    );
    renameSync(join(book, 'history.csv'), join(book, 'History.csv'));
    renameSync(join(book, 'Snapshots.csv'), join(book, 'Snapshot.csv'));
    const snap = await cli(['lamps', book]);
    expect(snap.code).toBe(2);
    expect(snap.stderr).toContain(
      'The setting settings.snapshots_sheet names the sheet "Snapshots", which this workbook does not have (did you mean "Snapshot"?)',
    );
    // No History at all is a team without history: lamps still light (the contract), check cannot judge.
    rmSync(join(book, 'History.csv'));
    renameSync(join(book, 'Snapshot.csv'), join(book, 'Snapshots.csv'));
    expect((await cli(['lamps', book, '--json'])).code).toBe(0);
  });

  it('Snapshots without its churned column: the backtest would say nobody churned', async () => {
    renameHeader('Snapshots', 'churned', 'cancelled');
    const out = await cli(['lamps', book]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(
      'The setting settings.columns.churned names the column "churned", which sheet "Snapshots" does not have',
    );
  });

  it('legitimate absences still work: no Snapshots for lamps, History column found in Snapshots for check', async () => {
    rmSync(join(book, 'Snapshots.csv'));
    const lamps = await cli(['lamps', book, '--json']);
    expect(lamps.stderr).toBe('');
    expect(lamps.code).toBe(0);
    cpSync(join(SAMPLE, 'Snapshots.csv'), join(book, 'Snapshots.csv'));
    renameHeader('History', 'login_rate', 'login_rate_old'); // login's series then comes from Snapshots' login_rate_30d
    const check = await cli(['check', book, '--json']);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
  });
});
